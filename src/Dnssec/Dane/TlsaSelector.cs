namespace Dnssec.Dane;

/// <summary>TLSA selectors (RFC 6698 §2.1.2) with the mnemonics of RFC 7218; unknown values survive.</summary>
public enum TlsaSelector : byte
{
    /// <summary>Cert: the whole certificate in DER.</summary>
    Cert = 0,
    /// <summary>SPKI: the certificate's DER-encoded SubjectPublicKeyInfo.</summary>
    SPKI = 1,
    /// <summary>Reserved for private use (RFC 6698 §7.3); never usable here.</summary>
    PrivSel = 255,
}
