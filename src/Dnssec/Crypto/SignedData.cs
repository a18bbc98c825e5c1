using System.Buffers;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Builds the octets an RRSIG signs: its RDATA without the signature, signer lower-cased, then the canonical RRset (RFC 4034 §3.1.8.1).</summary>
internal static class SignedData
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    /// <summary>Builds the signed data into a per-thread buffer that stays valid until the next call on this thread.</summary>
    /// <param name="rrset">The RRset; the first record gives owner, type and class.</param>
    /// <param name="signedFields">RRSIG RDATA up to and including the signer name.</param>
    /// <param name="labels">The RRSIG labels field, which decides whether the owner is a wildcard expansion.</param>
    /// <param name="originalTtl">The TTL to write for each record.</param>
    public static ReadOnlySpan<byte> Build(IReadOnlyList<DnsRecord> rrset, ReadOnlySpan<byte> signedFields, int labels, uint originalTtl)
    {
        ArrayBufferWriter<byte> buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Span<byte> header = buffer.GetSpan(signedFields.Length);
        signedFields[..RrsigData.FixedLength].CopyTo(header);
        AsciiCase.ToLower(signedFields[RrsigData.FixedLength..], header[RrsigData.FixedLength..]);
        buffer.Advance(signedFields.Length);

        // RFC 4035 §5.3.2: a wildcard expansion is signed as "*." plus the owner's rightmost labels.
        DnsRecord first = rrset[0];
        DnsName owner = first.Owner;
        if (labels < owner.LabelCount)
        {
            owner = owner.GetAncestor(labels).ToWildcard();
        }

        CanonicalOrder.WriteRRset(owner, first.Type, first.Class, originalTtl, rrset, buffer);
        return buffer.WrittenSpan;
    }
}
