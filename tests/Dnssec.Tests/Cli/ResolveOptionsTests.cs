using System.Collections.Concurrent;
using System.Diagnostics;
using Dnssec.Tests.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec resolve`'s dig- and delv-like options: --tcp, --no-fallback, -4/-6, --timeout, -x and --short, against a private root on loopback.</summary>
public sealed class ResolveOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resolve-options").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_Short_PrintsOnlyTheRecordDataAndNothingOnStderr()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--short"]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal("192.0.2.1\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Resolve_ShortAndBogus_NoDataTheVerdictOnStderrExitTwo()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        string wrongRoot = Path.Combine(_folder, "wrong-root.dnskey");
        File.WriteAllText(wrongRoot, AnchorsCommandTests.RootKsk2017 + "\n");

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", wrongRoot, "--short"]);

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Empty(result.Output);
        Assert.StartsWith("dnssec resolve: www.example.test. A: bogus, SERVFAIL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ShortAndJson_ExitThree()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "--server", "127.0.0.1", "--short", "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("--json and --short exclude each other", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.1", "1.2.0.192.in-addr.arpa.")]
    [InlineData("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.")]
    public async Task Resolve_Reverse_AsksForThePtrOfTheArpaName(string address, string arpa)
    {
        var asked = new ConcurrentQueue<DnsQuestion>();
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (query, response) =>
        {
            asked.Enqueue(query.Questions[0]);
            return [HostileServer.Honest(query, response)];
        });

        ExternalTool.Result result = CliRunner.Run(["resolve", "-x", address, .. root.Stub, "--anchors", root.RootKeyFile, "--no-fallback"]);

        // The private root has no arpa zone: it proves the name away, so the answer is a secure NXDOMAIN.
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains($"; {arpa} PTR: secure, NXDOMAIN", result.Output, StringComparison.Ordinal);
        Assert.Contains(asked, question => question.Type == RecordType.PTR && question.Name.Equals(DnsName.Parse(arpa)));
    }

    [Theory]
    [InlineData("-x", "not-an-address", "-x 'not-an-address' is not an IPv4 or IPv6 address")]
    [InlineData("-x", "192.0.2.1 example.test.", "-x takes the place of NAME and TYPE")]
    public void Resolve_ReverseMisused_ExitThreeNamingTheMistake(string option, string values, string message)
    {
        string[] parts = values.Split(' ');
        ExternalTool.Result result = CliRunner.Run(["resolve", option, .. parts, "--server", "127.0.0.1"]);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_Tcp_AnswersWhenTheUpstreamIsSilentOverUdp()
    {
        // UDP drops every query; only a resolver that never tries UDP gets its answer in time.
        int udpQueries = 0;
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (_, _) =>
        {
            Interlocked.Increment(ref udpQueries);
            return [];
        }, tcp: true);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--tcp", "--no-fallback", "--short"]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal("192.0.2.1\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Equal(0, udpQueries);
        Assert.True(root.Queries > 0);
    }

    [Fact]
    public async Task Resolve_NoFallback_UpstreamStrippingSignaturesStaysIndeterminate()
    {
        // The upstream (asked with RD) strips RRSIGs; the same server asked as an authority (RD clear) answers honestly.
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (query, response) =>
        {
            if (response is not null && (query.Flags & DnsHeaderFlags.RecursionDesired) != 0)
            {
                response.Answers.RemoveAll(r => r.Type == RecordType.RRSIG);
                response.Authorities.RemoveAll(r => r.Type == RecordType.RRSIG);
            }

            return [HostileServer.Honest(query, response)];
        });

        ExternalTool.Result withFallback = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--json"]);
        ExternalTool.Result withoutFallback = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--no-fallback", "--json"]);

        Assert.True(withFallback.ExitCode == 0, withFallback.Combined);
        Assert.Contains("\"path\": \"iterative-fallback\"", withFallback.Output, StringComparison.Ordinal);
        Assert.True(withoutFallback.ExitCode == 2, withoutFallback.Combined);
        Assert.Contains("\"path\": \"stub\"", withoutFallback.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_AddressFamily_OnlyServersOfThatFamilyAreAsked()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);

        ExternalTool.Result ipv4 = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "-4", "--short"]);
        ExternalTool.Result ipv6 = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "-6"]);
        ExternalTool.Result ipv6Iterative = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Iterative, "--anchors", root.RootKeyFile, "-6"]);
        ExternalTool.Result both = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "-4", "-6"]);

        Assert.True(ipv4.ExitCode == 0, ipv4.Combined);
        Assert.Equal("192.0.2.1\n", ipv4.Output.ReplaceLineEndings("\n"));
        Assert.True(ipv6.ExitCode == 3, ipv6.Combined);
        Assert.Contains("No upstream server of the address family IPv6", ipv6.Error, StringComparison.Ordinal);
        // The hints name only 127.0.0.1: with -6 no root server is left to ask, so nothing is proven.
        Assert.True(ipv6Iterative.ExitCode == 2, ipv6Iterative.Combined);
        Assert.True(both.ExitCode == 3, both.Combined);
        Assert.Contains("-4 and -6 exclude each other", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_Timeout_GivesUpOnTheWholeResolutionInTime()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (_, _) => []);
        var clock = Stopwatch.StartNew();

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--timeout", "1.5"]);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("dnssec resolve: www.example.test. A: no answer within --timeout 1.5 s", result.Error, StringComparison.Ordinal);
        // The default would be resolv.conf-style waits of 2 s per server, twice, then iteration: far over 10 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public void Resolve_BadTimeout_ExitThree()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "--server", "127.0.0.1", "--timeout", "0");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("--timeout 0 is not a positive number of seconds", result.Error, StringComparison.Ordinal);
    }
}
