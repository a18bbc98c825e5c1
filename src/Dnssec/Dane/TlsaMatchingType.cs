namespace Dnssec.Dane;

/// <summary>TLSA matching types (RFC 6698 §2.1.3) with the mnemonics of RFC 7218; unknown values survive.</summary>
public enum TlsaMatchingType : byte
{
    /// <summary>Full: the selected content itself, compared octet for octet.</summary>
    Full = 0,
    /// <summary>SHA2-256: the SHA-256 digest of the selected content.</summary>
    SHA2256 = 1,
    /// <summary>SHA2-512: the SHA-512 digest of the selected content.</summary>
    SHA2512 = 2,
    /// <summary>Reserved for private use (RFC 6698 §7.4); never usable here.</summary>
    PrivMatch = 255,
}
