using Dnssec.Replay;

namespace Dnssec.Tests.Replay;

/// <summary>
/// Unbound's validator and RFC 5011 scenarios (Fixtures/Replay, copied unmodified from its testdata) replayed against
/// the resolver: each passes, or is listed in the runner's known-differences.txt with a reason and really fails.
/// </summary>
public class UnboundScenarioTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Replay");

    /// <summary>One row per val_* and autotrust_* scenario file.</summary>
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, "val_*").Concat(Directory.EnumerateFiles(Folder, "autotrust_*")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Replay_UnboundValidatorScenario_PassesOrIsAKnownDifference(string scenario)
    {
        ScenarioResult result = await ScenarioRunner.RunFileAsync(Path.Combine(Folder, scenario));
        string? reason = KnownDifferences.LoadShipped().ReasonFor(scenario);

        if (reason is null)
        {
            Assert.True(result.Passed, $"{result.Failure}{Environment.NewLine}{result.Detail}");
        }
        else
        {
            Assert.False(result.Passed, $"{scenario} passes but is listed in {KnownDifferences.FileName} ({reason}); take it off the list");
        }
    }

    [Fact]
    public void KnownDifferences_EveryEntryNamesAShippedScenario()
    {
        IReadOnlyDictionary<string, string> listed = KnownDifferences.LoadShipped().Reasons;

        Assert.All(listed.Keys, name => Assert.True(File.Exists(Path.Combine(Folder, name)), $"{name} is listed but is no scenario here"));
    }
}
