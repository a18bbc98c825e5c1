using System.Buffers;
using System.Buffers.Binary;
using Dnssec.Wire;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dnssec.Tests.Wire;

/// <summary>Canonical RR form and RRset ordering (RFC 4034 §6.2, §6.3, RFC 6840 §5.1).</summary>
public sealed class CanonicalOrderTests
{
    private static readonly DnsName Owner = DnsName.Parse("WWW.Example.");
    private static readonly DnsName Upper = DnsName.Parse("NS1.EXAMPLE.");
    private static readonly DnsName Lower = DnsName.Parse("ns1.example.");
    private static readonly byte[] SignatureWithCapitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"u8.ToArray();

    public static TheoryData<string, RecordType, byte[], byte[]> CanonicalForms() => new()
    {
        { "NS target is lower-cased", RecordType.NS, NameData.Encode(Upper), NameData.Encode(Lower) },
        { "CNAME target is lower-cased", RecordType.CNAME, NameData.Encode(Upper), NameData.Encode(Lower) },
        { "DNAME target is lower-cased", RecordType.DNAME, NameData.Encode(Upper), NameData.Encode(Lower) },
        { "PTR target is lower-cased", RecordType.PTR, NameData.Encode(Upper), NameData.Encode(Lower) },
        { "MX exchange is lower-cased, the preference octets 'AB' are not", RecordType.MX, MxData.Encode(0x4142, Upper), MxData.Encode(0x4142, Lower) },
        { "KX exchanger is lower-cased", RecordType.KX, MxData.Encode(1, Upper), MxData.Encode(1, Lower) },
        { "SOA names are lower-cased, the numbers are not", RecordType.SOA, SoaData.Encode(Upper, DnsName.Parse("HostMaster.Example."), 0x41424344, 0x5A5A5A5A, 3, 4, 5), SoaData.Encode(Lower, DnsName.Parse("hostmaster.example."), 0x41424344, 0x5A5A5A5A, 3, 4, 5) },
        { "SRV target is lower-cased", RecordType.SRV, SrvData.Encode(0x4142, 0x4344, 443, Upper), SrvData.Encode(0x4142, 0x4344, 443, Lower) },
        { "NAPTR replacement is lower-cased, its strings are not", RecordType.NAPTR, NaptrData.Encode(1, 2, "U"u8, "E2U+SIP"u8, ""u8, Upper), NaptrData.Encode(1, 2, "U"u8, "E2U+SIP"u8, ""u8, Lower) },
        { "RRSIG signer is lower-cased, the signature is not", RecordType.RRSIG, Rrsig(Upper), Rrsig(Lower) },
        { "NSEC next name keeps its case (RFC 6840 §5.1)", RecordType.NSEC, NsecData.Encode(Upper, [RecordType.A]), NsecData.Encode(Upper, [RecordType.A]) },
        { "SVCB target keeps its case: not in the RFC 4034 §6.2 list", RecordType.SVCB, SvcbData.Encode(1, Upper, []), SvcbData.Encode(1, Upper, []) },
        { "TXT keeps its case", RecordType.TXT, TxtData.Encode("Hello WORLD"), TxtData.Encode("Hello WORLD") },
        { "A has no names", RecordType.A, [0x41, 0x42, 0x43, 0x44], [0x41, 0x42, 0x43, 0x44] },
        { "unknown type is opaque", (RecordType)65300, "ABC"u8.ToArray(), "ABC"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void WriteCanonicalRecordData_Types_LowerCasesOnlyTheNamesTheRfcsList(string description, RecordType type, byte[] rdata, byte[] canonical)
    {
        byte[] destination = new byte[rdata.Length];

        CanonicalOrder.WriteCanonicalRecordData(type, rdata, destination);

        Assert.True(canonical.AsSpan().SequenceEqual(destination), $"{description}: {Convert.ToHexString(destination)}");
        Assert.Equal(0, CanonicalOrder.CompareRecordData(type, rdata, canonical));
    }

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void WriteRRset_OneRecord_WritesTheCanonicalRecord(string description, RecordType type, byte[] rdata, byte[] canonical)
    {
        var output = new ArrayBufferWriter<byte>();

        int written = CanonicalOrder.WriteRRset(Owner, type, RecordClass.IN, 3600, [new DnsRecord(Owner, type, RecordClass.IN, 1, rdata)], output);

        byte[] expected = CanonicalRecord(DnsName.Parse("www.example."), type, 3600, canonical);
        Assert.True(expected.AsSpan().SequenceEqual(output.WrittenSpan), description);
        Assert.Equal(expected.Length, written);
    }

    [Fact]
    public void WriteRRset_Records_SortedByCanonicalRdataWithDuplicatesRemoved()
    {
        // Raw octets would put "Z" (0x5A) before "a" (0x61); canonical form compares "z" (0x7A). The length octet
        // counts too: "b" (length 1) sorts before "ab" (length 2).
        DnsRecord[] records =
        [
            Ns("z.example."),
            Ns("ab.example."),
            Ns("a.example."),
            Ns("Z.EXAMPLE."),
            Ns("b.example."),
            Ns("A.example."),
        ];
        var output = new ArrayBufferWriter<byte>();

        CanonicalOrder.WriteRRset(DnsName.Parse("Example."), RecordType.NS, RecordClass.IN, 86400, records, output);

        byte[] expected =
        [
            .. CanonicalRecord(DnsName.Parse("example."), RecordType.NS, 86400, NameData.Encode(DnsName.Parse("a.example."))),
            .. CanonicalRecord(DnsName.Parse("example."), RecordType.NS, 86400, NameData.Encode(DnsName.Parse("b.example."))),
            .. CanonicalRecord(DnsName.Parse("example."), RecordType.NS, 86400, NameData.Encode(DnsName.Parse("z.example."))),
            .. CanonicalRecord(DnsName.Parse("example."), RecordType.NS, 86400, NameData.Encode(DnsName.Parse("ab.example."))),
        ];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteRRset_OpaqueRecords_UnsignedOctetsWithShorterPrefixFirst()
    {
        // RFC 4034 §6.3: RDATA compares as left-justified unsigned octet strings, and absence of an octet sorts first.
        var type = (RecordType)65280;
        byte[][] data = [[0x80], [0x01, 0x02, 0x03], [0x7F, 0xFF], [0x01, 0x02], [], [0x01, 0x02]];
        var output = new ArrayBufferWriter<byte>();

        CanonicalOrder.WriteRRset(Owner, type, RecordClass.IN, 0, [.. data.Select(d => new DnsRecord(Owner, type, RecordClass.IN, 0, d))], output);

        byte[] expected = [.. new byte[][] { [], [0x01, 0x02], [0x01, 0x02, 0x03], [0x7F, 0xFF], [0x80] }.SelectMany(d => CanonicalRecord(Owner.ToLowerCase(), type, 0, d))];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteRRset_RecordTtlsAndOwners_AreReplacedByTheArguments()
    {
        DnsRecord[] records =
        [
            new(DnsName.Parse("other."), RecordType.A, RecordClass.IN, 5, new byte[] { 10, 0, 0, 2 }),
            new(DnsName.Parse("another."), RecordType.A, RecordClass.IN, 7, new byte[] { 10, 0, 0, 1 }),
        ];
        var output = new ArrayBufferWriter<byte>();
        DnsName wildcard = DnsName.Parse("*.Example.");

        CanonicalOrder.WriteRRset(wildcard, RecordType.A, RecordClass.IN, 300, records, output);

        byte[] expected = [.. CanonicalRecord(DnsName.Parse("*.example."), RecordType.A, 300, [10, 0, 0, 1]), .. CanonicalRecord(DnsName.Parse("*.example."), RecordType.A, 300, [10, 0, 0, 2])];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void WriteRRset_NsecNamesDifferingInCase_AreNotDuplicates()
    {
        // NSEC RDATA keeps its case in canonical form (RFC 6840 §5.1), so these two are different RDATA.
        DnsRecord[] records =
        [
            new(Owner, RecordType.NSEC, RecordClass.IN, 0, NsecData.Encode(DnsName.Parse("b.example."), [RecordType.A])),
            new(Owner, RecordType.NSEC, RecordClass.IN, 0, NsecData.Encode(DnsName.Parse("B.example."), [RecordType.A])),
        ];
        var output = new ArrayBufferWriter<byte>();

        CanonicalOrder.WriteRRset(Owner, RecordType.NSEC, RecordClass.IN, 0, records, output);

        byte[] expected = [.. CanonicalRecord(Owner.ToLowerCase(), RecordType.NSEC, 0, records[1].Data.ToArray()), .. CanonicalRecord(Owner.ToLowerCase(), RecordType.NSEC, 0, records[0].Data.ToArray())];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("one record", 1)]
    [InlineData("largest set sorted by insertion", 16)]
    [InlineData("smallest set sorted by Span.Sort", 17)]
    [InlineData("forty records", 40)]
    [InlineData("over the stackalloc limit of 64 indexes", 100)]
    public void WriteRRset_AnySize_MatchesTheReferenceInAnyInputOrder(string description, int count)
    {
        var random = new Random(count);
        var records = new List<DnsRecord>();
        for (int i = 0; i < count; i++)
        {
            // Few distinct targets in random case, so duplicates and case-only duplicates are common.
            string label = ((char)('a' + random.Next(0, 12))).ToString();
            string text = random.Next(2) == 0 ? label.ToUpperInvariant() : label;
            records.Add(Ns($"{text}{random.Next(0, 4)}.Example."));
        }

        byte[] expected = Reference(Owner, RecordType.NS, RecordClass.IN, 60, records);
        byte[] forward = Canonical(records);
        records.Reverse();
        byte[] backward = Canonical(records);

        Assert.True(Convert.ToHexString(expected) == Convert.ToHexString(forward), description);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(backward));

        static byte[] Canonical(List<DnsRecord> set)
        {
            var output = new ArrayBufferWriter<byte>();
            CanonicalOrder.WriteRRset(Owner, RecordType.NS, RecordClass.IN, 60, set, output);
            return output.WrittenSpan.ToArray();
        }
    }

    [Property(MaxTest = 300)]
    public Property WriteRRset_RandomRRset_MatchesTheReferenceInAnyInputOrder() =>
        Prop.ForAll(
            (from type in Gen.Elements(RRsetGenerators.Keys.ToArray())
             from count in Gen.Choose(1, 45)
             from data in Gen.ArrayOf(RRsetGenerators[type], count)
             from order in Gen.Shuffle(Enumerable.Range(0, count))
             select (type, data, order)).ToArbitrary(),
            rrset =>
            {
                (RecordType type, byte[][] data, int[] order) = rrset;
                DnsRecord[] records = [.. data.Select(d => new DnsRecord(Owner, type, RecordClass.IN, 0, d))];
                DnsRecord[] shuffled = [.. order.Select(i => records[i])];
                var output = new ArrayBufferWriter<byte>();
                var shuffledOutput = new ArrayBufferWriter<byte>();

                CanonicalOrder.WriteRRset(Owner, type, RecordClass.IN, 3600, records, output);
                CanonicalOrder.WriteRRset(Owner, type, RecordClass.IN, 3600, shuffled, shuffledOutput);

                Assert.Equal(Convert.ToHexString(Reference(Owner, type, RecordClass.IN, 3600, records)), Convert.ToHexString(output.WrittenSpan));
                Assert.Equal(Convert.ToHexString(output.WrittenSpan), Convert.ToHexString(shuffledOutput.WrittenSpan));
            });

    [Property(MaxTest = 500)]
    public Property CompareRecordData_AnyThreeRdata_IsATotalOrderMatchingCanonicalOctets() =>
        Prop.ForAll(
            (from type in Gen.Elements(RRsetGenerators.Keys.ToArray())
             from data in Gen.ArrayOf(RRsetGenerators[type], 3)
             select (type, data)).ToArbitrary(),
            sample =>
            {
                (RecordType type, byte[][] data) = sample;
                byte[][] canonical = [.. data.Select(d => CanonicalRdata(type, d))];
                for (int i = 0; i < 3; i++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        int expected = Math.Sign(canonical[i].AsSpan().SequenceCompareTo(canonical[j]));
                        Assert.Equal(expected, Math.Sign(CanonicalOrder.CompareRecordData(type, data[i], data[j])));
                    }
                }
            });

    [Fact]
    public void CompareRecordData_RdataOverTheStackLimit_StillCompares()
    {
        byte[] signature = new byte[600];
        Array.Fill(signature, (byte)'Q');
        byte[] upper = RrsigData.Encode(RecordType.A, DnssecAlgorithm.RSASHA256, 2, 60, 2, 1, 7, Upper, signature);
        byte[] lower = RrsigData.Encode(RecordType.A, DnssecAlgorithm.RSASHA256, 2, 60, 2, 1, 7, Lower, signature);
        signature[^1] = (byte)'R';
        byte[] later = RrsigData.Encode(RecordType.A, DnssecAlgorithm.RSASHA256, 2, 60, 2, 1, 7, Upper, signature);

        Assert.Equal(0, CanonicalOrder.CompareRecordData(RecordType.RRSIG, upper, lower));
        Assert.True(CanonicalOrder.CompareRecordData(RecordType.RRSIG, upper, later) < 0);
        Assert.True(CanonicalOrder.CompareRecordData(RecordType.RRSIG, later, lower) > 0);
    }

    [Fact]
    public void WriteCanonicalRecordData_Malformed_ThrowsDnsFormatException()
    {
        byte[] destination = new byte[16];

        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => CanonicalOrder.WriteCanonicalRecordData(RecordType.MX, [0, 10, 3, (byte)'a'], destination));

        Assert.Equal(DnsFormatError.InvalidRecordData, exception.Error);
    }

    [Fact]
    public void SameData_CaseOnlyDifferenceInNames_IsTheSameData()
    {
        DnsRecord upper = new(Owner, RecordType.MX, RecordClass.IN, 60, MxData.Encode(10, Upper));
        DnsRecord lower = new(Owner.ToLowerCase(), RecordType.MX, RecordClass.IN, 3600, MxData.Encode(10, Lower));
        DnsRecord other = new(Owner, RecordType.MX, RecordClass.IN, 60, MxData.Encode(20, Upper));

        Assert.True(upper.SameData(lower));
        Assert.False(upper.SameData(other));
    }

    /// <summary>RDATA generators per type over small value sets, so that RRsets hold duplicates and case variants.</summary>
    private static readonly Dictionary<RecordType, Gen<byte[]>> RRsetGenerators = new()
    {
        [RecordType.A] = Gen.Choose(0, 6).Select(i => new byte[] { 192, 0, 2, (byte)i }),
        [RecordType.NS] = WireArbitraries.SmallNames.Select(NameData.Encode),
        [RecordType.MX] = Gen.Zip(Gen.Choose(0, 2), WireArbitraries.SmallNames).Select(t => MxData.Encode((ushort)t.Item1, t.Item2)),
        [RecordType.SOA] = Gen.Zip(WireArbitraries.SmallNames, WireArbitraries.SmallNames).Select(t => SoaData.Encode(t.Item1, t.Item2, 1, 2, 3, 4, 5)),
        [RecordType.SRV] = Gen.Zip(Gen.Choose(0, 2), WireArbitraries.SmallNames).Select(t => SrvData.Encode((ushort)t.Item1, 0, 443, t.Item2)),
        [RecordType.RRSIG] = Gen.Zip(Gen.Choose(0, 2), WireArbitraries.SmallNames).Select(t => Rrsig(t.Item2, (byte)t.Item1)),
        [RecordType.NSEC] = Gen.Zip(WireArbitraries.SmallNames, Gen.Elements<RecordType[]>([RecordType.A], [RecordType.A, RecordType.RRSIG], [])).Select(t => NsecData.Encode(t.Item1, t.Item2)),
        [RecordType.TXT] = Gen.Elements("a", "A", "ab", "b", "").Select(s => TxtData.Encode(s)),
        [(RecordType)65280] = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements<byte>(0, 1, 0x41, 0x61, 0xFF), n)),
    };

    private static byte[] Rrsig(DnsName signer) => Rrsig(signer, 0);

    private static byte[] Rrsig(DnsName signer, byte extra) =>
        RrsigData.Encode(RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, 2, 3600, 1_800_000_000, 1_700_000_000, 4242, signer, [.. SignatureWithCapitals, extra]);

    private static DnsRecord Ns(string target) => new(Owner, RecordType.NS, RecordClass.IN, 60, NameData.Encode(DnsName.Parse(target)));

    private static byte[] CanonicalRdata(RecordType type, byte[] rdata)
    {
        byte[] canonical = new byte[rdata.Length];
        CanonicalOrder.WriteCanonicalRecordData(type, rdata, canonical);
        return canonical;
    }

    /// <summary>One record in canonical form, written out field by field: owner, type, class, TTL, RDLENGTH, RDATA.</summary>
    private static byte[] CanonicalRecord(DnsName owner, RecordType type, uint ttl, byte[] rdata)
    {
        byte[] record = new byte[owner.WireLength + 10 + rdata.Length];
        owner.WriteCanonicalTo(record);
        int position = owner.WireLength;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(position), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(position + 2), (ushort)RecordClass.IN);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(position + 4), ttl);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(position + 8), (ushort)rdata.Length);
        rdata.CopyTo(record, position + 10);
        return record;
    }

    /// <summary>RFC 4034 §6.3 done the obvious way: canonicalise each RDATA, drop duplicates, sort the octet strings.</summary>
    private static byte[] Reference(DnsName owner, RecordType type, RecordClass @class, uint ttl, IEnumerable<DnsRecord> records)
    {
        Assert.Equal(RecordClass.IN, @class);
        List<byte[]> canonical = [.. records.Select(r => CanonicalRdata(type, r.Data.ToArray())).DistinctBy(Convert.ToHexString)];
        canonical.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return [.. canonical.SelectMany(d => CanonicalRecord(owner, type, ttl, d))];
    }
}
