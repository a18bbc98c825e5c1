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
}
