using Dnssec.Differential.Triage;

namespace Dnssec.Tests.Differential;

/// <summary>explained-differences.txt: the shipped rules parse, name a clause each, and match only the disagreements they describe.</summary>
public sealed class ExplainedDifferencesTests
{
    private static readonly HashSet<string> NoMutations = [];

    [Fact]
    public void LoadShipped_EveryRule_HasAnOracleAClauseAndAReason()
    {
        ExplainedDifferences shipped = ExplainedDifferences.LoadShipped();

        Assert.NotEmpty(shipped.Rules);
        Assert.All(shipped.Rules, rule =>
        {
            Assert.True(rule.Oracle is "unbound" or "delv", $"{rule.Oracle} is not an oracle");
            Assert.Contains("RFC", rule.Clause, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.Because));
        });
    }

    [Fact]
    public void Explain_DelvOptOutDisagreement_MatchesOnlyWhenUnboundAgreesWithOurs()
    {
        ExplainedDifferences shipped = ExplainedDifferences.LoadShipped();
        var facts = new DisagreementFacts("delv", "insecure NXDOMAIN", "secure NXDOMAIN", "stub", NoMutations, "nx-domain",
            "NXDOMAIN for x. is insecure: … but with opt-out an unsigned delegation may exist at x.", "fully validated", new HashSet<string> { "opt-out" }, UnboundAgrees: true);

        Assert.Equal("delv-opt-out-is-secure", shipped.Explain(facts)?.Name);
        Assert.Null(shipped.Explain(facts with { UnboundAgrees = false }));
        Assert.Null(shipped.Explain(facts with { Oracle = "unbound" }));
    }

    [Theory]
    [InlineData("rule: a\noracle: unbound\nclause: RFC 1\n", "the rule has no because")]
    [InlineData("rule: a\noracle: bind\nclause: RFC 1\nbecause: x\n", "oracle must be unbound or delv")]
    [InlineData("rule: a\nwhen: always\n", "expected one of")]
    [InlineData("rule: a\noracle: delv\noracle: delv\n", "oracle given twice")]
    public void Parse_MalformedRule_NamesTheFileLineAndFault(string text, string fault)
    {
        FormatException error = Assert.Throws<FormatException>(() => ExplainedDifferences.Parse(text.Split('\n'), "rules.txt"));

        Assert.StartsWith("rules.txt:", error.Message, StringComparison.Ordinal);
        Assert.Contains(fault, error.Message, StringComparison.Ordinal);
    }
}
