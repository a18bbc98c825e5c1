using System.Buffers.Binary;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>The compression choices of BIND 9.18 that <see cref="DnsMessageWriter"/> reproduces, one rule per test.</summary>
public sealed partial class BindInteropTests
{
    [Fact]
    public void ToArray_NameSeenOnlyInAnotherCase_IsNotPointedAt()
    {
        var message = Response("WWW.Example.", RecordType.A);
        message.Answers.Add(A("www.example.", 1));
        message.Answers.Add(A("mail.Example.", 2));

        byte[] wire = message.ToArray();

        // The question is 12-28; "Example." at 16 matches only the name spelled the same way.
        Assert.Equal(
            "0377777707" + "6578616D706C6500" + "0001000100000E100004C0000201" +
            "046D61696CC010" + "0001000100000E100004C0000202",
            Convert.ToHexString(wire, 29, wire.Length - 29));
        Assert.Equal("www.example.", DnsMessage.Parse(wire).Answers[0].Owner.ToString());
    }

    [Fact]
    public void ToArray_NameAlsoInAnRrsigSigner_PointsAtTheNewestCopy()
    {
        var message = Response("www.example.", RecordType.A);
        message.Answers.Add(A("www.example.", 1));
        byte[] rrsig = RrsigData.Encode(RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, 2, 3600, 2, 1, 1234, DnsName.Parse("example."), [1, 2, 3, 4]);
        message.Answers.Add(new DnsRecord(DnsName.Parse("www.example."), RecordType.RRSIG, RecordClass.IN, 3600, rrsig));
        message.Authorities.Add(new DnsRecord(DnsName.Parse("example."), RecordType.NS, RecordClass.IN, 3600, DnsName.Parse("ns.example.").WireForm.ToArray()));

        byte[] wire = message.ToArray();

        // The signer "example." is written in full at 75 (RFC 3597 §4 forbids compressing it) and is the newest
        // "example." when the NS record comes at 88, so its owner and RDATA point there rather than into the question.
        Assert.Equal("076578616D706C6500", Convert.ToHexString(wire, 75, 9));
        Assert.Equal("C04B", Convert.ToHexString(wire, 88, 2));
        Assert.Equal("026E73C04B", Convert.ToHexString(wire, 100, 5));
        Assert.Equal(wire, DnsMessage.Parse(wire).ToArray());
    }

    [Fact]
    public void ToArray_SuffixThreeLabelsUp_IsWrittenInFull()
    {
        var message = Response("a.b.c.example.", RecordType.A);
        message.Answers.Add(A("c.example.", 1));
        message.Answers.Add(A("x.b.c.example.", 2));

        byte[] wire = message.ToArray();

        // Only a.b.c.example. (12) and b.c.example. (14) became targets, and a name is looked for whole or without its
        // first label only, so c.example. is spelled out while x.b.c.example. points at b.c.example.
        Assert.Equal("0163076578616D706C6500", Convert.ToHexString(wire, 31, 11));
        Assert.Equal("0178C00E", Convert.ToHexString(wire, 56, 4));
    }

    [Fact]
    public void ToArray_RootRrsetOfTwoRecords_PointsTheSecondOwnerAtTheFirst()
    {
        var message = Response(".", RecordType.DNSKEY);
        message.Answers.Add(new DnsRecord(DnsName.Root, RecordType.DNSKEY, RecordClass.IN, 3600, new byte[] { 1, 1, 3, 8, 1, 2, 3, 4 }));
        message.Answers.Add(new DnsRecord(DnsName.Root, RecordType.DNSKEY, RecordClass.IN, 3600, new byte[] { 1, 0, 3, 8, 5, 6, 7, 8 }));

        byte[] wire = message.ToArray();

        // The first owner is the root label at 17; the second is a pointer to it, one octet longer than the name.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(6)));
        Assert.Equal(0, wire[17]);
        Assert.Equal("C011", Convert.ToHexString(wire, 36, 2));
        Assert.Equal(wire, DnsMessage.Parse(wire).ToArray());
    }

    private static DnsMessage Response(string name, RecordType type)
    {
        var message = new DnsMessage { Id = 0, Flags = DnsHeaderFlags.Response };
        message.Questions.Add(new DnsQuestion(DnsName.Parse(name), type));
        return message;
    }

    private static DnsRecord A(string owner, byte last) =>
        new(DnsName.Parse(owner), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, last });
}
