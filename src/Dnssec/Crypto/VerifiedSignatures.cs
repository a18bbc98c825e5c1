using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dnssec.Crypto;

/// <summary>
/// The signatures a verifier has already seen verify: a SHA-256 digest of the key, the signed data and the signature of
/// each success, so that the same RRSIG over the same RRset with the same key is not verified again (Unbound keeps a
/// validated RRset's status in its cache for the same reason). A cold answer often carries RRsets answers before it
/// carried (a zone's SOA, the NSEC3 records around a wildcard), and each public-key verification costs a hundred times
/// the digest. Only the mathematics is remembered: the signature's fields and validity period are checked every time,
/// and which keys are trusted is decided by the caller. At most <c>capacity</c> digests, in two generations: when the
/// newer one is half full the older one is dropped, so the memo never empties at once. Safe for concurrent use.
/// </summary>
internal sealed class VerifiedSignatures(int capacity)
{
    private readonly Lock _rotating = new();
    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private ConcurrentDictionary<SignatureDigest, byte> _current = new();
    private ConcurrentDictionary<SignatureDigest, byte> _previous = new();

    /// <summary>The digests remembered, in both generations.</summary>
    public int Count => _current.Count + _previous.Count;

    /// <summary>The digest that stands for <paramref name="signature"/> by <paramref name="dnskey"/> (RDATA) over <paramref name="signedData"/>.</summary>
    public static SignatureDigest Digest(ReadOnlySpan<byte> dnskey, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        // The signed data is hashed apart, as it may be large; then the key, the signature and that hash together, with
        // the key's length first so that no split of the same octets between key and signature gives the same input.
        Span<byte> dataHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(signedData, dataHash);
        int length = sizeof(int) + dnskey.Length + signature.Length + dataHash.Length;
        byte[]? rented = length > 2048 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        BinaryPrimitives.WriteInt32BigEndian(input, dnskey.Length);
        dnskey.CopyTo(input[sizeof(int)..]);
        signature.CopyTo(input[(sizeof(int) + dnskey.Length)..]);
        dataHash.CopyTo(input[(sizeof(int) + dnskey.Length + signature.Length)..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return new SignatureDigest(
            BinaryPrimitives.ReadUInt64LittleEndian(digest),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
    }

    /// <summary>Whether the signature <paramref name="digest"/> stands for has verified before.</summary>
    public bool Contains(SignatureDigest digest) => _current.ContainsKey(digest) || _previous.ContainsKey(digest);

    /// <summary>Remembers that the signature <paramref name="digest"/> stands for verified.</summary>
    public void Add(SignatureDigest digest)
    {
        if (_current.Count >= _generationSize)
        {
            lock (_rotating)
            {
                if (_current.Count >= _generationSize)
                {
                    _previous = _current;
                    _current = new ConcurrentDictionary<SignatureDigest, byte>();
                }
            }
        }

        _current.TryAdd(digest, 0);
    }

    /// <summary>A SHA-256 digest as four words, compared and hashed as a value.</summary>
    internal readonly record struct SignatureDigest(ulong A, ulong B, ulong C, ulong D);
}
