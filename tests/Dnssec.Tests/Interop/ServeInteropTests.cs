using System.Globalization;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// The loopback service as real clients see it: a <see cref="DnsServer"/> in this process on 127.0.0.1, in front of a
/// stub <see cref="DnssecResolver"/> whose upstream is the hierarchy's non-validating Unbound, asked by dig, kdig and
/// delv (which validates for itself through CD=1), and compared scenario by scenario with the API's verdict and the
/// validating Unbound's AD and RCODE.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class ServeInteropTests(BindHierarchy hierarchy)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(40);

    public static TheoryData<string> Scenarios => HierarchyScenario.Names;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Serve_Scenario_VerdictMatchesTheApiAndValidatingUnbound(string name)
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get(name);
        await using var api = new DnssecResolver(Options());

        DnsMessage served = await Task.Run(() => LoopbackDnsClient.Query(service.EndPoint, scenario.Question, scenario.Type));
        DnssecAnswer direct = await api.ResolveAsync(scenario.Question, scenario.Type);
        DnsMessage unbound = await Task.Run(() => LoopbackDnsClient.Query(hierarchy.Validator, scenario.Question, scenario.Type));

        bool ad = served.Flags.HasFlag(DnsHeaderFlags.AuthenticData);
        string said = $"{scenario}: served {served.ResponseCode}{(ad ? " AD" : "")}, API {direct.Status} {direct.ResponseCode} ({direct.Reason})";
        // The service says what the API says: AD exactly for Secure, SERVFAIL with EDE for Bogus, the RCODE otherwise.
        Assert.True(ad == (direct.Status == SecurityStatus.Secure), said);
        Assert.True(direct.ResponseCode == served.ResponseCode, said);
        if (direct.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate)
        {
            Assert.True(served.Edns?.ExtendedErrors.Any() == true, $"{said}: no EDE");
            Assert.Empty(served.Answers);
        }

        // And what the reference validator says: the same AD bit and RCODE (HierarchyTests checks Unbound against the manifest).
        bool unboundAd = unbound.Flags.HasFlag(DnsHeaderFlags.AuthenticData);
        Assert.True(unboundAd == ad && unbound.ResponseCode == served.ResponseCode, $"{said}; Unbound {unbound.ResponseCode}{(unboundAd ? " AD" : "")}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Delv_ThroughTheService_GivesDelvsVerdict(string name)
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get(name);

        // delv asks with CD=1 and validates what the service passes on, so this checks the CD path carries every proof.
        ExternalTool.Result result = await Task.Run(() => ExternalTool.Run(
            "delv",
            ["-a", hierarchy.DelvAnchorsFile, "+root=.", "-p", service.Port, "@127.0.0.1", "+nomtrace", scenario.QueryName, scenario.QueryType],
            timeout: ToolTimeout));
        DelvResult verdict = DelvResult.Parse(result.Combined, scenario.QueryType);

        Assert.True(scenario.DelvStatus == verdict.Status, $"{scenario}: delv through the service said {verdict.Status}, through Unbound {scenario.DelvStatus}:\n{result.Combined}");
    }

    [Fact]
    public async Task Delv_SecureName_FullyValidated()
    {
        await using Service service = await Service.StartAsync(Options());
        ExternalTool.Result result = await Task.Run(() => ExternalTool.Run(
            "delv", ["-a", hierarchy.DelvAnchorsFile, "+root=.", "-p", service.Port, "@127.0.0.1", "www.nsec3.test.", "A"], timeout: ToolTimeout));

        Assert.Contains("; fully validated", result.Combined, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "UDP")]
    [InlineData(true, "TCP")]
    public async Task Dig_SecureNameWithDnssec_AdAndRrsigs(bool tcp, string description)
    {
        await using Service service = await Service.StartAsync(Options());
        string output = await DigAsync(service, tcp ? ["+tcp", "+dnssec"] : ["+dnssec"], "www.nsec.test.", "A");

        Assert.True(Flags(output).Contains("ad"), $"{description}:\n{output}");
        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.Contains("\tRRSIG\tA ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_SecureNameWithoutDnssec_AdButNoRrsigs()
    {
        await using Service service = await Service.StartAsync(Options());
        // dig sets AD in queries by default (+adflag), which asks for the AD bit without DO (RFC 6840 §5.7).
        string output = await DigAsync(service, [], "www.nsec.test.", "A");

        Assert.True(Flags(output).Contains("ad"), output);
        Assert.DoesNotContain("RRSIG", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_InsecureName_NoAd()
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get("insecure-answer");

        string output = await DigAsync(service, ["+dnssec"], scenario.QueryName, scenario.QueryType);

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.False(Flags(output).Contains("ad"), output);
    }

    [Fact]
    public async Task Dig_BogusName_ServfailWithTheExtendedError()
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get("expired");

        string output = await DigAsync(service, ["+dnssec"], scenario.QueryName, scenario.QueryType);

        Assert.Contains("status: SERVFAIL", output, StringComparison.Ordinal);
        Assert.Contains("; EDE: 7 (Signature Expired)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_BogusNameWithCd_TheDataWithoutAd()
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get("expired");

        string output = await DigAsync(service, ["+dnssec", "+cd"], scenario.QueryName, scenario.QueryType);

        Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
        Assert.True(Flags(output).Contains("cd"), output);
        Assert.False(Flags(output).Contains("ad"), output);
        Assert.Contains($"{scenario.QueryName}\t", output, StringComparison.Ordinal);
        Assert.Contains("\tRRSIG\tA ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "UDP")]
    [InlineData(true, "TCP")]
    public async Task Kdig_SecureNameWithDnssec_Ad(bool tcp, string description)
    {
        await using Service service = await Service.StartAsync(Options());
        string[] options = tcp ? ["+dnssec", "+tcp"] : ["+dnssec"];
        ExternalTool.Result result = await Task.Run(() => ExternalTool.Run(
            "kdig", ["@127.0.0.1", "-p", service.Port, "+timeout=5", "+retry=1", .. options, "www.nsec3.test.", "A"], timeout: ToolTimeout));

        // kdig prints ";; Flags: qr rd ra ad; QUERY: 1; …" and the status in its HEADER line.
        string flags = result.Output.Split('\n').FirstOrDefault(line => line.StartsWith(";; Flags:", StringComparison.Ordinal)) ?? "";
        Assert.True(flags.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries).Contains("ad"), $"{description}:\n{result.Combined}");
        Assert.Contains("status: NOERROR", result.Output, StringComparison.Ordinal);
        Assert.Contains("RRSIG", result.Output, StringComparison.Ordinal);
        Assert.Contains(tcp ? "(TCP)" : "(UDP)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kdig_BogusName_ServfailWithTheExtendedError()
    {
        await using Service service = await Service.StartAsync(Options());
        HierarchyScenario scenario = HierarchyScenario.Get("expired");

        ExternalTool.Result result = await Task.Run(() => ExternalTool.Run(
            "kdig", ["@127.0.0.1", "-p", service.Port, "+timeout=5", "+retry=1", "+dnssec", scenario.QueryName, scenario.QueryType], timeout: ToolTimeout));

        Assert.Contains("status: SERVFAIL", result.Output, StringComparison.Ordinal);
        Assert.Contains("EDE: 7", result.Output, StringComparison.Ordinal);
    }

    private static async Task<string> DigAsync(Service service, string[] options, string name, string type)
    {
        ExternalTool.Result result = await Task.Run(() => ExternalTool.Run(
            "dig", ["@127.0.0.1", "-p", service.Port, "+time=5", "+tries=1", .. options, name, type], timeout: ToolTimeout));
        Assert.True(result.ExitCode == 0, $"dig exited {result.ExitCode}:\n{result.Combined}");
        return result.Output;
    }

    /// <summary>The header flags dig prints (";; flags: qr rd ra ad; QUERY: 1, …").</summary>
    private static string[] Flags(string digOutput)
    {
        string line = digOutput.Split('\n').FirstOrDefault(l => l.StartsWith(";; flags:", StringComparison.Ordinal)) ?? "";
        int end = line.IndexOf(';', 3);
        return line[";; flags:".Length..(end < 0 ? line.Length : end)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private ResolverOptions Options()
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
        var options = new ResolverOptions
        {
            Mode = ResolutionMode.Stub,
            FallbackToIterative = false,
            TrustAnchors = anchors,
            RootHintsPath = hierarchy.RootHintsFile,
            AuthorityPort = hierarchy.AuthorityPort,
            Timeout = TimeSpan.FromSeconds(2),
        };
        options.Servers.Add(hierarchy.Upstream);
        return options;
    }

    /// <summary>A server on 127.0.0.1 (a port of the system's choice) in front of its own stub resolver.</summary>
    private sealed class Service : IAsyncDisposable
    {
        private readonly DnssecResolver _resolver;
        private readonly DnsServer _server;

        private Service(DnssecResolver resolver, DnsServer server)
        {
            _resolver = resolver;
            _server = server;
        }

        public IPEndPoint EndPoint => _server.LocalEndPoints[0];

        public string Port => EndPoint.Port.ToString(CultureInfo.InvariantCulture);

        public static async Task<Service> StartAsync(ResolverOptions options)
        {
            var resolver = new DnssecResolver(options);
            var listen = new DnsServerOptions();
            listen.Listen.Add(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new DnsServer(resolver, listen);
            await server.StartAsync();
            return new Service(resolver, server);
        }

        public async ValueTask DisposeAsync()
        {
            await _server.DisposeAsync();
            await _resolver.DisposeAsync();
        }
    }
}
