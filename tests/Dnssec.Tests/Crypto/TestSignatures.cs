using System.Buffers;
using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

/// <summary>
/// Builds RRSIG records field by field with a real signature over whatever the fields say, so that each fault a test
/// wants is the only thing wrong. The signed data is put together here from RFC 4034 §3.1.8.1 and RFC 4035 §5.3.2,
/// not through the library's own SignedData, so the two are checked against each other too.
/// </summary>
internal static class TestSignatures
{
    /// <summary>Signs <paramref name="rrset"/> with <paramref name="key"/>; every field not given is what a signer would write.</summary>
    public static DnsRecord Sign(
        IReadOnlyList<DnsRecord> rrset,
        SigningKey key,
        DateTimeOffset inception,
        DateTimeOffset expiration,
        ushort? keyTag = null,
        DnssecAlgorithm? algorithm = null,
        DnsName? signer = null,
        byte? labels = null,
        uint? originalTtl = null)
    {
        DnsRecord first = rrset[0];
        DnsName signerName = signer ?? key.Zone;
        byte labelCount = labels ?? (byte)first.Owner.SignatureLabelCount;
        uint ttl = originalTtl ?? first.Ttl;
        byte[] Fields(DnsName name) => RrsigData.Encode(
            first.Type, algorithm ?? key.Algorithm, labelCount, ttl, Serial(expiration), Serial(inception), keyTag ?? key.KeyTag, name, []);

        byte[] signature = key.Sign(SignedData(rrset, Fields(signerName.ToLowerCase()), labelCount, ttl));
        byte[] data = [.. Fields(signerName), .. signature];
        return new DnsRecord(first.Owner, RecordType.RRSIG, first.Class, ttl, data);
    }

    /// <summary>
    /// RFC 4034 §3.1.8.1: the RRSIG RDATA before the signature (signer already lower case), then every record of the
    /// RRset in canonical form and order with the original TTL; RFC 4035 §5.3.2: a name with more labels than the
    /// labels field is signed as the wildcard it was expanded from.
    /// </summary>
    public static byte[] SignedData(IReadOnlyList<DnsRecord> rrset, ReadOnlySpan<byte> fields, byte labels, uint originalTtl)
    {
        DnsRecord first = rrset[0];
        DnsName owner = first.Owner;
        if (labels < owner.LabelCount)
        {
            owner = owner.GetAncestor(labels).Prepend("*"u8);
        }

        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(fields);
        CanonicalOrder.WriteRRset(owner, first.Type, first.Class, originalTtl, rrset, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A copy of <paramref name="record"/> with RDATA octet <paramref name="index"/> (from the end when negative) XORed with <paramref name="mask"/>.</summary>
    public static DnsRecord FlipData(DnsRecord record, int index, byte mask = 0x01)
    {
        byte[] data = record.Data.ToArray();
        data[index < 0 ? data.Length + index : index] ^= mask;
        return new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, data);
    }

    /// <summary>A copy of <paramref name="record"/> with other RDATA.</summary>
    public static DnsRecord WithData(DnsRecord record, byte[] data) => new(record.Owner, record.Type, record.Class, record.Ttl, data);

    /// <summary>A copy of an RRSIG with its original TTL field (RFC 4034 §3.1.4) replaced.</summary>
    public static DnsRecord WithOriginalTtl(DnsRecord rrsig, uint ttl)
    {
        byte[] data = rrsig.Data.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), ttl);
        return WithData(rrsig, data);
    }

    /// <summary>A copy of an RRSIG with its labels field (RFC 4034 §3.1.3) replaced.</summary>
    public static DnsRecord WithLabels(DnsRecord rrsig, byte labels)
    {
        byte[] data = rrsig.Data.ToArray();
        data[3] = labels;
        return WithData(rrsig, data);
    }

    /// <summary>A copy of an RRSIG with its key tag field (RFC 4034 §3.1.6) replaced.</summary>
    public static DnsRecord WithKeyTag(DnsRecord rrsig, ushort keyTag)
    {
        byte[] data = rrsig.Data.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(16), keyTag);
        return WithData(rrsig, data);
    }

    /// <summary>A copy of an RRSIG with the signer name written in other case; the signature stays the same.</summary>
    public static DnsRecord WithSignerText(DnsRecord rrsig, string signer)
    {
        RrsigData fields = RrsigData.From(rrsig);
        DnsName name = DnsName.Parse(signer);
        Assert.Equal(fields.SignerName, name);
        byte[] data = [.. fields.SignedFields.Span[..RrsigData.FixedLength], .. name.WireForm, .. fields.Signature.Span];
        return WithData(rrsig, data);
    }

    private static uint Serial(DateTimeOffset time) => unchecked((uint)time.ToUnixTimeSeconds());
}
