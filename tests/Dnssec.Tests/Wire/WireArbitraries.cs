using System.Net;
using Dnssec.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace Dnssec.Tests.Wire;

/// <summary>FsCheck generators for names, records of many types built with the typed <c>Encode</c> methods, and whole messages.</summary>
public static class WireArbitraries
{
    /// <summary>Mostly letters of both cases so that names collide ignoring case; sometimes any octet at all.</summary>
    private static readonly Gen<byte> LabelOctet = Gen.Frequency(
        (6, Gen.Elements("abzABZ019-_*"u8.ToArray())),
        (1, Gen.Choose(0, 255).Select(i => (byte)i)));

    private static readonly Gen<byte[]> Label = Gen.Frequency(
            (10, Gen.Choose(1, 4)),
            (2, Gen.Choose(5, 20)),
            (1, Gen.Constant(DnsName.MaxLabelLength)))
        .SelectMany(length => Gen.ArrayOf(LabelOctet, length));

    private static readonly Gen<DnsName> NameGen = Gen.Frequency(
        (8, Gen.Choose(0, 5).SelectMany(count => Gen.ArrayOf(Label, count)).Select(BuildName)),
        (1, Gen.Choose(20, 130).SelectMany(count => Gen.ArrayOf(Label, count)).Select(BuildName)));

    /// <summary>A few names over a tiny alphabet, so that equal, case-variant, parent and sibling names come up often.</summary>
    private static readonly Gen<DnsName> SmallNameGen = Gen.Choose(0, 3)
        .SelectMany(count => Gen.ArrayOf(Gen.Elements<byte[]>([(byte)'a'], [(byte)'A'], [(byte)'b'], [(byte)'a', (byte)'B'], [(byte)'A', (byte)'b'], [1], [(byte)'*'], [0xC8]), count))
        .Select(BuildName);

    private static readonly Gen<byte[]> ShortBytes = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));

    private static readonly Gen<byte[]> NonEmptyShortBytes = Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));

    private static readonly Gen<ushort> UInt16Gen = Gen.Choose(0, ushort.MaxValue).Select(i => (ushort)i);

    private static readonly Gen<uint> UInt32Gen =
        from high in UInt16Gen
        from low in UInt16Gen
        select ((uint)high << 16) | low;

    private static readonly Gen<byte> ByteGen = Gen.Choose(0, 255).Select(i => (byte)i);

    private static readonly Gen<RecordType[]> TypeSet = Gen.ArrayOf(Gen.Frequency(
            (6, Gen.Choose(1, 70)),
            (1, Gen.Choose(256, 300)),
            (1, Gen.Choose(0, ushort.MaxValue))))
        .Select(codes => codes.Select(c => (RecordType)c).ToArray());

    /// <summary>Random names, including long ones near the 255-octet limit.</summary>
    public static Arbitrary<DnsName> Names() => NameGen.ToArbitrary();

    /// <summary>Random records of many types, with RDATA built by the typed views' <c>Encode</c> methods.</summary>
    public static Arbitrary<DnsRecord> Records() => RecordGen(NameGen).ToArbitrary();

    /// <summary>Random whole messages with EDNS(0) most of the time.</summary>
    public static Arbitrary<DnsMessage> Messages() => MessageGen(NameGen).ToArbitrary();

    /// <summary>Names from a tiny alphabet, which collide and nest often; for order properties.</summary>
    public static Gen<DnsName> SmallNames => SmallNameGen;

    /// <summary>Names of a few short labels, small enough to fill messages with.</summary>
    public static Gen<DnsName> ShortNames { get; } = Gen.Choose(0, 4)
        .SelectMany(count => Gen.ArrayOf(Gen.Choose(1, 5).SelectMany(length => Gen.ArrayOf(LabelOctet, length)), count))
        .Select(BuildName);

    /// <summary>RDATA of one type, built with that type's <c>Encode</c> method.</summary>
    public static Gen<(RecordType Type, byte[] Data)> RecordData(Gen<DnsName> names) => Gen.OneOf(
        from a in ByteGen
        from b in ByteGen
        select (RecordType.A, AddressData.Encode(new IPAddress([a, 10, 0, b]))),
        from b in Gen.ArrayOf(ByteGen, 16)
        select (RecordType.AAAA, AddressData.Encode(new IPAddress(b))),
        from type in Gen.Elements(RecordType.NS, RecordType.CNAME, RecordType.DNAME, RecordType.PTR)
        from target in names
        select (type, NameData.Encode(target)),
        from preference in UInt16Gen
        from exchange in names
        select (RecordType.MX, MxData.Encode(preference, exchange)),
        from primary in names
        from mailbox in names
        from serial in UInt32Gen
        select (RecordType.SOA, SoaData.Encode(primary, mailbox, serial, 7200, 3600, 1209600, serial % 86400)),
        from strings in Gen.ArrayOf(Gen.Choose(0, 60).Select(n => new string('t', n))).Where(s => s.Length > 0)
        select (RecordType.TXT, TxtData.Encode(strings)),
        from priority in UInt16Gen
        from weight in UInt16Gen
        from port in UInt16Gen
        from target in names
        select (RecordType.SRV, SrvData.Encode(priority, weight, port, target)),
        from flags in ShortBytes
        from services in ShortBytes
        from regexp in ShortBytes
        from replacement in names
        select (RecordType.NAPTR, NaptrData.Encode(10, 20, flags, services, regexp, replacement)),
        from covered in UInt16Gen
        from labels in ByteGen
        from time in UInt32Gen
        from signer in names
        from signature in ShortBytes
        select (RecordType.RRSIG, RrsigData.Encode((RecordType)covered, DnssecAlgorithm.ECDSAP256SHA256, labels, time, time ^ 0x5A5A5A5A, time >> 1, covered, signer, signature)),
        from next in names
        from types in TypeSet
        select (RecordType.NSEC, NsecData.Encode(next, types)),
        from flags in ByteGen
        from iterations in UInt16Gen
        from salt in ShortBytes
        from hash in NonEmptyShortBytes
        from types in TypeSet
        select (RecordType.NSEC3, Nsec3Data.Encode(1, flags, iterations, salt, hash, types)),
        from iterations in UInt16Gen
        from salt in ShortBytes
        select (RecordType.NSEC3PARAM, Nsec3ParamData.Encode(1, 0, iterations, salt)),
        from flags in UInt16Gen
        from algorithm in ByteGen
        from key in ShortBytes
        select (RecordType.DNSKEY, DnskeyData.Encode(flags, DnskeyData.DnssecProtocol, (DnssecAlgorithm)algorithm, key)),
        from keyTag in UInt16Gen
        from algorithm in ByteGen
        from digest in ShortBytes
        select (RecordType.DS, DsData.Encode(keyTag, (DnssecAlgorithm)algorithm, DigestType.SHA256, digest)),
        from usage in ByteGen
        from selector in ByteGen
        from matching in ByteGen
        from association in ShortBytes
        select (RecordType.TLSA, TlsaData.Encode(usage, selector, matching, association)),
        from algorithm in ByteGen
        from fingerprintType in ByteGen
        from fingerprint in ShortBytes
        select (RecordType.SSHFP, SshfpData.Encode(algorithm, fingerprintType, fingerprint)),
        from flags in ByteGen
        from tag in Gen.Elements("issue", "issuewild", "iodef", "x9")
        from value in ShortBytes
        select (RecordType.CAA, CaaData.Encode(flags, tag, value)),
        from type in Gen.Elements(RecordType.SVCB, RecordType.HTTPS)
        from priority in UInt16Gen
        from target in names
        from keys in Gen.ArrayOf(Gen.Choose(0, 10))
        from values in Gen.ArrayOf(ShortBytes, 11)
        select (type, SvcbData.Encode(priority, target, keys.Distinct().Select(k => new KeyValuePair<ushort, ReadOnlyMemory<byte>>((ushort)k, values[k])))),
        from code in Gen.Choose(65280, 65534)
        from data in ShortBytes
        select ((RecordType)code, data));

    /// <summary>Whole records: owner, type, class IN, random TTL and RDATA from <see cref="RecordData"/>.</summary>
    public static Gen<DnsRecord> RecordGen(Gen<DnsName> names) =>
        from owner in names
        from data in RecordData(names)
        from ttl in UInt32Gen
        select new DnsRecord(owner, data.Type, RecordClass.IN, ttl, data.Data);

    /// <summary>Whole messages: header fields, up to two questions, up to five records per section and usually EDNS(0).</summary>
    public static Gen<DnsMessage> MessageGen(Gen<DnsName> names)
    {
        Gen<DnsQuestion> question =
            from name in names
            from type in UInt16Gen
            from @class in Gen.Elements(RecordClass.IN, RecordClass.CH, RecordClass.ANY)
            select new DnsQuestion(name, (RecordType)type, @class);
        Gen<DnsRecord[]> section = Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(RecordGen(names), n));
        Gen<EdnsOption> option = Gen.OneOf(
            from code in Gen.Elements(EdnsOptionCode.Nsid, EdnsOptionCode.Cookie, EdnsOptionCode.Padding, (EdnsOptionCode)65001)
            from data in ShortBytes
            select new EdnsOption(code, data),
            from code in UInt16Gen
            from text in Gen.Elements("", "blocked", "r\u00e9sum\u00e9 \u2713")
            select new ExtendedDnsError((ExtendedDnsErrorCode)code, text).ToOption());
        Gen<EdnsRecord?> edns = Gen.Frequency(
            (1, Gen.Constant<EdnsRecord?>(null)),
            (4, from payload in UInt16Gen
                from version in ByteGen
                from dnssecOk in Gen.Elements(true, false)
                from otherFlags in Gen.Choose(0, 0x7FFF)
                from options in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(option, n))
                select BuildEdns(payload, version, dnssecOk, (ushort)otherFlags, options)));
        return from id in UInt16Gen
               from flags in UInt16Gen
               from opCode in Gen.Choose(0, 15)
               from ednsRecord in edns
               from responseCode in Gen.Choose(0, 4095)
               from questions in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(question, n))
               from answers in section
               from authorities in section
               from additionals in section
               select BuildMessage(id, (DnsHeaderFlags)(flags & 0x87F0), (DnsOpCode)opCode, ednsRecord, (DnsResponseCode)(ednsRecord is null ? responseCode & 0x0F : responseCode), questions, answers, authorities, additionals);
    }

    private static EdnsRecord? BuildEdns(ushort payload, byte version, bool dnssecOk, ushort otherFlags, EdnsOption[] options)
    {
        var record = new EdnsRecord { UdpPayloadSize = payload, Version = version, DnssecOk = dnssecOk, OtherFlags = otherFlags };
        record.Options.AddRange(options);
        return record;
    }

    private static DnsMessage BuildMessage(ushort id, DnsHeaderFlags flags, DnsOpCode opCode, EdnsRecord? edns, DnsResponseCode responseCode, DnsQuestion[] questions, DnsRecord[] answers, DnsRecord[] authorities, DnsRecord[] additionals)
    {
        var message = new DnsMessage { Id = id, Flags = flags, OpCode = opCode, Edns = edns, ResponseCode = responseCode };
        message.Questions.AddRange(questions);
        message.Answers.AddRange(answers);
        message.Authorities.AddRange(authorities);
        message.Additionals.AddRange(additionals);
        return message;
    }

    /// <summary>Builds a name from labels, leaving out the leftmost ones that would take it over 255 octets.</summary>
    private static DnsName BuildName(byte[][] labels)
    {
        DnsName name = DnsName.Root;
        for (int i = labels.Length - 1; i >= 0; i--)
        {
            if (name.WireLength + 1 + labels[i].Length > DnsName.MaxLength)
            {
                break;
            }

            name = name.Prepend(labels[i]);
        }

        return name;
    }
}
