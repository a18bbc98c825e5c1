using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Resolver;

/// <summary>
/// A SHA-256 digest of a certificate's SubjectPublicKeyInfo, written <c>sha256/BASE64</c> (RFC 7858 §4.2, the form of
/// RFC 7469): an upstream whose chain holds a certificate with that key is authenticated without a CA (RFC 8310 §8.1).
/// </summary>
public sealed class SpkiPin : IEquatable<SpkiPin>
{
    private const string Prefix = "sha256/";
    private const int DigestLength = 32;

    private readonly byte[] _digest;

    private SpkiPin(byte[] digest) => _digest = digest;

    /// <summary>The 32-octet SHA-256 digest of the DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> Digest => _digest;

    /// <summary>Reads <c>sha256/BASE64</c>.</summary>
    /// <exception cref="FormatException">The text is not <c>sha256/</c> and the Base64 of 32 octets; the message says which part is wrong.</exception>
    public static SpkiPin Parse(string text) =>
        TryParse(text, out SpkiPin? pin, out string? problem) ? pin : throw new FormatException(problem);

    /// <summary>Reads <c>sha256/BASE64</c>; false when the text is not a SHA-256 pin.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SpkiPin? pin) => TryParse(text, out pin, out _);

    /// <summary>Reads <c>sha256/BASE64</c>; false, with what is wrong, when the text is not a SHA-256 pin.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SpkiPin? pin, [NotNullWhen(false)] out string? problem)
    {
        pin = null;
        string shown = text?.Trim() ?? "";
        if (!shown.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"the pin '{shown}' does not start with {Prefix} (only SHA-256 SPKI pins are used)";
            return false;
        }

        byte[] digest = new byte[DigestLength + 3];
        if (!Convert.TryFromBase64String(shown[Prefix.Length..], digest, out int written))
        {
            problem = $"the pin '{shown}' is not Base64 after {Prefix}";
            return false;
        }

        if (written != DigestLength)
        {
            problem = $"the pin '{shown}' holds {written} octets, not the {DigestLength} of a SHA-256 digest";
            return false;
        }

        pin = new SpkiPin(digest[..DigestLength]);
        problem = null;
        return true;
    }

    /// <summary>The pin of a certificate's public key.</summary>
    public static SpkiPin FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new SpkiPin(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Whether the certificate's public key is the pinned one.</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Span<byte> digest = stackalloc byte[DigestLength];
        SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo(), digest);
        return digest.SequenceEqual(_digest);
    }

    /// <inheritdoc />
    public bool Equals(SpkiPin? other) => other is not null && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SpkiPin);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_digest);

    /// <summary>The pin as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Prefix + Convert.ToBase64String(_digest);
}
