namespace Dnssec.Dane;

/// <summary>TLSA certificate usages (RFC 6698 §2.1.1) with the mnemonics of RFC 7218; unknown values survive.</summary>
public enum TlsaUsage : byte
{
    /// <summary>PKIX-TA: a CA of the PKIX-validated chain (RFC 6698 §2.1.1, RFC 7671 §5.4).</summary>
    PKIXTA = 0,
    /// <summary>PKIX-EE: the server certificate, which must also pass PKIX validation (RFC 7671 §5.3).</summary>
    PKIXEE = 1,
    /// <summary>DANE-TA: a trust anchor of the server's chain, no PKIX trust store involved (RFC 7671 §5.2).</summary>
    DANETA = 2,
    /// <summary>DANE-EE: the server certificate or key itself; names and dates are not checked (RFC 7671 §5.1).</summary>
    DANEEE = 3,
    /// <summary>Reserved for private use (RFC 6698 §7.2); never usable here.</summary>
    PrivCert = 255,
}
