using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// A name of this machine that the system resolver answers locally, for the tests of DNS over HTTPS servers named
/// without their address: the host name, which container runtimes and Debian and Ubuntu installers put in /etc/hosts,
/// else Debian's ip6-localhost or localhost.localdomain. None resolving fails the test that asks, naming what was tried.
/// </summary>
internal static class LocalHostName
{
    private static readonly Lazy<(string Name, IPAddress Address)> Found = new(Find);

    /// <summary>The name, in lower case as a URL's host reads.</summary>
    public static string Name => Found.Value.Name;

    /// <summary>The address an upstream named so connects to: the first IPv4 address the system gives, else the first.</summary>
    public static IPAddress Address => Found.Value.Address;

    private static (string Name, IPAddress Address) Find()
    {
        var tried = new List<string>();
        foreach (string name in (string[])[Dns.GetHostName(), "ip6-localhost", "localhost.localdomain"])
        {
            // localhost itself is never looked up, and a host name need not be a domain name.
            if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || !DnsName.TryParse(name, out _))
            {
                tried.Add($"{name} (not usable)");
                continue;
            }

            try
            {
                IPAddress[] addresses = Dns.GetHostAddresses(name);
                IPAddress? address = addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                if (address is not null)
                {
                    return (name.ToLowerInvariant(), address);
                }

                tried.Add($"{name} (no address)");
            }
            catch (SocketException exception)
            {
                tried.Add($"{name} ({exception.Message})");
            }
        }

        throw new InvalidOperationException($"No name of this machine resolves through the system resolver: tried {string.Join(", ", tried)}; map the host name in /etc/hosts.");
    }
}
