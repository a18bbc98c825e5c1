using Dnssec.Wire;
using FsCheck.Xunit;

namespace Dnssec.Tests.Wire;

/// <summary>Construction checks and copies of <see cref="DnsRecord"/>.</summary>
public sealed class DnsRecordTests
{
    private static readonly DnsName Owner = DnsName.Parse("www.example.");

    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 500)]
    public void Constructor_AnyEncodedRdata_IsAcceptedAndReadsThroughItsView(DnsRecord record)
    {
        // The generator builds RDATA with the views' Encode methods; the checked constructor, the view, canonical form
        // and a one-record message must all take it as it is.
        var copy = new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, record.Data.ToArray());
        Assert.Equal(RecordViews.Describe(record), RecordViews.Describe(copy));

        byte[] canonical = new byte[record.Data.Length];
        CanonicalOrder.WriteCanonicalRecordData(record.Type, record.Data.Span, canonical);
        Assert.Equal(0, CanonicalOrder.CompareRecordData(record.Type, record.Data.Span, canonical));
        Assert.True(record.SameData(copy));

        var message = new DnsMessage();
        message.Answers.Add(record);
        DnsRecord parsed = Assert.Single(DnsMessage.Parse(message.ToArray()).Answers);
        Assert.Equal(RecordViews.Describe(record).ToUpperInvariant(), RecordViews.Describe(parsed).ToUpperInvariant());
    }

    [Theory]
    [InlineData("A with 3 octets", RecordType.A, "c00002", 0)]
    [InlineData("MX name without its root label", RecordType.MX, "000a03616263", 6)]
    [InlineData("NS with a compression pointer", RecordType.NS, "c00c", 0)]
    [InlineData("NS with octets after the name", RecordType.NS, "0000", 1)]
    [InlineData("TXT string overrunning", RecordType.TXT, "0161" + "0562", 2)]
    public void Constructor_RdataNotFittingItsType_ThrowsDnsFormatException(string description, RecordType type, string hex, int offset)
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => new DnsRecord(Owner, type, RecordClass.IN, 0, Convert.FromHexString(hex)));

        Assert.True(exception.Error is DnsFormatError.InvalidRecordData or DnsFormatError.CompressionNotAllowed, $"{description}: {exception.Error}");
        Assert.Equal(offset, exception.Offset);
    }

    [Fact]
    public void Constructor_RdataOver65535Octets_ThrowsTooLarge()
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => new DnsRecord(Owner, (RecordType)65280, RecordClass.IN, 0, new byte[ushort.MaxValue + 1]));

        Assert.Equal(DnsFormatError.TooLarge, exception.Error);
        Assert.Equal(ushort.MaxValue, new DnsRecord(Owner, (RecordType)65280, RecordClass.IN, 0, new byte[ushort.MaxValue]).Data.Length);
    }

    [Fact]
    public void WithTtlAndWithOwner_ChangeOnlyThatField()
    {
        var record = new DnsRecord(Owner, RecordType.A, RecordClass.IN, 300, new byte[] { 192, 0, 2, 1 });

        DnsRecord shorter = record.WithTtl(60);
        DnsRecord expanded = record.WithOwner(DnsName.Parse("a.b.example."));

        Assert.Same(record, record.WithTtl(300));
        Assert.Equal((Owner, RecordType.A, RecordClass.IN, 60u), (shorter.Owner, shorter.Type, shorter.Class, shorter.Ttl));
        Assert.Equal("a.b.example.", expanded.Owner.ToString());
        Assert.Equal(300u, expanded.Ttl);
        Assert.True(record.Data.Span.SequenceEqual(expanded.Data.Span));
        Assert.Equal("www.example. 300 IN A (4 octets)", record.ToString());
    }

    [Fact]
    public void SameData_IgnoresTtlButNotOwnerTypeOrClass()
    {
        var record = new DnsRecord(Owner, RecordType.A, RecordClass.IN, 300, new byte[] { 192, 0, 2, 1 });

        Assert.True(record.SameData(record.WithTtl(1)));
        Assert.True(record.SameData(record.WithOwner(DnsName.Parse("WWW.EXAMPLE."))));
        Assert.False(record.SameData(record.WithOwner(DnsName.Parse("ftp.example."))));
        Assert.False(record.SameData(new DnsRecord(Owner, RecordType.A, RecordClass.CH, 300, new byte[] { 192, 0, 2, 1 })));
        Assert.False(record.SameData(new DnsRecord(Owner, (RecordType)65280, RecordClass.IN, 300, new byte[] { 192, 0, 2, 1 })));
    }
}
