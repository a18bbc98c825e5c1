using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.Tests.Infrastructure;

/// <summary>
/// One response captured from BIND 9.18 by <c>Fixtures/Bind/regenerate.sh</c>, as listed in
/// <c>Fixtures/Bind/manifest.tsv</c>. The fixtures are copied to the test output directory.
/// </summary>
internal sealed record BindFixture(
    string File,
    string QueryName,
    string QueryType,
    string Transport,
    string Phase,
    string ResponseCode,
    string Flags,
    int QuestionCount,
    int AnswerCount,
    int AuthorityCount,
    int AdditionalCount,
    string DelvVerdict,
    string Shows)
{
    /// <summary>A time inside every signature's validity (2026-01-01 to 2036-01-01) for tests that validate.</summary>
    public static readonly DateTimeOffset ValidationTime = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<BindFixture>> Manifest = new(ReadManifest);

    /// <summary>The fixture directory in the test output.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bind");

    /// <summary>Every captured response, in manifest order.</summary>
    public static IReadOnlyList<BindFixture> All => Manifest.Value;

    /// <summary>The file name without directory and extension, such as <c>nxdomain-nsec3</c>.</summary>
    public string Name => Path.GetFileNameWithoutExtension(File);

    /// <summary>The query type as a value.</summary>
    public RecordType Type => Enum.Parse<RecordType>(QueryType);

    /// <summary>The response code as a value.</summary>
    public DnsResponseCode Rcode => ResponseCode switch
    {
        "NOERROR" => DnsResponseCode.NoError,
        "NXDOMAIN" => DnsResponseCode.NXDomain,
        _ => throw new InvalidDataException($"Unexpected response code {ResponseCode} in the manifest"),
    };

    /// <summary>The header flags as dig prints them ("qr aa tc"), as a value.</summary>
    public DnsHeaderFlags HeaderFlags
    {
        get
        {
            DnsHeaderFlags flags = DnsHeaderFlags.None;
            foreach (string flag in Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                flags |= flag switch
                {
                    "qr" => DnsHeaderFlags.Response,
                    "aa" => DnsHeaderFlags.Authoritative,
                    "tc" => DnsHeaderFlags.Truncated,
                    "rd" => DnsHeaderFlags.RecursionDesired,
                    "ra" => DnsHeaderFlags.RecursionAvailable,
                    "ad" => DnsHeaderFlags.AuthenticData,
                    "cd" => DnsHeaderFlags.CheckingDisabled,
                    _ => throw new InvalidDataException($"Unexpected flag {flag} in the manifest"),
                };
            }

            return flags;
        }
    }

    /// <summary>Finds a fixture by <see cref="Name"/>.</summary>
    public static BindFixture Get(string name)
    {
        foreach (BindFixture fixture in All)
        {
            if (fixture.Name == name)
            {
                return fixture;
            }
        }

        throw new ArgumentException($"No BIND fixture named {name}", nameof(name));
    }

    /// <summary>The raw response as BIND sent it.</summary>
    public byte[] ReadBytes() => System.IO.File.ReadAllBytes(Path.Combine(Directory, File));

    /// <summary>The response parsed into objects.</summary>
    public DnsMessage Parse() => DnsMessage.Parse(ReadBytes());

    public override string ToString() => Name;

    private static List<BindFixture> ReadManifest()
    {
        var fixtures = new List<BindFixture>();
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(Directory, "manifest.tsv"));
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] f = lines[i].Split('\t');
            if (f.Length != 13)
            {
                throw new InvalidDataException($"manifest.tsv line {i + 1} has {f.Length} columns, not 13");
            }

            fixtures.Add(new BindFixture(
                f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                int.Parse(f[7], CultureInfo.InvariantCulture),
                int.Parse(f[8], CultureInfo.InvariantCulture),
                int.Parse(f[9], CultureInfo.InvariantCulture),
                int.Parse(f[10], CultureInfo.InvariantCulture),
                f[11],
                f[12]));
        }

        return fixtures;
    }
}
