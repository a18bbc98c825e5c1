using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>One NSEC3 record that is usable in a proof: a known hash, flags 0 or 1, and an owner that decodes to a hash.</summary>
internal sealed class Nsec3Record(DnsName owner, byte[] ownerHash, ReadOnlyMemory<byte> nextHash, bool optOut, TypeBitmap types)
{
    public DnsName Owner { get; } = owner;

    public bool OptOut { get; } = optOut;

    public TypeBitmap Types { get; } = types;

    /// <summary>NS without SOA: the parent side of a zone cut (RFC 5155 §8.3).</summary>
    public bool IsDelegation => Types.Contains(RecordType.NS) && !Types.Contains(RecordType.SOA);

    public bool HasDname => Types.Contains(RecordType.DNAME);

    /// <summary>Whether the owner is the hash (RFC 5155 §1.3, "matches").</summary>
    public bool Matches(ReadOnlySpan<byte> hash) => hash.SequenceEqual(ownerHash);

    /// <summary>Whether the hash lies strictly between the owner's hash and the next hash (RFC 5155 §1.3, "covers").</summary>
    public bool Covers(ReadOnlySpan<byte> hash) => Nsec3Hasher.Covers(ownerHash, nextHash.Span, hash);

    public override string ToString() => OptOut ? $"NSEC3 {Owner} (opt-out)" : $"NSEC3 {Owner}";
}
