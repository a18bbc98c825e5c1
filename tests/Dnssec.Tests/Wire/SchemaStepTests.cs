using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Runs of fixed-size fields are checked as one step; a short run still reports the field that does not fit.</summary>
public sealed class SchemaStepTests
{
    [Theory]
    [InlineData("A record of 3 octets fails at its address", RecordType.A, 3, 0)]
    [InlineData("RRSIG cut inside the original TTL fails at the TTL", RecordType.RRSIG, 6, 4)]
    [InlineData("RRSIG cut inside the expiration fails at the expiration", RecordType.RRSIG, 10, 8)]
    [InlineData("RRSIG cut inside the key tag fails at the key tag", RecordType.RRSIG, 17, 16)]
    [InlineData("DNSKEY of 3 octets fails at the algorithm", RecordType.DNSKEY, 3, 3)]
    [InlineData("AAAA of 15 octets fails at its address", RecordType.AAAA, 15, 0)]
    public void DnsRecord_FixedFieldsCutShort_ReportsTheFieldThatDoesNotFit(string description, RecordType type, int length, int offset)
    {
        byte[] data = new byte[length];

        DnsFormatException error = Assert.Throws<DnsFormatException>(() => new DnsRecord(DnsName.Root, type, RecordClass.IN, 0, data));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
        Assert.True(offset == error.Offset, description);
        Assert.Contains($"{type} RDATA is too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DnsRecord_SoaCutInsideTheCounters_ReportsTheCounter()
    {
        // MNAME "." and RNAME "." (2 octets), then serial, refresh and 2 octets of retry.
        byte[] data = new byte[2 + 4 + 4 + 2];

        DnsFormatException error = Assert.Throws<DnsFormatException>(() => new DnsRecord(DnsName.Root, RecordType.SOA, RecordClass.IN, 0, data));

        Assert.Equal(10, error.Offset);
    }

    [Theory]
    [InlineData(RecordType.RRSIG, new[] { 18, 0, 0 })]
    [InlineData(RecordType.SOA, new[] { 0, 0, 20 })]
    [InlineData(RecordType.A, new[] { 4 })]
    [InlineData(RecordType.DNSKEY, new[] { 4, 0 })]
    public void Plan_KnownLayouts_MergeFixedFields(RecordType type, int[] fixedSizes)
    {
        SchemaStep[] steps = RecordSchema.Get(type).Steps;

        Assert.Equal(fixedSizes, steps.Select(step => step.FixedSize).ToArray());
    }
}
