using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Hashes owner names the way NSEC3 does: iterated SHA-1 over the canonical name and salt (RFC 5155 §5).</summary>
public static class Nsec3Hasher
{
    /// <summary>The only NSEC3 hash algorithm defined: SHA-1 (RFC 5155 §11).</summary>
    public const byte Sha1 = 1;

    /// <summary>The length of an NSEC3 SHA-1 hash.</summary>
    public const int HashLength = 20;

    /// <summary>The order of NSEC3 hashes, and so of an NSEC3 chain: the leftmost octet most significant (RFC 5155 §1.3, "hash order").</summary>
    internal static IComparer<byte[]> HashOrder { get; } = Comparer<byte[]>.Create(static (x, y) => x.AsSpan().SequenceCompareTo(y));

    /// <summary>
    /// Computes IH(salt, name, iterations) into <paramref name="destination"/> (20 octets). Callers bound
    /// <paramref name="iterations"/> by their policy before calling, because each one is a SHA-1 computation.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than 20 octets or the salt is over 255 octets.</exception>
    public static void Compute(DnsName name, ReadOnlySpan<byte> salt, int iterations, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (destination.Length < HashLength)
        {
            throw new ArgumentException("An NSEC3 hash needs 20 octets.", nameof(destination));
        }

        if (salt.Length > byte.MaxValue)
        {
            throw new ArgumentException("An NSEC3 salt is at most 255 octets.", nameof(salt));
        }

        Span<byte> buffer = stackalloc byte[DnsName.MaxLength + byte.MaxValue];
        int length = name.WriteCanonicalTo(buffer);
        salt.CopyTo(buffer[length..]);
        SHA1.HashData(buffer[..(length + salt.Length)], destination);
        salt.CopyTo(buffer[HashLength..]);
        for (int i = 0; i < iterations; i++)
        {
            destination[..HashLength].CopyTo(buffer);
            SHA1.HashData(buffer[..(HashLength + salt.Length)], destination);
        }
    }

    /// <summary>Returns <paramref name="hash"/> as the first label of an NSEC3 owner: base32hex without padding (RFC 5155 §3.3).</summary>
    public static string ToLabel(ReadOnlySpan<byte> hash)
    {
        var builder = new StringBuilder(32);
        Base32HexText.Append(builder, hash);
        return builder.ToString();
    }

    /// <summary>
    /// Decodes the first label of an NSEC3 owner from base32hex (RFC 5155 §3.3); false when it is not base32hex or
    /// decodes to nothing. Callers that need a SHA-1 hash check the length themselves.
    /// </summary>
    internal static bool TryDecodeLabel(ReadOnlySpan<byte> label, [NotNullWhen(true)] out byte[]? hash)
    {
        hash = null;
        Span<char> text = stackalloc char[label.Length];
        for (int i = 0; i < label.Length; i++)
        {
            text[i] = (char)label[i];
        }

        var output = new ArrayBufferWriter<byte>(HashLength);
        if (!Base32HexText.TryDecode(text, output, out _) || output.WrittenCount == 0)
        {
            return false;
        }

        hash = output.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>
    /// Whether <paramref name="hash"/> lies strictly between an NSEC3's owner hash and its next hash (RFC 5155 §1.3,
    /// "covers"); the last NSEC3 of a chain wraps around, and a chain of one record covers every hash but its own.
    /// </summary>
    internal static bool Covers(ReadOnlySpan<byte> ownerHash, ReadOnlySpan<byte> nextHash, ReadOnlySpan<byte> hash)
    {
        bool afterOwner = hash.SequenceCompareTo(ownerHash) > 0;
        bool beforeNext = hash.SequenceCompareTo(nextHash) < 0;
        return nextHash.SequenceCompareTo(ownerHash) > 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
    }
}
