using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>
/// Responses captured from BIND 9.18's named (see <c>Fixtures/Bind/README.md</c>): each one parses both ways, matches
/// what was asked and what the manifest recorded, and is written back octet for octet.
/// </summary>
public sealed partial class BindInteropTests
{
    private static readonly uint Inception = (uint)new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly uint Expiration = (uint)new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>Every fixture: its name and what it shows.</summary>
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (BindFixture fixture in BindFixture.All)
        {
            data.Add(fixture.Name, fixture.Shows);
        }

        return data;
    }

    [Fact]
    public void Manifest_ResponsesDirectory_ListsEveryFileOnce()
    {
        string[] files = Directory.GetFiles(Path.Combine(BindFixture.Directory, "responses"), "*.bin");
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (BindFixture fixture in BindFixture.All)
        {
            Assert.True(listed.Add(fixture.File), $"{fixture.File} is listed twice");
        }

        Assert.Equal(files.Length, listed.Count);
        foreach (string file in files)
        {
            Assert.Contains("responses/" + Path.GetFileName(file), listed);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_BindResponse_MatchesQueryAndManifest(string name, string shows)
    {
        _ = shows;
        BindFixture fixture = BindFixture.Get(name);
        DnsMessage message = fixture.Parse();

        Assert.True(message.IsResponse);
        Assert.Equal(fixture.HeaderFlags, message.Flags);
        Assert.Equal(DnsOpCode.Query, message.OpCode);
        Assert.Equal(fixture.Rcode, message.ResponseCode);
        DnsQuestion question = Assert.Single(message.Questions);
        Assert.Equal(DnsName.Parse(fixture.QueryName).WireForm, question.Name.WireForm);
        Assert.Equal(fixture.Type, question.Type);
        Assert.Equal(RecordClass.IN, question.Class);
        Assert.Equal(fixture.QuestionCount, message.Questions.Count);
        Assert.Equal(fixture.AnswerCount, message.Answers.Count);
        Assert.Equal(fixture.AuthorityCount, message.Authorities.Count);

        // The OPT record is counted in ARCOUNT but kept apart from the additional records.
        Assert.NotNull(message.Edns);
        Assert.Equal(fixture.AdditionalCount, message.Additionals.Count + 1);
        Assert.True(message.Edns.DnssecOk);
        Assert.Equal(0, message.Edns.Version);
        Assert.Empty(message.Edns.Options);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DnsMessageReader_BindResponse_WalksEveryEntryWithoutAllocating(string name, string shows)
    {
        _ = shows;
        BindFixture fixture = BindFixture.Get(name);
        byte[] bytes = fixture.ReadBytes();
        DnsName queryName = DnsName.Parse(fixture.QueryName);
        Walk(bytes, queryName);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int entries = Walk(bytes, queryName);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(fixture.QuestionCount + fixture.AnswerCount + fixture.AuthorityCount + fixture.AdditionalCount, entries);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DnsRecordView_BindResponse_BuildsTheRecordsParseBuilds(string name, string shows)
    {
        _ = shows;
        BindFixture fixture = BindFixture.Get(name);
        byte[] bytes = fixture.ReadBytes();
        DnsMessage message = DnsMessage.Parse(bytes);
        var parsed = new List<DnsRecord>();
        parsed.AddRange(message.Answers);
        parsed.AddRange(message.Authorities);
        parsed.AddRange(message.Additionals);

        var reader = new DnsMessageReader(bytes);
        int index = 0;
        while (reader.ReadRecord(out DnsRecordView view))
        {
            if (view.Type == RecordType.OPT)
            {
                continue;
            }

            DnsRecord expected = parsed[index++];
            DnsRecord actual = view.ToRecord();
            Assert.Equal(expected.Owner.WireForm, actual.Owner.WireForm);
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Ttl, actual.Ttl);
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }

        Assert.Equal(parsed.Count, index);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ToArray_ParsedBindResponse_ReproducesBindOctets(string name, string shows)
    {
        _ = shows;
        byte[] bytes = BindFixture.Get(name).ReadBytes();

        byte[] written = DnsMessage.Parse(bytes).ToArray();

        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(written));
    }

    [Fact]
    public void Parse_EverySignature_CarriesThePinnedValidityPeriod()
    {
        int signatures = 0;
        foreach (BindFixture fixture in BindFixture.All)
        {
            foreach (DnsRecord record in AllRecords(fixture.Parse()))
            {
                if (record.Type != RecordType.RRSIG)
                {
                    continue;
                }

                RrsigData rrsig = RrsigData.From(record);
                Assert.Equal(Inception, rrsig.SignatureInception);
                Assert.Equal(Expiration, rrsig.SignatureExpiration);
                signatures++;
            }
        }

        Assert.True(signatures > 100, $"only {signatures} signatures in the fixtures");
    }

    [Theory]
    [InlineData("dnskey-root", DnssecAlgorithm.RSASHA256, "root: RSASHA256 KSK and ZSK")]
    [InlineData("dnskey-test", DnssecAlgorithm.ECDSAP256SHA256, "test.: ECDSAP256SHA256 KSK and ZSK")]
    [InlineData("a-nsec", DnssecAlgorithm.ECDSAP256SHA256, "nsec.test.: ECDSAP256SHA256 CSK")]
    [InlineData("a-nsec3", DnssecAlgorithm.RSASHA256, "nsec3.test.: RSASHA256 KSK and ZSK")]
    [InlineData("a-optout", DnssecAlgorithm.ECDSAP256SHA256, "optout.test.: ECDSAP256SHA256 CSK")]
    [InlineData("a-ed25519", DnssecAlgorithm.ED25519, "ed25519.test.: ED25519 CSK")]
    [InlineData("a-sub", DnssecAlgorithm.ECDSAP384SHA384, "sub.nsec.test.: ECDSAP384SHA384 CSK")]
    public void Parse_SignedAnswer_UsesTheZonesAlgorithm(string name, DnssecAlgorithm algorithm, string description)
    {
        _ = description;
        DnsMessage message = BindFixture.Get(name).Parse();

        // A DNSKEY RRset with a KSK and a ZSK carries a signature by each.
        List<DnsRecord> signatures = message.Answers.Where(r => r.Type == RecordType.RRSIG).ToList();
        Assert.NotEmpty(signatures);
        foreach (DnsRecord rrsig in signatures)
        {
            Assert.Equal(message.Questions[0].Type, RrsigData.From(rrsig).TypeCovered);
            Assert.Equal(algorithm, RrsigData.From(rrsig).Algorithm);
        }

        foreach (DnsRecord key in message.Answers.Where(r => r.Type == RecordType.DNSKEY))
        {
            Assert.Equal(algorithm, DnskeyData.From(key).Algorithm);
        }
    }

    [Fact]
    public void Parse_TruncatedOverUdp_CarriesOnlyQuestionAndOpt()
    {
        DnsMessage message = BindFixture.Get("truncated-udp").Parse();

        Assert.True((message.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.Empty(message.Answers);
        Assert.Empty(message.Authorities);
        Assert.Empty(message.Additionals);
        Assert.NotNull(message.Edns);
    }

    [Fact]
    public void Parse_SameQueryOverTcp_CarriesTheWholeSignedRrset()
    {
        BindFixture fixture = BindFixture.Get("truncated-tcp");
        DnsMessage message = fixture.Parse();

        Assert.True(fixture.ReadBytes().Length > EdnsRecord.DefaultUdpPayloadSize);
        Assert.True((message.Flags & DnsHeaderFlags.Truncated) == 0);
        Assert.Equal(7, message.Answers.Count(r => r.Type == RecordType.TXT));
        DnsRecord rrsig = Assert.Single(message.Answers, r => r.Type == RecordType.RRSIG);
        Assert.Equal(RecordType.TXT, RrsigData.From(rrsig).TypeCovered);
    }

    [Theory]
    [InlineData("wildcard-nsec", "NSEC zone")]
    [InlineData("wildcard-nsec3", "NSEC3 zone")]
    public void Parse_WildcardExpansion_SignatureCountsFewerLabelsThanTheOwner(string name, string description)
    {
        _ = description;
        DnsMessage message = BindFixture.Get(name).Parse();

        DnsRecord answer = Assert.Single(message.Answers, r => r.Type == RecordType.A);
        DnsRecord rrsig = Assert.Single(message.Answers, r => r.Type == RecordType.RRSIG);
        Assert.Equal(message.Questions[0].Name, answer.Owner);
        Assert.Equal(answer.Owner.LabelCount - 1, RrsigData.From(rrsig).Labels);

        // RFC 4035 §3.1.3.3: the answer comes with a proof that the query name itself does not exist.
        Assert.Contains(message.Authorities, r => r.Type is RecordType.NSEC or RecordType.NSEC3);
    }

    [Fact]
    public void Parse_DnameResponse_CarriesSignedDnameAndUnsignedSynthesizedCname()
    {
        DnsMessage message = BindFixture.Get("dname-nsec").Parse();

        DnsRecord dname = Assert.Single(message.Answers, r => r.Type == RecordType.DNAME);
        Assert.Equal(DnsName.Parse("dname.nsec.test."), dname.Owner);
        Assert.Equal(DnsName.Parse("nsec3.test.").WireForm, dname.Data.ToArray());
        DnsRecord rrsig = Assert.Single(message.Answers, r => r.Type == RecordType.RRSIG);
        Assert.Equal(RecordType.DNAME, RrsigData.From(rrsig).TypeCovered);
        DnsRecord cname = Assert.Single(message.Answers, r => r.Type == RecordType.CNAME);
        Assert.Equal(DnsName.Parse("www.dname.nsec.test."), cname.Owner);
        Assert.Equal(DnsName.Parse("www.nsec3.test.").WireForm, cname.Data.ToArray());
    }

    [Fact]
    public void Parse_MixedCaseQuery_KeepsTheQueryCaseInTheQuestionAndTheZoneCaseInTheAnswer()
    {
        DnsMessage asked = BindFixture.Get("mixedcase-query-nsec").Parse();
        DnsMessage stored = BindFixture.Get("mixedcase-owner-nsec").Parse();

        Assert.Equal("WwW.NsEc.TeSt."u8.ToArray(), TextOf(asked.Questions[0].Name));
        Assert.Equal("www.nsec.test."u8.ToArray(), TextOf(asked.Answers[0].Owner));
        Assert.Equal("mixed.nsec.test."u8.ToArray(), TextOf(stored.Questions[0].Name));
        Assert.Equal("Mixed.nsec.test."u8.ToArray(), TextOf(stored.Answers[0].Owner));
    }

    [Fact]
    public void Parse_MultiStringTxt_KeepsEveryStringIncludingTheEmptyOne()
    {
        DnsMessage message = BindFixture.Get("txt-multi-nsec").Parse();

        DnsRecord txt = Assert.Single(message.Answers, r => r.Type == RecordType.TXT);
        string[] strings = TxtData.From(txt).Strings.Select(s => Encoding.ASCII.GetString(s.Span)).ToArray();
        Assert.Equal(["first string", "second string, with spaces", "third;string", ""], strings);
    }

    [Theory]
    [InlineData("nxdomain-nsec3", false, 3, "NXDOMAIN: closest encloser, next closer, wildcard")]
    [InlineData("nodata-nsec3", false, 1, "NODATA: the matching NSEC3")]
    [InlineData("nxdomain-optout", true, 2, "NXDOMAIN in the opt-out zone")]
    [InlineData("referral-insecure-optout", true, 2, "referral to an unsigned child under opt-out")]
    public void Parse_Nsec3Denial_UsesSha1WithoutSaltOrExtraIterations(string name, bool optOut, int count, string description)
    {
        _ = description;
        DnsMessage message = BindFixture.Get(name).Parse();

        List<DnsRecord> nsec3 = message.Authorities.Where(r => r.Type == RecordType.NSEC3).ToList();
        Assert.Equal(count, nsec3.Count);
        foreach (DnsRecord record in nsec3)
        {
            Nsec3Data data = Nsec3Data.From(record);
            Assert.Equal(1, data.HashAlgorithm);
            Assert.Equal(0, data.Iterations);
            Assert.Equal(0, data.Salt.Length);
            Assert.Equal(optOut, data.IsOptOut);
            Assert.Equal(20, data.NextHashedOwnerName.Length);
        }
    }

    [Fact]
    public void Parse_SecureReferral_CarriesDsSignedByTheParent()
    {
        DnsMessage message = BindFixture.Get("referral-secure-ds").Parse();

        Assert.True((message.Flags & DnsHeaderFlags.Authoritative) == 0);
        Assert.Empty(message.Answers);
        DnsName child = DnsName.Parse("sub.nsec.test.");
        Assert.Contains(message.Authorities, r => r.Type == RecordType.NS && r.Owner == child);
        DnsRecord ds = Assert.Single(message.Authorities, r => r.Type == RecordType.DS);
        Assert.Equal(child, ds.Owner);
        Assert.Equal(DnssecAlgorithm.ECDSAP384SHA384, DsData.From(ds).Algorithm);
        Assert.Equal(DigestType.SHA256, DsData.From(ds).DigestType);
        DnsRecord rrsig = Assert.Single(message.Authorities, r => r.Type == RecordType.RRSIG);
        Assert.Equal(DnsName.Parse("nsec.test."), RrsigData.From(rrsig).SignerName);
        Assert.Contains(message.Additionals, r => r.Type == RecordType.A && r.Owner == DnsName.Parse("ns1.sub.nsec.test."));
    }

    [Fact]
    public void Parse_InsecureReferral_CarriesAnNsecWithoutDsInItsBitmap()
    {
        DnsMessage message = BindFixture.Get("referral-insecure-nsec").Parse();

        DnsName child = DnsName.Parse("insecure.test.");
        Assert.DoesNotContain(message.Authorities, r => r.Type == RecordType.DS);
        DnsRecord nsec = Assert.Single(message.Authorities, r => r.Type == RecordType.NSEC);
        Assert.Equal(child, nsec.Owner);
        TypeBitmap types = NsecData.From(nsec).Types;
        Assert.True(types.Contains(RecordType.NS));
        Assert.False(types.Contains(RecordType.DS));
        Assert.False(types.Contains(RecordType.SOA));
    }

    [Fact]
    public void Parse_RootDnskey_HoldsTheKeyOfTheTrustAnchor()
    {
        DnsMessage message = BindFixture.Get("dnskey-root").Parse();
        string anchors = File.ReadAllText(Path.Combine(BindFixture.Directory, "anchors.txt"));

        DnsRecord ksk = Assert.Single(message.Answers, r => r.Type == RecordType.DNSKEY && (DnskeyData.From(r).Flags & DnskeyData.SecureEntryPointFlag) != 0);
        string key = Convert.ToBase64String(DnskeyData.From(ksk).PublicKey.Span);
        string anchorKey = string.Concat(anchors.Split('\n').Single(l => l.Contains(" DNSKEY 257 ", StringComparison.Ordinal)).Split(' ').Skip(7));
        Assert.Equal(anchorKey, key);
    }

    /// <summary>Reads every entry; returns how many, or -1 when one is not as expected. No asserts here: they allocate.</summary>
    private static int Walk(ReadOnlySpan<byte> bytes, DnsName queryName)
    {
        var reader = new DnsMessageReader(bytes);
        int entries = 0;
        bool ok = true;
        while (reader.ReadQuestion(out DnsQuestionView question))
        {
            ok &= question.NameEquals(queryName);
            entries++;
        }

        while (reader.ReadRecord(out DnsRecordView record))
        {
            ok &= record.Type == RecordType.OPT
                ? record.AsEdns().DnssecOk
                : record.ExpandedDataLength >= record.DataLength && record.RawData.Length == record.DataLength;
            entries++;
        }

        ok &= reader.ReadToEnd(out EdnsView edns) && edns.Version == 0 && edns.UdpPayloadSize > 0;
        return ok ? entries : -1;
    }

    private static IEnumerable<DnsRecord> AllRecords(DnsMessage message) =>
        message.Answers.Concat(message.Authorities).Concat(message.Additionals);

    private static byte[] TextOf(DnsName name) => Encoding.ASCII.GetBytes(name.ToString());
}
