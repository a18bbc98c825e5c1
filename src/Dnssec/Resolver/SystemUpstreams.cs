using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Dnssec.Resolver;

/// <summary>
/// The recursive servers the system names when none are configured: resolv.conf's, or, where that file is missing,
/// unreadable or lists none (Windows, minimal containers), the DNS servers of the network interfaces that are up.
/// </summary>
/// <param name="Conf">The resolv.conf read, whose options still apply; null when it could not be read.</param>
/// <param name="Servers">The servers found, in order, without repeats; empty when no source named one.</param>
/// <param name="Origin">Where the servers came from, or why there are none, for logs and errors.</param>
internal sealed record SystemUpstreams(ResolvConf? Conf, IReadOnlyList<IPEndPoint> Servers, string Origin)
{
    /// <summary>Reads <paramref name="resolvConfPath"/>, then asks <paramref name="interfaceServers"/> when it gives no server.</summary>
    public static SystemUpstreams Find(string resolvConfPath, Func<IReadOnlyList<IPAddress>> interfaceServers)
    {
        ResolvConf? conf = ResolvConf.TryLoad(resolvConfPath, out string? problem);
        if (conf is { NameServers.Count: > 0 })
        {
            return new SystemUpstreams(conf, conf.NameServers, resolvConfPath);
        }

        string why = conf is null ? problem! : $"{resolvConfPath} lists no nameserver";
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = interfaceServers();
        }
        catch (NetworkInformationException exception)
        {
            return new SystemUpstreams(conf, [], $"no upstream servers: {why}, and the network interfaces cannot be read ({exception.Message})");
        }

        List<IPEndPoint> servers = [];
        foreach (IPAddress address in addresses)
        {
            var server = new IPEndPoint(address, 53);
            if (!servers.Contains(server))
            {
                servers.Add(server);
            }
        }

        return servers.Count > 0
            ? new SystemUpstreams(conf, servers, $"the network interfaces' DNS servers ({why})")
            : new SystemUpstreams(conf, [], $"no upstream servers: {why}, and no network interface that is up has a DNS server");
    }

    /// <summary>
    /// The DNS servers of the interfaces that are up, in the system's order. Loopback interfaces count whatever their
    /// status (Linux reports its loopback's as unknown), as a local resolver such as 127.0.0.53 is a usable server.
    /// </summary>
    /// <exception cref="NetworkInformationException">The system cannot list its interfaces.</exception>
    public static IReadOnlyList<IPAddress> FromInterfaces()
    {
        List<IPAddress> found = [];
        foreach (NetworkInterface adapter in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (adapter.OperationalStatus != OperationalStatus.Up && adapter.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            {
                continue;
            }

            found.AddRange(adapter.GetIPProperties().DnsAddresses.Where(Usable));
        }

        return found;
    }

    /// <summary>
    /// Leaves out the unspecified addresses and Windows' fec0:0:0:ffff::1-3, which it lists when no IPv6 DNS server is
    /// configured (deprecated site-local placeholders, RFC 3879).
    /// </summary>
    private static bool Usable(IPAddress address) =>
        !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
        && !(address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv6SiteLocal);
}
