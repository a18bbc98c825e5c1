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

    [Fact]
    public void TlsaJson_File_TheRecordWithItsOwner()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);

        ExternalTool.Result result = CliRunner.Run("tlsa", pki.LeafPemPath, "--usage", "DANE-EE", "--host", "www.example.test", "--port", "25", "--json");

        Assert.True(result.ExitCode == 0, result.Combined);
        string expected = Dnssec.Dane.TlsaText.Format(TlsaRecords.For(pki.Leaf, 3, 1, 1));
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement top = json.RootElement;
        Assert.Equal("schemaVersion", top.EnumerateObject().First().Name);
        Assert.Equal("_25._tcp.www.example.test.", top.GetProperty("owner").GetString());
        Assert.Equal(JsonValueKind.Null, top.GetProperty("from").ValueKind);
        JsonElement record = Assert.Single(top.GetProperty("records").EnumerateArray());
        Assert.Equal(3, record.GetProperty("usage").GetInt32());
        Assert.Equal(1, record.GetProperty("selector").GetInt32());
        Assert.Equal(1, record.GetProperty("matchingType").GetInt32());
        Assert.Equal(expected, record.GetProperty("text").GetString());
        Assert.EndsWith(record.GetProperty("data").GetString()!, expected, StringComparison.Ordinal);
        Assert.Equal($"_25._tcp.www.example.test. IN TLSA {expected}", record.GetProperty("line").GetString());
    }

    [Fact]
    public void TlsaJson_ConnectionRefused_ErrorObjectCodeIo()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        ExternalTool.Result result = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{port}", "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        JsonElement error = Error(result);
        Assert.Equal("io", error.GetProperty("code").GetString());
        Assert.StartsWith($"cannot connect to 127.0.0.1:{port}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usage", "--usage", "9")]
    [InlineData("usage", "--starttls", "smtp")]
    public void TlsaJson_BadUsage_ErrorObjectCodeUsage(string code, string option, string value)
    {
        ExternalTool.Result result = CliRunner.Run("tlsa", TestPki.Shared(TestKeyKind.Ecdsa).LeafPemPath, option, value, "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Equal(code, Error(result).GetProperty("code").GetString());
    }

    [Fact]
    public void DaneCheckJson_MissingTlsaFile_ErrorObjectCodeIo()
    {
        ExternalTool.Result result = CliRunner.Run("dane", "check", "--chain", TestPki.Shared(TestKeyKind.Ecdsa).ChainPemPath, "--name", "www.example.test", "--tlsa-file", Path.Combine(_folder, "none"), "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        JsonElement error = Error(result);
        Assert.Equal("io", error.GetProperty("code").GetString());
        Assert.Contains("none", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DaneCheckJson_BadDigests_ErrorObjectCodeUsage()
    {
        string tlsa = Path.Combine(_folder, "tlsa");
        File.WriteAllText(tlsa, "3 1 1 " + new string('0', 64) + "\n");

        ExternalTool.Result result = CliRunner.Run("dane", "check", "--chain", TestPki.Shared(TestKeyKind.Ecdsa).ChainPemPath, "--name", "www.example.test", "--tlsa-file", tlsa, "--digests", "md5", "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Equal("usage", Error(result).GetProperty("code").GetString());
    }

    [Fact]
    public void VerifyZoneJson_NoSuchFile_ErrorObjectCodeIo()
    {
        ExternalTool.Result result = CliRunner.Run("verify-zone", Path.Combine(_folder, "missing.zone"), "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        JsonElement error = Error(result);
        Assert.Equal("io", error.GetProperty("code").GetString());
        Assert.EndsWith("missing.zone: no such file", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyZoneJson_NoSoa_ErrorObjectCodeInvalidExitOne()
    {
        string zone = Path.Combine(_folder, "nosoa.zone");
        File.WriteAllText(zone, "www.example.test. 3600 IN A 192.0.2.1\n");

        ExternalTool.Result result = CliRunner.Run("verify-zone", zone, "--json");

        Assert.True(result.ExitCode == 1, result.Combined);
        JsonElement error = Error(result);
        Assert.Equal("invalid", error.GetProperty("code").GetString());
        Assert.Equal("nosoa.zone has no SOA record; give the apex with --origin", error.GetProperty("message").GetString());
    }

    [Fact]
    public void AnchorsStatusJson_NoStateFile_ErrorObjectCodeIo()
    {
        ExternalTool.Result result = CliRunner.Run("anchors", "status", "--state", Path.Combine(_folder, "missing.state"), "--json");

        Assert.True(result.ExitCode == 3, result.Combined);
        JsonElement error = Error(result);
        Assert.Equal("io", error.GetProperty("code").GetString());
        Assert.Contains("missing.state", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The error object of a failed --json run: schemaVersion first, then error, and nothing else on stdout.</summary>
    private static JsonElement Error(ExternalTool.Result result)
    {
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonProperty[] fields = [.. json.RootElement.EnumerateObject()];
        Assert.Equal(["schemaVersion", "error"], fields.Select(f => f.Name));
        return fields[1].Value.Clone();
    }
}
