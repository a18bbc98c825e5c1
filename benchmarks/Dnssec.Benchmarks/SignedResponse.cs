using System.Net;
using Dnssec.Wire;

namespace Dnssec.Benchmarks;

/// <summary>
/// A realistic signed response, as a validating resolver receives it for "www.example.com. A" from the zone's server:
/// two A records and their RSASHA256 (2048-bit) RRSIG in the answer, the zone's NS RRset and its RRSIG in the
/// authority section, glue for both servers and an OPT record with DO in the additional section.
/// </summary>
internal static class SignedResponse
{
    /// <summary>The question name, which also owns the answer records.</summary>
    public static DnsName QuestionName { get; } = DnsName.Parse("www.example.com.");

    /// <summary>Writes the response with name compression; deterministic, so every run measures the same octets.</summary>
    public static byte[] Build()
    {
        var random = new Random(4034);
        DnsName zone = DnsName.Parse("example.com.");
        DnsName ns1 = DnsName.Parse("ns1.example.com.");
        DnsName ns2 = DnsName.Parse("ns2.example.com.");

        var message = new DnsMessage
        {
            Id = 0x5A5A,
            Flags = DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative | DnsHeaderFlags.RecursionDesired,
            Edns = new EdnsRecord { DnssecOk = true, UdpPayloadSize = 1232 },
        };
        message.Questions.Add(new DnsQuestion(QuestionName, RecordType.A));
        message.Answers.Add(Record(QuestionName, RecordType.A, 300, IPAddress.Parse("192.0.2.10").GetAddressBytes()));
        message.Answers.Add(Record(QuestionName, RecordType.A, 300, IPAddress.Parse("192.0.2.11").GetAddressBytes()));
        message.Answers.Add(Signature(random, QuestionName, RecordType.A, 300, zone));
        message.Authorities.Add(Record(zone, RecordType.NS, 86400, NameData.Encode(ns1)));
        message.Authorities.Add(Record(zone, RecordType.NS, 86400, NameData.Encode(ns2)));
        message.Authorities.Add(Signature(random, zone, RecordType.NS, 86400, zone));
        message.Additionals.Add(Record(ns1, RecordType.A, 86400, IPAddress.Parse("192.0.2.53").GetAddressBytes()));
        message.Additionals.Add(Record(ns2, RecordType.AAAA, 86400, IPAddress.Parse("2001:db8::53").GetAddressBytes()));
        return message.ToArray();
    }

    private static DnsRecord Signature(Random random, DnsName owner, RecordType covered, uint ttl, DnsName signer)
    {
        byte[] signature = new byte[256];
        random.NextBytes(signature);
        byte[] data = RrsigData.Encode(covered, DnssecAlgorithm.RSASHA256, (byte)owner.LabelCount, ttl, 1769904000, 1767225600, 44105, signer, signature);
        return Record(owner, RecordType.RRSIG, ttl, data);
    }

    private static DnsRecord Record(DnsName owner, RecordType type, uint ttl, byte[] data) =>
        new(owner, type, RecordClass.IN, ttl, data);
}
