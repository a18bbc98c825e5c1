using Dnssec.Validation;
using Xunit.Abstractions;

namespace Dnssec.Tests.Validation.Scenarios;

/// <summary>
/// The scenario table: every proof shape with NSEC and NSEC3, every algorithm, delegation and anchor case, and every
/// bogus reason, each a root → test. → zone hierarchy signed in process (see <see cref="ValidationScenarios"/>).
/// </summary>
public sealed class ValidationScenarioTests(ITestOutputHelper output)
{
    /// <summary>The scenario names, one theory row each.</summary>
    public static TheoryData<string> Names => [.. ValidationScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ValidateAsync_Scenario_GivesExpectedStatusErrorAndReason(string scenario)
    {
        ValidationScenario row = ValidationScenarios.Get(scenario);

        AnswerValidation result = await row.RunAsync();
        output.WriteLine($"{scenario}: {result.Result.Status} EDE {Code(result.Result.Error)}: {result.Result.Reason}");

        Assert.True(row.Status == result.Status, $"{scenario}: expected {row.Status}, got {result.Result}");
        Assert.True(row.Error == result.Result.Error, $"{scenario}: expected EDE {Code(row.Error)}, got {Code(result.Result.Error)}: {result.Result.Reason}");
        Assert.True(result.Result.Reason.Contains(row.Mentions, StringComparison.OrdinalIgnoreCase), $"{scenario}: the reason does not mention {row.Mentions}: {result.Result.Reason}");
    }

    [Fact]
    public void All_Table_HasAtLeastSixtyUniquelyNamedScenarios()
    {
        Assert.True(ValidationScenarios.All.Count >= 60, $"{ValidationScenarios.All.Count} scenarios");
        Assert.Equal(ValidationScenarios.All.Count, ValidationScenarios.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_Table_CoversEveryStatusButIndeterminateWithNsecAndNsec3()
    {
        foreach (string suffix in new[] { "Nsec", "Nsec3" })
        {
            foreach (SecurityStatus status in new[] { SecurityStatus.Secure, SecurityStatus.Insecure, SecurityStatus.Bogus })
            {
                Assert.Contains(ValidationScenarios.All, s => s.Status == status && s.Name.EndsWith("_" + suffix, StringComparison.Ordinal));
            }
        }
    }

    private static string Code(Dnssec.Wire.ExtendedDnsErrorCode? code) => code is null ? "none" : $"{(int)code} ({code})";
}
