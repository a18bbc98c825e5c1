using System.Text.Json;
using Dnssec.Tests.Cli;

namespace Dnssec.Tests.Interop;

/// <summary>`dnssec resolve` against the BIND hierarchy: the JSON contract of DESIGN.md, the exit codes and the explanation.</summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class ResolveCommandTests(BindHierarchy hierarchy)
{
    [Theory]
    [InlineData("alg13", 0, "secure", "NOERROR")]
    [InlineData("nsec3-nxdomain", 0, "secure", "NXDOMAIN")]
    [InlineData("insecure-answer", 1, "insecure", "NOERROR")]
    [InlineData("expired", 2, "bogus", "SERVFAIL")]
    public void Resolve_Json_FollowsTheContract(string scenarioName, int exitCode, string status, string rcode)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(scenarioName);

        ExternalTool.Result result = CliRunner.Run(["resolve", scenario.QueryName, scenario.QueryType, "--server", Server(), "--anchors", hierarchy.TrustAnchorFile, "--hints", hierarchy.RootHintsFile, "--json"]);

        Assert.True(exitCode == result.ExitCode, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(scenario.Question.ToString(), root.GetProperty("name").GetString());
        Assert.Equal(scenario.QueryType, root.GetProperty("type").GetString());
        Assert.Equal(status, root.GetProperty("status").GetString());
        Assert.Equal(rcode, root.GetProperty("rcode").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("answer").ValueKind);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("reason").GetString()));
        JsonElement ede = root.GetProperty("ede");
        if (status == "bogus")
        {
            Assert.True(ede.GetProperty("code").GetInt32() > 0);
            Assert.Empty(root.GetProperty("answer").EnumerateArray());
        }
        else if (status == "secure")
        {
            Assert.Equal(JsonValueKind.Null, ede.ValueKind);
        }

        JsonElement chain = root.GetProperty("chain");
        Assert.Equal(".", chain[0].GetProperty("name").GetString());
        Assert.All(chain.EnumerateArray(), zone =>
        {
            _ = zone.GetProperty("status").GetString();
            Assert.Equal(JsonValueKind.Array, zone.GetProperty("keys").ValueKind);
            Assert.Equal(JsonValueKind.Array, zone.GetProperty("ds").ValueKind);
        });
    }

    [Fact]
    public void Resolve_Iterative_ExplainsTheChainZoneByZone()
    {
        ExternalTool.Result result = CliRunner.Run(["resolve", "www.alg8.test.", "A", "--iterative", "--hints", hierarchy.RootHintsFile, "--anchors", hierarchy.TrustAnchorFile, "--authority-port", hierarchy.AuthorityPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("secure, NOERROR, via iterative resolution from the root hints", result.Output, StringComparison.Ordinal);
        Assert.Contains(";;   .", result.Output, StringComparison.Ordinal);
        Assert.Contains(";;   test.", result.Output, StringComparison.Ordinal);
        Assert.Contains(";;   alg8.test.", result.Output, StringComparison.Ordinal);
        Assert.Contains("www.alg8.test.", result.Output.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name", new[] { "resolve", "a..b" })]
    [InlineData("bad type", new[] { "resolve", "example.", "NOTATYPE" })]
    [InlineData("bad server", new[] { "resolve", "example.", "A", "--server", "not-an-ip" })]
    [InlineData("missing anchors", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--anchors", "/nonexistent" })]
    [InlineData("unknown option", new[] { "resolve", "example.", "--frobnicate" })]
    [InlineData("forward zone without servers", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--forward-zone", "corp.example=" })]
    [InlineData("forward zone without zone", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--forward-zone", "127.0.0.1" })]
    [InlineData("forward zone with a bad server", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--forward-zone", "corp.example=not-an-ip" })]
    [InlineData("stub zone with a port", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--stub-zone", "corp.example=127.0.0.1:53" })]
    [InlineData("insecure domain not a name", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--domain-insecure", "a..b" })]
    [InlineData("zone both forwarded and stub", new[] { "resolve", "example.", "A", "--server", "127.0.0.1", "--forward-zone", "corp.example=127.0.0.1", "--stub-zone", "corp.example=127.0.0.1" })]
    public void Resolve_UsageError_ExitsThree(string description, string[] arguments)
    {
        ExternalTool.Result result = CliRunner.Run(arguments);

        Assert.True(result.ExitCode == 3, $"{description}: {result.Combined}");
    }

    [Fact]
    public void Resolve_ForwardAndStubZones_RouteTheirNamesAndValidate()
    {
        // Every name of nsec.test. from the validating Unbound (asked with CD, so it only resolves), the rest through the
        // upstream; nsec3.test.'s names from its own authority.
        string validator = $"{hierarchy.Validator.Address}:{hierarchy.Validator.Port}";
        string nsec3Authority = hierarchy.AuthorityOf("nsec3.test.").Address.ToString();

        ExternalTool.Result forwarded = CliRunner.Run(["resolve", "www.nsec.test.", "A", "--server", Server(), "--anchors", hierarchy.TrustAnchorFile,
            "--forward-zone", $"nsec.test.={validator}", "--json"]);
        ExternalTool.Result stub = CliRunner.Run(["resolve", "www.nsec3.test.", "A", "--server", Server(), "--anchors", hierarchy.TrustAnchorFile,
            "--stub-zone", $"nsec3.test.={nsec3Authority}", "--authority-port", hierarchy.AuthorityPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"]);

        Assert.True(forwarded.ExitCode == 0, forwarded.Combined);
        Assert.True(stub.ExitCode == 0, stub.Combined);
        using JsonDocument json = JsonDocument.Parse(stub.Output);
        Assert.Equal("iterative", json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public void Resolve_DomainInsecure_MakesABogusZoneInsecure()
    {
        ExternalTool.Result result = CliRunner.Run(["resolve", "www.expired.test.", "A", "--server", Server(), "--anchors", hierarchy.TrustAnchorFile, "--domain-insecure", "expired.test."]);

        Assert.True(result.ExitCode == 1, result.Combined);
    }

    private string Server() => $"{hierarchy.Upstream.Address}:{hierarchy.Upstream.Port}";
}
