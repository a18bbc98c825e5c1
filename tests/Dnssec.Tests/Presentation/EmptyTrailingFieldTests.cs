using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

/// <summary>
/// A trailing base64 field with nothing in it (RFC 4034 §3.2 writes the RRSIG signature last, and an empty one has no
/// text at all; BIND prints nothing for it and Unbound's reader takes the missing field as empty) reads as empty data.
/// </summary>
public class EmptyTrailingFieldTests
{
    [Theory]
    [InlineData("one line", "a.example. 60 IN RRSIG A 13 2 60 20260601000000 20260501000000 12345 example.")]
    [InlineData("comment after the signer", "a.example. 60 IN RRSIG A 13 2 60 20260601000000 20260501000000 12345 example. ; no signature")]
    [InlineData("parentheses closed after the signer", "a.example. 60 IN RRSIG A 13 2 60 (\n 20260601000000 20260501000000\n 12345 example. )")]
    public void Parse_RrsigWithoutSignature_ReadsAnEmptySignature(string description, string text)
    {
        _ = description;

        DnsRecord record = Assert.Single(ZoneFileReader.Parse(text, "test.zone"));

        RrsigData rrsig = RrsigData.From(record);
        Assert.Equal(RecordType.A, rrsig.TypeCovered);
        Assert.Equal(12345, rrsig.KeyTag);
        Assert.Equal(DnsName.Parse("example."), rrsig.SignerName);
        Assert.True(rrsig.Signature.IsEmpty);
    }

    [Fact]
    public void Parse_RrsigWithoutSignature_TheNextRecordIsStillRead()
    {
        List<DnsRecord> records = [.. ZoneFileReader.Parse(
            "a.example. 60 IN RRSIG A 13 2 60 20260601000000 20260501000000 12345 example.\nb.example. 60 IN A 192.0.2.1\n",
            "test.zone")];

        Assert.Equal([RecordType.RRSIG, RecordType.A], records.Select(r => r.Type));
    }

    [Theory]
    [InlineData("DNSKEY", "a.example. 60 IN DNSKEY 256 3 13")]
    [InlineData("SIG", "a.example. 60 IN SIG A 13 2 60 20260601000000 20260501000000 12345 example.")]
    [InlineData("OPENPGPKEY", "a.example. 60 IN OPENPGPKEY")]
    public void Parse_OtherTrailingBase64Missing_ReadsAsEmpty(string type, string text)
    {
        DnsRecord record = Assert.Single(ZoneFileReader.Parse(text, "test.zone"));

        Assert.Equal(type, Mnemonics.FormatRecordType(record.Type));
        Assert.Equal(RecordTextFormatter.Format(record), RecordTextFormatter.Format(Assert.Single(ZoneFileReader.Parse(RecordTextFormatter.Format(record), "again"))));
    }

    [Fact]
    public void Parse_RrsigCutShortBeforeTheSigner_StillAnError()
    {
        // Only the field that takes the rest of the RDATA may be empty; the signer name may not be left out.
        var exception = Assert.Throws<ZoneFileException>(() => ZoneFileReader.Parse("a.example. 60 IN RRSIG A 13 2 60 20260601000000 20260501000000 12345", "test.zone").ToList());

        Assert.Contains("missing domain name", exception.Reason, StringComparison.Ordinal);
    }
}
