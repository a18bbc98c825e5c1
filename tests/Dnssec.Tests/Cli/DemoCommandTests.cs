using System.Text.Json;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec demo` as users run it: every case gets its verdict, in text and in JSON, and the exit status says so.</summary>
public class DemoCommandTests
{
    /// <summary>What each case must give; written here rather than read from the tool so that the test is its own oracle.</summary>
    private static readonly (string Name, string Type, string Status, string Rcode, int? Ede)[] Expected =
    [
        ("www.ecdsa.test.", "A", "secure", "NOERROR", null),
        ("www.rsa.test.", "A", "secure", "NOERROR", null),
        ("www.ed25519.test.", "AAAA", "secure", "NOERROR", null),
        ("missing.rsa.test.", "A", "secure", "NXDOMAIN", null),
        ("anything.wild.ecdsa.test.", "A", "secure", "NOERROR", null),
        ("www.unsigned.test.", "A", "insecure", "NOERROR", null),
        ("www.expired.test.", "A", "bogus", "SERVFAIL", 7),
        ("www.wrong-ds.test.", "A", "bogus", "SERVFAIL", 9),
        ("www.stripped.test.", "A", "bogus", "SERVFAIL", 10),
    ];

    [Fact]
    public void Demo_Text_ExplainsEveryCaseWithItsVerdictAndExitsZero()
    {
        ExternalTool.Result result = CliRunner.Run("demo");

        Assert.True(result.ExitCode == 0, result.Combined);
        foreach ((string name, string type, string status, string rcode, int? ede) in Expected)
        {
            Assert.Contains($"; {name} {type}: {status}, {rcode}, via iterative resolution", result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("UNEXPECTED", result.Output, StringComparison.Ordinal);
        Assert.Contains(";; chain of trust:", result.Output, StringComparison.Ordinal);
        Assert.Contains($"; {Expected.Length} of {Expected.Length} cases gave the expected verdict", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Json_PrintsOneArrayOfResolveObjectsWithTheExpectedVerdicts()
    {
        ExternalTool.Result result = CliRunner.Run("demo", "--json");

        Assert.True(result.ExitCode == 0, result.Combined);
        using JsonDocument document = JsonDocument.Parse(result.Output);
        JsonElement[] answers = [.. document.RootElement.EnumerateArray()];
        Assert.Equal(Expected.Length, answers.Length);
        for (int i = 0; i < Expected.Length; i++)
        {
            (string name, string type, string status, string rcode, int? ede) = Expected[i];
            JsonElement answer = answers[i];
            Assert.Equal(name, answer.GetProperty("name").GetString());
            Assert.Equal(type, answer.GetProperty("type").GetString());
            Assert.True(status == answer.GetProperty("status").GetString(), $"{name}: {answer.GetProperty("reason").GetString()}");
            Assert.Equal(rcode, answer.GetProperty("rcode").GetString());
            Assert.Equal(ede, answer.GetProperty("ede").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("ede").GetProperty("code").GetInt32());
            Assert.Equal("iterative", answer.GetProperty("path").GetString());
            Assert.NotEqual(0, answer.GetProperty("chain").GetArrayLength());
        }
    }
}
