namespace Dnssec.Dane;

/// <summary>What the DNS says about DANE for one service (RFC 7671 §4, RFC 7672 §2.2).</summary>
public enum TlsaLookupStatus
{
    /// <summary>A Secure TLSA RRset exists: the server must be authenticated by it.</summary>
    Dane,
    /// <summary>The TLSA RRset (or the host's addresses) is proven Insecure, or proven absent: DANE does not apply.</summary>
    NoDane,
    /// <summary>The answer was Bogus or Indeterminate: the client must not connect, as an attacker may be hiding the records.</summary>
    Failed,
}
