using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Tests.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Fuzz;

/// <summary>One test per bug the fuzz harness found; the inputs are also in fuzz/corpus/message and fuzz/corpus/certificate.</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    [InlineData("www.example.com.", "03777777076578616D706C6503636F6D00", 3)]
    [InlineData("a.", "016100", 1)]
    [InlineData("host\\.master.example.", "0B686F73742E6D6173746572076578616D706C6500", 2)]
    [InlineData("\\000.x.", "0100017800", 2)]
    public void Parse_AbsoluteName_KeepsTheLastCharacterOfTheLastLabel(string text, string wireHex, int labels)
    {
        // Found by the message seed generator: the final dot overwrote the last character with the root label.
        DnsName name = DnsName.Parse(text);

        Assert.Equal(wireHex, Convert.ToHexString(name.WireForm));
        Assert.Equal(labels, name.LabelCount);
        Assert.Equal(text, name.ToString());
    }

    [Fact]
    public void Parse_AbsoluteNameOf255Octets_IsAcceptedAndOneMoreIsNot()
    {
        // Four 62-octet labels and one of 2 octets: 4 * 63 + 3 + 1 = 256 octets is one too many; 1 octet less fits.
        string label = new('a', 62);
        string longest = $"{label}.{label}.{label}.{label}.a.";
        string tooLong = $"{label}.{label}.{label}.{label}.ab.";

        Assert.Equal(DnsName.MaxLength, DnsName.Parse(longest).WireLength);
        Assert.Throws<FormatException>(() => DnsName.Parse(tooLong));
    }

    [Fact]
    public void ToArray_NameWithRepeatedLabels_CompressesOnlyAgainstNamesWrittenInFull()
    {
        // Found by the message seed generator (and the round trip of corpus/message/regress-writer-repeated-labels):
        // the second "1" label matched the first one of the same name while that name was still being written, and
        // the comparison ran off the end of the written octets.
        DnsName name = DnsName.Parse("1.1.168.192.in-addr.arpa.");
        var message = new DnsMessage { Id = 1, Flags = DnsHeaderFlags.Response };
        message.Questions.Add(new DnsQuestion(name, RecordType.PTR));
        message.Answers.Add(new DnsRecord(name, RecordType.PTR, RecordClass.IN, 300, NameData.Encode(DnsName.Parse("host.1.1.example."))));

        byte[] wire = message.ToArray();
        DnsMessage again = DnsMessage.Parse(wire);

        Assert.Equal(name.WireForm.ToArray(), wire.AsSpan(DnsHeader.Size, name.WireLength).ToArray());
        Assert.Equal([0xC0, DnsHeader.Size], wire.AsSpan(DnsHeader.Size + name.WireLength + 4, 2).ToArray());
        Assert.Equal(name, again.Answers[0].Owner);
        Assert.Equal("host.1.1.example.", NameData.From(again.Answers[0]).Target.ToString());
    }

    [Fact]
    public void Verify_IssuerWithAnUnknownCurve_DoesNotMatchAndDoesNotThrow()
    {
        // Found by afl-fuzz in the first certificate target (corpus/certificate/crash-unknown-curve): the issuer's key
        // names the curve 1.2.840.10045.234.1.7, which no platform knows, and checking the leaf's signature with it
        // threw PlatformNotSupportedException out of the DANE-TA walk.
        OpenSslDaneCase vector = OpenSslDaneVectors.Read("danetest.in")[10];
        byte[][] certificates = [.. vector.CertificatesPem.Select(pem => X509Certificate2.CreateFromPem(pem).RawData)];
        byte[] issuer = certificates[1];
        int curve = issuer.AsSpan().IndexOf((byte[])[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]);
        Assert.True(curve > 0);
        issuer[curve + 5] = 0xEA;

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificates[0]);
        using X509Certificate2 unknownCurve = X509CertificateLoader.LoadCertificate(issuer);
        DaneResult result = new DaneVerifier().Verify([leaf, unknownCurve], [TlsaRecords.For(unknownCurve, 2, 1, 1)], ["example.com"]);

        Assert.Equal(DaneFailure.ChainInvalid, result.Failure);
        Assert.Contains("no chain of valid signatures", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRecord_SoaWhosePointersCancelOut_IsCompressedAndParsesExpanded()
    {
        // Found by afl-fuzz (corpus/message/crash-soa-pointers-cancel-out): SOA RDATA whose MNAME points at a root
        // label (2 octets that expand to 1) and whose RNAME points at "a." (2 octets that expand to 3) is as long
        // expanded as on the wire, so IsCompressed said false and DnsMessage.Parse kept the pointers in the RDATA.
        byte[] wire =
        [
            0x00, 0x01, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0,
            1, (byte)'a', 0, 0, 6, 0, 1,                // offset 12: a. SOA IN; the root label is at 14
            0xC0, 12, 0, 6, 0, 1, 0, 0, 0x0E, 0x10, 0, 24,
            0xC0, 14, 0xC0, 12,                         // MNAME -> ".", RNAME -> "a."
            0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5,
        ];
        byte[] expanded = [0, 1, (byte)'a', 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5];

        var reader = new DnsMessageReader(wire);
        Assert.True(reader.ReadRecord(out DnsRecordView view));
        Assert.Equal(view.DataLength, view.ExpandedDataLength);
        Assert.True(view.IsCompressed);

        DnsRecord soa = DnsMessage.Parse(wire).Answers[0];
        Assert.Equal(expanded, soa.Data.ToArray());
        Assert.True(SoaData.From(soa).PrimaryServer.IsRoot);
        Assert.Equal("a.", SoaData.From(soa).ResponsibleMailbox.ToString());
        Assert.Equal(expanded, DnsMessage.Parse(DnsMessage.Parse(wire).ToArray()).Answers[0].Data.ToArray());
    }
}
