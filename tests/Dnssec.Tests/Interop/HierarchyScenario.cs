using Dnssec.Presentation;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// One row of <c>Interop/Hierarchy/scenarios.tsv</c>: a question asked of the interop hierarchy and the verdict the
/// references (the validating Unbound and delv) give it. The manifest is copied to the test output directory, so the
/// list is available to <c>[MemberData]</c> before <see cref="BindHierarchy"/> has started anything.
/// </summary>
/// <param name="Name">A short unique name such as <c>nsec3-nxdomain</c>; theory rows pass this.</param>
/// <param name="QueryName">The name asked, absolute, as in the manifest.</param>
/// <param name="QueryType">The type asked as a mnemonic (<c>A</c>, <c>DNSKEY</c>).</param>
/// <param name="Status">Secure, insecure or bogus: what a validating resolver must conclude.</param>
/// <param name="ResponseCode">The response code of a validating resolver's answer as a mnemonic; SERVFAIL when bogus.</param>
/// <param name="DelvStatus">What delv 9.18 concludes: <paramref name="Status"/> but where it is known to differ.</param>
/// <param name="Description">What the scenario shows.</param>
public sealed record HierarchyScenario(
    string Name,
    string QueryName,
    string QueryType,
    SecurityStatus Status,
    string ResponseCode,
    SecurityStatus DelvStatus,
    string Description)
{
    private static readonly Lazy<IReadOnlyList<HierarchyScenario>> Manifest = new(Read);

    /// <summary>The manifest in the test output directory.</summary>
    public static string ManifestPath { get; } = Path.Combine(BindHierarchy.ScriptDirectory, "scenarios.tsv");

    /// <summary>Every scenario, in manifest order.</summary>
    public static IReadOnlyList<HierarchyScenario> All => Manifest.Value;

    /// <summary>Every scenario's name, as theory data.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (HierarchyScenario scenario in All)
            {
                names.Add(scenario.Name);
            }

            return names;
        }
    }

    /// <summary>The name asked, as a value.</summary>
    public DnsName Question => DnsName.Parse(QueryName);

    /// <summary>The type asked, as a value.</summary>
    public RecordType Type => Mnemonics.ParseRecordType(QueryType);

    /// <summary>The expected response code, as a value.</summary>
    public DnsResponseCode Rcode => Mnemonics.ParseResponseCode(ResponseCode);

    /// <summary>Finds a scenario by <see cref="Name"/>.</summary>
    public static HierarchyScenario Get(string name)
    {
        foreach (HierarchyScenario scenario in All)
        {
            if (scenario.Name == name)
            {
                return scenario;
            }
        }

        throw new ArgumentException($"scenarios.tsv has no scenario {name}", nameof(name));
    }

    public override string ToString() => $"{Name} ({QueryName} {QueryType}: {Status.ToString().ToLowerInvariant()})";

    private static List<HierarchyScenario> Read()
    {
        var scenarios = new List<HierarchyScenario>();
        string[] lines = File.ReadAllLines(ManifestPath);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] f = lines[i].Split('\t');
            if (f.Length != 7)
            {
                throw new InvalidDataException($"scenarios.tsv line {i + 1} has {f.Length} columns, not 7");
            }

            SecurityStatus status = ParseStatus(f[3], i + 1);
            SecurityStatus delv = f[5] == "-" ? status : ParseStatus(f[5], i + 1);
            scenarios.Add(new HierarchyScenario(f[0], f[1], f[2], status, f[4], delv, f[6]));
        }

        return scenarios;
    }

    private static SecurityStatus ParseStatus(string text, int line) => text switch
    {
        "secure" => SecurityStatus.Secure,
        "insecure" => SecurityStatus.Insecure,
        "bogus" => SecurityStatus.Bogus,
        _ => throw new InvalidDataException($"scenarios.tsv line {line}: {text} is not secure, insecure or bogus"),
    };
}
