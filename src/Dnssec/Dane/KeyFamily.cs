namespace Dnssec.Dane;

/// <summary>
/// The kind of key behind a signature algorithm or a SubjectPublicKeyInfo algorithm, so that a certificate can be
/// told to be signed with its own kind of key (what OpenSSL demands before it calls a certificate self-signed).
/// </summary>
internal static class KeyFamily
{
    /// <summary>Whether a key of <paramref name="keyAlgorithm"/> makes signatures of <paramref name="signatureAlgorithm"/>; an RSA key also makes RSASSA-PSS ones.</summary>
    public static bool Signs(string keyAlgorithm, string signatureAlgorithm)
    {
        string? key = OfKey(keyAlgorithm);
        string? signature = OfSignature(signatureAlgorithm);
        return key is not null && (key == signature || (key == "RSA" && signature == "RSASSA-PSS"));
    }

    /// <summary>The key kind a signature algorithm needs, or null for an algorithm not known here.</summary>
    private static string? OfSignature(string signatureAlgorithm) => signatureAlgorithm switch
    {
        // md2, md4, md5, sha1, sha256, sha384, sha512 and sha224 with RSA, and the old OIW sha1WithRSA.
        "1.2.840.113549.1.1.2" or "1.2.840.113549.1.1.3" or "1.2.840.113549.1.1.4" or "1.2.840.113549.1.1.5"
            or "1.2.840.113549.1.1.11" or "1.2.840.113549.1.1.12" or "1.2.840.113549.1.1.13" or "1.2.840.113549.1.1.14"
            or "1.3.14.3.2.29" => "RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.4.1" or "1.2.840.10045.4.3.1" or "1.2.840.10045.4.3.2" or "1.2.840.10045.4.3.3" or "1.2.840.10045.4.3.4" => "EC",
        "1.2.840.10040.4.3" or "2.16.840.1.101.3.4.3.1" or "2.16.840.1.101.3.4.3.2" => "DSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => null,
    };

    /// <summary>The key kind of a SubjectPublicKeyInfo algorithm, or null for one not known here.</summary>
    private static string? OfKey(string keyAlgorithm) => keyAlgorithm switch
    {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => null,
    };
}
