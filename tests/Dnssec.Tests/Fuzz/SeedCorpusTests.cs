using Dnssec.Dane;
using Dnssec.Fuzz;
using Dnssec.Fuzz.Seeds;
using Dnssec.Fuzz.Targets;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Fuzz;

/// <summary>
/// Runs every file of every fuzz target's seed corpus (fuzz/corpus/TARGET/, copied next to the tests) through the
/// same target class afl-fuzz runs, so a seed, or a crash input added after a fix, that breaks fails an ordinary test.
/// </summary>
public sealed class SeedCorpusTests
{
    private static string CorpusRoot => Path.Combine(AppContext.BaseDirectory, "fuzz", "corpus");

    private static string DictionaryRoot => Path.Combine(AppContext.BaseDirectory, "fuzz", "dictionaries");

    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (IFuzzTarget target in FuzzTargets.All)
        {
            string folder = Path.Combine(CorpusRoot, target.Name);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(target.Name, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_SeedFile_PassesEveryCheckOfTheTarget(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusRoot, target, file));

        // Any exception escaping Run is what afl-fuzz would record as a crash.
        FuzzTargets.Get(target).Run(input);
    }

    [Fact]
    public void FuzzTargets_EachTarget_HasSeedsAndADictionary()
    {
        Assert.NotEmpty(FuzzTargets.All);
        foreach (IFuzzTarget target in FuzzTargets.All)
        {
            string folder = Path.Combine(CorpusRoot, target.Name);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(), $"fuzz/corpus/{target.Name}/ has no seeds");
            Assert.True(File.Exists(Path.Combine(DictionaryRoot, target.Name + ".dict")), $"fuzz/dictionaries/{target.Name}.dict is missing");
        }
    }

    public static TheoryData<string> GeneratedCorpora() => [.. SeedCorpora.Targets];

    [Theory]
    [MemberData(nameof(GeneratedCorpora))]
    public void SeedCorpora_Generate_MatchesTheCommittedCorpus(string target)
    {
        // The committed files are the generator's output; inputs that afl-fuzz found may sit beside them.
        Assert.True(FuzzTargets.TryGet(target, out _), $"Seeds are generated for '{target}', which is no fuzz target");
        int count = 0;
        foreach (KeyValuePair<string, byte[]> seed in SeedCorpora.Generate(target))
        {
            string path = Path.Combine(CorpusRoot, target, seed.Key);
            Assert.True(File.Exists(path), $"fuzz/corpus/{target}/{seed.Key} is missing: regenerate the corpus");
            Assert.True(seed.Value.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"fuzz/corpus/{target}/{seed.Key} differs from the generator's output");
            count++;
        }

        Assert.True(count > 0, $"The generator of {target} wrote no seeds");
    }

    [Fact]
    public void MessageCorpus_Seeds_CoverTheDnssecRecordTypesAndExtendedErrors()
    {
        var types = new HashSet<RecordType>();
        bool extendedError = false;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(CorpusRoot, "message")))
        {
            DnsMessage message;
            try
            {
                message = DnsMessage.Parse(File.ReadAllBytes(file));
            }
            catch (DnsFormatException)
            {
                // Crash inputs kept as regressions need not be whole messages.
                continue;
            }

            foreach (List<DnsRecord> section in (List<DnsRecord>[])[message.Answers, message.Authorities, message.Additionals])
            {
                types.UnionWith(section.Select(record => record.Type));
            }

            extendedError |= message.Edns?.ExtendedErrors.Any() == true;
        }

        Assert.Superset(new HashSet<RecordType> { RecordType.RRSIG, RecordType.DNSKEY, RecordType.DS, RecordType.NSEC, RecordType.NSEC3, RecordType.SOA, RecordType.TLSA }, types);
        Assert.True(extendedError, "No seed carries an Extended DNS Error");
    }

    [Fact]
    public void CertificateCorpus_Seeds_ReachEveryVerdictOfTheVerifier()
    {
        // The seeds must take the fuzzer through the whole verification, not stop at the first reader.
        var verdicts = new HashSet<DaneFailure>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(CorpusRoot, "certificate")))
        {
            verdicts.Add(CertificateTarget.Verdict(File.ReadAllBytes(file)).Failure);
        }

        Assert.Equal(Enum.GetValues<DaneFailure>().ToHashSet(), verdicts);
    }

    [Fact]
    public void DaneInput_Encode_DecodesToTheSameInput()
    {
        var input = new DaneInput { Flags = DaneInputFlags.DaneEeNameChecks | DaneInputFlags.ShortChains, Now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000) };
        input.Chain.AddRange([[0x30, 0x00], new byte[300]]);
        input.Records.Add([3, 1, 1, 7]);
        input.Names.AddRange(["www.example.com", "*.example.com"]);
        input.PkixAnchors.Add([0x30, 0x01, 0x00]);

        byte[] encoded = input.Encode();
        DaneInput decoded = DaneInput.Decode(encoded);

        Assert.Equal(input.Flags, decoded.Flags);
        Assert.Equal(input.Chain, decoded.Chain);
        Assert.Equal(input.Records, decoded.Records);
        Assert.Equal(input.Names, decoded.Names);
        Assert.Equal(input.PkixAnchors, decoded.PkixAnchors);
        Assert.Equal(input.Now, decoded.Now);
        Assert.Equal(encoded, decoded.Encode());

        // An item cut short ends the input; what came before it stays.
        DaneInput cut = DaneInput.Decode(encoded.AsSpan(0, encoded.Length - 1));
        Assert.Equal(input.Chain, cut.Chain);
        Assert.Null(cut.Now);
    }

    [Fact]
    public void ZoneCorpus_WellFormedSeeds_ReadToTheEnd()
    {
        // Seeds named malformed-*, include-* (the target refuses $INCLUDE) and crash-* are meant to stop at an error;
        // every other seed must read completely, or the fuzzer starts from less than the seed shows.
        int wellFormed = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(CorpusRoot, "zone")))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith("malformed-", StringComparison.Ordinal) || name.StartsWith("include-", StringComparison.Ordinal) || name.StartsWith("crash-", StringComparison.Ordinal))
            {
                continue;
            }

            List<DnsRecord> records = ZoneTarget.Read(File.ReadAllBytes(file), out ZoneFileException? error);
            Assert.True(error is null, $"fuzz/corpus/zone/{name} does not read: {error?.Message}");
            Assert.NotEmpty(records);
            wellFormed++;
        }

        Assert.True(wellFormed >= 20, $"Only {wellFormed} well-formed zone seeds");
    }

    [Fact]
    public void ZoneCorpus_Seeds_CoverTheDnssecTypesAndTheGenericForms()
    {
        var types = new HashSet<RecordType>();
        var classes = new HashSet<RecordClass>();
        bool refusedInclude = false;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(CorpusRoot, "zone")))
        {
            List<DnsRecord> records = ZoneTarget.Read(File.ReadAllBytes(file), out ZoneFileException? error);
            types.UnionWith(records.Select(record => record.Type));
            classes.UnionWith(records.Select(record => record.Class));
            refusedInclude |= error?.Reason.Contains("$INCLUDE", StringComparison.Ordinal) == true;
        }

        Assert.Superset(
            new HashSet<RecordType>
            {
                RecordType.SOA, RecordType.RRSIG, RecordType.DNSKEY, RecordType.DS, RecordType.NSEC, RecordType.NSEC3,
                RecordType.NSEC3PARAM, RecordType.TLSA, RecordType.SVCB, RecordType.HTTPS, RecordType.CAA, RecordType.TXT,
                RecordType.NULL, (RecordType)65280,
            },
            types);
        Assert.Superset(new HashSet<RecordClass> { RecordClass.IN, RecordClass.CH, RecordClass.HS, (RecordClass)65535 }, classes);
        Assert.True(refusedInclude, "No seed tries $INCLUDE");
    }
}
