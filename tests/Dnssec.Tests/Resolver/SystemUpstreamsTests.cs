using System.Net;
using System.Net.NetworkInformation;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The upstreams used when none are configured: resolv.conf's, else the network interfaces' DNS servers (Windows,
/// containers without resolv.conf), else none, which is not an error at construction but an answer that says why.
/// </summary>
public class SystemUpstreamsTests
{
    private static readonly IPAddress First = IPAddress.Parse("192.0.2.53");
    private static readonly IPAddress Second = IPAddress.Parse("2001:db8::53");

    [Fact]
    public async Task ResolveAsync_ResolvConfMissing_AsksTheInterfacesServersInOrderWithoutRepeats()
    {
        using var directory = new TemporaryDirectory();
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var options = Options(System.IO.Path.Combine(directory.Path, "resolv.conf"), () => [First, Second, First]);
        await using var resolver = new DnssecResolver(options, transport: transport);

        await resolver.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal([new IPEndPoint(First, 53), new IPEndPoint(Second, 53)], transport.Servers);
    }

    [Fact]
    public async Task ResolveAsync_ResolvConfWithoutNameserver_InterfacesServersWithResolvConfOptions()
    {
        using var directory = new TemporaryDirectory();
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var options = Options(directory.Write("resolv.conf", "search example.com\noptions timeout:1\n"), () => [Second]);
        options.Timeout = null;
        await using var resolver = new DnssecResolver(options, transport: transport);

        await resolver.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal([new IPEndPoint(Second, 53)], transport.Servers);
        Assert.All(transport.Exchanges, exchange => Assert.Equal(TimeSpan.FromSeconds(1), exchange.Options.Timeout));
    }

    [Fact]
    public void Find_ResolvConfUnreadable_InterfacesServersAndTheReason()
    {
        using var directory = new TemporaryDirectory();

        // A directory where the file should be cannot be read, whoever runs the test (root reads a file of mode 000).
        SystemUpstreams found = SystemUpstreams.Find(directory.Path, () => [First]);

        Assert.Equal([new IPEndPoint(First, 53)], found.Servers);
        Assert.Null(found.Conf);
        Assert.Contains($"{directory.Path} cannot be read", found.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ResolvConfNamesServers_InterfacesNotAsked()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Write("resolv.conf", "nameserver 192.0.2.1\n");

        SystemUpstreams found = SystemUpstreams.Find(path, () => throw new InvalidOperationException("the interfaces were asked"));

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53")], found.Servers);
        Assert.Equal(path, found.Origin);
    }

    [Fact]
    public void Find_InterfacesCannotBeListed_NoServersAndBothReasons()
    {
        using var directory = new TemporaryDirectory();
        string path = System.IO.Path.Combine(directory.Path, "resolv.conf");

        SystemUpstreams found = SystemUpstreams.Find(path, () => throw new NetworkInformationException(13));

        Assert.Empty(found.Servers);
        Assert.Contains($"{path} does not exist", found.Origin, StringComparison.Ordinal);
        Assert.Contains("network interfaces cannot be read", found.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstreams_NoResolvConf_TheInterfacesServersAndWhereTheyCameFrom()
    {
        using var directory = new TemporaryDirectory();
        string path = System.IO.Path.Combine(directory.Path, "resolv.conf");
        await using var resolver = new DnssecResolver(Options(path, () => [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("2001:db8::53")]));

        Assert.Equal([IPEndPoint.Parse("127.0.0.1:53"), IPEndPoint.Parse("[2001:db8::53]:53")], resolver.Upstreams.Select(upstream => upstream.EndPoint));
        Assert.All(resolver.Upstreams, upstream => Assert.Equal(UpstreamProtocol.Plain, upstream.Protocol));
        Assert.Contains("the network interfaces' DNS servers", resolver.UpstreamOrigin, StringComparison.Ordinal);
        Assert.Contains($"{path} does not exist", resolver.UpstreamOrigin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstreams_Configured_KeepTheirTransportAndName()
    {
        var options = new ResolverOptions { TrustAnchors = new Dnssec.TrustAnchors.TrustAnchorSet() };
        options.Servers.Add(UpstreamServer.Parse("tls://192.0.2.1#dns.example"));
        options.Servers.Add(UpstreamServer.Parse("https://192.0.2.3/dns-query"));
        options.Servers.Add(UpstreamServer.Parse("192.0.2.2"));
        await using var resolver = new DnssecResolver(options);

        Assert.Equal([UpstreamProtocol.Tls, UpstreamProtocol.Https, UpstreamProtocol.Plain], resolver.Upstreams.Select(upstream => upstream.Protocol));
        Assert.Equal(["tls://192.0.2.1:853#dns.example", "https://192.0.2.3/dns-query", "192.0.2.2:53"], resolver.Upstreams.Select(upstream => upstream.ToString()));
        Assert.Equal("the configured servers", resolver.UpstreamOrigin);
    }

    [Fact]
    public async Task Upstreams_IterativeMode_NoneAndSaysWhy()
    {
        await using var resolver = new DnssecResolver(new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = new Dnssec.TrustAnchors.TrustAnchorSet() });

        Assert.Empty(resolver.Upstreams);
        Assert.Contains("iterative", resolver.UpstreamOrigin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_NoServerAnywhereAndNoFallback_ConstructsAndEveryAnswerSaysWhy()
    {
        using var directory = new TemporaryDirectory();
        string path = System.IO.Path.Combine(directory.Path, "resolv.conf");
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        await using var resolver = new DnssecResolver(Options(path, () => []), transport: transport);

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Equal(ExtendedDnsErrorCode.NoReachableAuthority, answer.Result.Error);
        Assert.Contains($"{path} does not exist", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("no network interface that is up has a DNS server", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("fallback to iterative resolution is off", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(transport.Servers);
    }

    [Fact]
    public async Task ResolveAsync_NoServerAnywhereWithFallback_ResolvesIterativelyAndValidates()
    {
        using var directory = new TemporaryDirectory();
        var hierarchy = new ZoneHierarchy();
        hierarchy.Zone(".");
        hierarchy.Zone("test.");
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        hierarchy.Build(TestHierarchy.Now);
        var options = new ResolverOptions { ResolvConfPath = System.IO.Path.Combine(directory.Path, "resolv.conf"), TrustAnchors = hierarchy.Anchors, InterfaceDnsServers = () => [] };
        options.RootServers.Add(hierarchy.RootAddress);
        await using var resolver = new DnssecResolver(options, null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestHierarchy.Now), new InMemoryTransport(hierarchy.Servers));

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(ResolutionPath.Iterative, answer.Path);
    }

    [Fact]
    public void FromInterfaces_ThisMachine_UsableAddressesOnly()
    {
        // On Linux the runtime reads each interface's DNS servers from /etc/resolv.conf, so they are a subset of its
        // name servers (all of them, not only the first three); elsewhere they come from the system's interface settings.
        IReadOnlyList<IPAddress> found = SystemUpstreams.FromInterfaces();

        Assert.All(found, address => Assert.False(address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6SiteLocal, $"{address}"));
        if (OperatingSystem.IsLinux() && File.Exists("/etc/resolv.conf"))
        {
            HashSet<string> listed = [.. File.ReadAllLines("/etc/resolv.conf")
                .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words is ["nameserver", _, ..])
                .Select(words => words[1])];
            Assert.All(found, address => Assert.Contains(address.ToString(), listed));
        }
    }

    private static ResolverOptions Options(string resolvConfPath, Func<IReadOnlyList<IPAddress>> interfaces) => new()
    {
        ResolvConfPath = resolvConfPath,
        InterfaceDnsServers = interfaces,
        FallbackToIterative = false,
        Attempts = 1,
        Timeout = TimeSpan.FromMilliseconds(300),
        TrustAnchors = new Dnssec.TrustAnchors.TrustAnchorSet(),
    };
}
