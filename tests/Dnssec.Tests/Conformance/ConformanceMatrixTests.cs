using System.Reflection;
using System.Text.RegularExpressions;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;

namespace Dnssec.Tests.Conformance;

/// <summary>
/// Keeps the conformance matrix (README.md beside this file, copied to the test output) from rotting: every test,
/// scenario and code member it names must exist, every row's status must be one of the five, the rows that claim a test
/// must name one, and the "fails today" rows and the tests carrying that trait must name each other.
/// </summary>
public sealed partial class ConformanceMatrixTests
{
    private const string FailsToday = "FailsToday";

    private static readonly string[] Statuses = ["covered", "gap filled", "gap: fails today", "not applicable", "deliberate difference"];

    private static readonly Lazy<IReadOnlyList<MatrixRow>> Rows = new(ReadRows);

    [Fact]
    public void Matrix_EveryRfcOfTheIssue_HasItsSection()
    {
        string text = File.ReadAllText(MatrixPath);

        foreach (string section in new[] { "## RFC 4035 §5", "## RFC 5155 §7", "## RFC 5155 §8", "## RFC 6840", "## RFC 4592", "## RFC 6672 §5.3", "## RFC 7129", "## RFC 9077", "## RFC 9276 §3", "## Beside Unbound" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Matrix_EveryNamedTest_IsATestMethodOfThisAssembly()
    {
        var missing = References("Dnssec.Tests.").Where(r => FindTest(r.Name) is null).Select(r => $"{r.Row.Id}: {r.Name}").ToList();

        Assert.True(missing.Count == 0, "tests named in the matrix that do not exist:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Matrix_EveryNamedScenario_IsInTheScenarioTable()
    {
        var names = ValidationScenarios.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var missing = References("scenario:").Where(r => !names.Contains(r.Name["scenario:".Length..])).Select(r => $"{r.Row.Id}: {r.Name}").ToList();

        Assert.True(missing.Count == 0, "scenarios named in the matrix that do not exist:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Matrix_EveryNamedCodeMember_ExistsInTheLibrary()
    {
        Assembly library = typeof(DnssecValidator).Assembly;

        var missing = References("code:").Where(r => !MemberExists(library, r.Name["code:".Length..])).Select(r => $"{r.Row.Id}: {r.Name}").ToList();

        Assert.True(missing.Count == 0, "code named in the matrix that does not exist:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Matrix_EveryClauseRow_HasAKnownStatusAndAUniqueId()
    {
        List<MatrixRow> clauses = [.. Rows.Value.Where(r => r.Status is not null)];

        Assert.True(clauses.Count >= 100, $"only {clauses.Count} clause rows were read");
        Assert.All(clauses, r => Assert.True(Statuses.Contains(r.Status), $"{r.Id}: unknown status '{r.Status}'"));
        Assert.Equal(clauses.Count, clauses.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Matrix_RowsThatClaimATest_NameOne()
    {
        var bare = Rows.Value.Where(r => r.Status is "covered" or "gap filled" or "gap: fails today" && !r.References.Any(IsTestOrScenario)).Select(r => r.Id).ToList();

        Assert.True(bare.Count == 0, "rows that claim a test but name none: " + string.Join(", ", bare));
    }

    [Fact]
    public void Matrix_FailsTodayRowsAndTraits_NameEachOther()
    {
        // A finding is a test that fails against the validator as it is: the matrix says so, and so does the test, so
        // that the engineer who fixes the validator can run exactly these and drop the trait and the status together.
        var marked = TestMethods().Where(m => m.GetCustomAttributes<TraitAttribute>().Any()
            && m.CustomAttributes.Any(a => a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments.Select(c => c.Value).SequenceEqual(["Conformance", FailsToday])))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").ToHashSet(StringComparer.Ordinal);
        var named = Rows.Value.Where(r => r.Status == "gap: fails today").SelectMany(r => r.References).Where(n => n.StartsWith("Dnssec.Tests.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var failingRowsWithoutFailingTest = Rows.Value.Where(r => r.Status == "gap: fails today" && !r.References.Any(marked.Contains)).Select(r => r.Id).ToList();

        Assert.True(failingRowsWithoutFailingTest.Count == 0, "'gap: fails today' rows naming no test with the trait: " + string.Join(", ", failingRowsWithoutFailingTest));
        Assert.True(marked.IsSubsetOf(named), "tests with the FailsToday trait that no 'gap: fails today' row names: " + string.Join(", ", marked.Except(named)));
    }

    [Fact]
    public void Matrix_EveryConformanceTestAndScenario_IsNamed()
    {
        // What was written to fill a gap is useless unless the matrix says which clause it proves.
        var named = Rows.Value.SelectMany(r => r.References).ToHashSet(StringComparer.Ordinal);
        var tests = TestMethods().Where(m => m.DeclaringType!.Namespace == typeof(ConformanceMatrixTests).Namespace && m.DeclaringType != typeof(ConformanceMatrixTests))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}");
        var scenarios = ValidationScenarios.All.Where(s => s.Name.StartsWith("Rfc", StringComparison.Ordinal)).Select(s => "scenario:" + s.Name);

        var unnamed = tests.Concat(scenarios).Where(n => !named.Contains(n)).ToList();

        Assert.True(unnamed.Count == 0, "conformance tests and scenarios the matrix does not name:\n" + string.Join("\n", unnamed));
    }

    private static string MatrixPath => Path.Combine(AppContext.BaseDirectory, "Conformance", "README.md");

    private static bool IsTestOrScenario(string reference) =>
        reference.StartsWith("Dnssec.Tests.", StringComparison.Ordinal) || reference.StartsWith("scenario:", StringComparison.Ordinal);

    private static IEnumerable<(MatrixRow Row, string Name)> References(string prefix) =>
        Rows.Value.SelectMany(r => r.References.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => (r, n)));

    private static IEnumerable<MethodInfo> TestMethods() =>
        typeof(ConformanceMatrixTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any());

    private static MethodInfo? FindTest(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        Type? type = typeof(ConformanceMatrixTests).Assembly.GetType(fullName[..dot]);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == fullName[(dot + 1)..] && m.GetCustomAttributes<FactAttribute>().Any());
    }

    private static bool MemberExists(Assembly library, string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        Type? type = library.GetType(fullName[..dot]);
        const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        return type is not null && type.GetMember(fullName[(dot + 1)..], Everything).Length > 0;
    }

    /// <summary>
    /// Reads the table rows of the matrix: clause rows (six cells, the fifth the proof, the sixth the status) and the rows of
    /// the other tables (no status), with every backticked reference in any cell.
    /// </summary>
    private static List<MatrixRow> ReadRows()
    {
        var rows = new List<MatrixRow>();
        foreach (string line in File.ReadAllLines(MatrixPath))
        {
            if (!line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            string[] cells = [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
            if (cells[0] is "Id" or "Unbound" or "Row")
            {
                continue;
            }

            List<string> references = [.. Reference().Matches(line).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("scenario:", StringComparison.Ordinal) || n.StartsWith("code:", StringComparison.Ordinal) || n.StartsWith("Dnssec.Tests.", StringComparison.Ordinal))];
            rows.Add(new MatrixRow(cells[0], cells.Length == 6 ? cells[5] : null, references));
        }

        return rows;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Reference();

    /// <summary>One table row: its first cell, its status (clause tables only) and the names it refers to.</summary>
    private sealed record MatrixRow(string Id, string? Status, IReadOnlyList<string> References);
}
