using System.Text.Json;
using Dnssec.Tests.Dane;

namespace Dnssec.Tests.Cli;

/// <summary>JSON.md's promises: schemaVersion first, the error object on failure, and no needless escaping of '+', '&lt;' or '&gt;'.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("json-output").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ResolveJson_Secure_SchemaVersionFirstThenTheContractFields()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--json"]);

        Assert.True(result.ExitCode == 0, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement top = json.RootElement;
        JsonProperty first = top.EnumerateObject().First();
        Assert.Equal("schemaVersion", first.Name);
        Assert.Equal(1, first.Value.GetInt32());
        Assert.Equal("www.example.test.", top.GetProperty("name").GetString());
        Assert.Equal("A", top.GetProperty("type").GetString());
        Assert.Equal("secure", top.GetProperty("status").GetString());
        Assert.Equal("NOERROR", top.GetProperty("rcode").GetString());
        Assert.Contains(top.GetProperty("answer").EnumerateArray(), line => line.GetString()!.EndsWith("A 192.0.2.1", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, top.GetProperty("ede").ValueKind);
        Assert.False(top.TryGetProperty("error", out _));
        Assert.Equal(3, top.GetProperty("chain").GetArrayLength());
        // Base64 keys keep their '+' and '/' as they are.
        Assert.DoesNotContain("\\u002B", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002F", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveJson_Timeout_ErrorObjectWithItsCode()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (_, _) => []);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", root.RootKeyFile, "--timeout", "1", "--json"]);

        Assert.True(result.ExitCode == 3, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        JsonElement error = json.RootElement.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal("www.example.test. A: no answer within --timeout 1 s", error.GetProperty("message").GetString());
        Assert.Contains("dnssec resolve: www.example.test. A: no answer within --timeout 1 s", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-4 and -6 exclude each other", "www.example.test.", "--server", "127.0.0.1", "-4", "-6")]
    [InlineData("'www..test' is not a domain name: empty label", "www..test", "--server", "127.0.0.1")]
    [InlineData("--timeout 0 is not a positive number of seconds", "www.example.test.", "--server", "127.0.0.1", "--timeout", "0")]
    public void ResolveJson_BadUsage_ErrorObjectCodeUsage(string message, params string[] arguments)
    {
        ExternalTool.Result result = CliRunner.Run(["resolve", .. arguments, "--json"]);

        Assert.True(result.ExitCode == 3, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement error = json.RootElement.GetProperty("error");
        Assert.Equal("usage", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public void DaneCheckJson_CarriesTheSchemaVersionBesideTheContractFields()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        string tlsa = Path.Combine(_folder, "tlsa");
        File.WriteAllText(tlsa, Dnssec.Dane.TlsaText.Format(TlsaRecords.For(pki.Leaf, 3, 1, 1)) + "\n");

        ExternalTool.Result result = CliRunner.Run("dane", "check", "--chain", pki.ChainPemPath, "--name", "www.example.test", "--tlsa-file", tlsa, "--json");

        Assert.True(result.ExitCode == 0, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("schemaVersion", json.RootElement.EnumerateObject().First().Name);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("depth").GetInt32());
    }
}
