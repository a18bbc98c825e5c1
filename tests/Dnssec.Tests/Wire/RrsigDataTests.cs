using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>RRSIG RDATA through <see cref="RrsigData"/> (RFC 4034 §3).</summary>
public sealed class RrsigDataTests
{
    [Theory]
    [InlineData("ordinary signature", RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, 2, 3600u, 1_800_000_000u, 1_700_000_000u, 12345, "Example.", 64)]
    [InlineData("root zone key set", RecordType.DNSKEY, DnssecAlgorithm.RSASHA256, 0, 172800u, uint.MaxValue, 0u, 20326, ".", 256)]
    [InlineData("signed fields only", RecordType.NSEC, DnssecAlgorithm.ED25519, 3, 0u, 2u, 1u, 0, "a.b.example.", 0)]
    public void Encode_Fields_ReadBack(string description, RecordType covered, DnssecAlgorithm algorithm, int labels, uint originalTtl, uint expiration, uint inception, int keyTag, string signer, int signatureLength)
    {
        byte[] signature = [.. Enumerable.Range(0, signatureLength).Select(i => (byte)i)];
        DnsName signerName = DnsName.Parse(signer);
        byte[] rdata = RrsigData.Encode(covered, algorithm, (byte)labels, originalTtl, expiration, inception, (ushort)keyTag, signerName, signature);
        var record = new DnsRecord(DnsName.Parse("www.example."), RecordType.RRSIG, RecordClass.IN, originalTtl, rdata);

        RrsigData rrsig = RrsigData.From(record);

        Assert.True(covered == rrsig.TypeCovered, description);
        Assert.Equal(algorithm, rrsig.Algorithm);
        Assert.Equal(labels, rrsig.Labels);
        Assert.Equal(originalTtl, rrsig.OriginalTtl);
        Assert.Equal(expiration, rrsig.SignatureExpiration);
        Assert.Equal(inception, rrsig.SignatureInception);
        Assert.Equal(keyTag, rrsig.KeyTag);
        Assert.Equal(signer, rrsig.SignerName.ToString());
        Assert.Equal(signerName.WireForm.ToArray(), rrsig.SignerNameWire.ToArray());
        Assert.Equal(signature, rrsig.Signature.ToArray());
        Assert.Equal(rdata[..(RrsigData.FixedLength + signerName.WireLength)], rrsig.SignedFields.ToArray());
        Assert.Equal(rdata, RrsigData.Parse(rdata).SignedFields.ToArray().Concat(RrsigData.Parse(rdata).Signature.ToArray()));
    }

    [Theory]
    [InlineData("shorter than the fixed fields", "0001")]
    [InlineData("signer name cut short", "000108020000000a0000000200000001abcd03")]
    [InlineData("compressed signer name", "000108020000000a0000000200000001abcdc00c")]
    public void Parse_Malformed_ThrowsDnsFormatException(string description, string hex)
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => RrsigData.Parse(Convert.FromHexString(hex)));

        Assert.True(exception.Error is DnsFormatError.InvalidRecordData or DnsFormatError.CompressionNotAllowed, $"{description}: {exception.Error}");
    }

    [Fact]
    public void From_Sig_ReadsTheSameLayout()
    {
        byte[] rdata = RrsigData.Encode(RecordType.A, DnssecAlgorithm.RSASHA1, 1, 60, 2, 1, 7, DnsName.Parse("example."), [9]);

        RrsigData sig = RrsigData.From(new DnsRecord(DnsName.Parse("example."), RecordType.SIG, RecordClass.IN, 60, rdata));

        Assert.Equal(7, sig.KeyTag);
        Assert.Throws<ArgumentException>("record", () => RrsigData.From(new DnsRecord(DnsName.Root, RecordType.DS, RecordClass.IN, 0, new byte[4])));
    }
}
