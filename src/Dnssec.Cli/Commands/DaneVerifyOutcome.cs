namespace Dnssec.Cli.Commands;

/// <summary>How one address `dane verify` tried ended, and, for the whole run, the worst of them.</summary>
internal enum DaneVerifyOutcome
{
    /// <summary>DANE authenticated the server (exit status 0 when every address did).</summary>
    Authenticated,

    /// <summary>Connected, but DANE does not apply: PKIX or the SMTP level's own check accepted the server (exit status 1).</summary>
    NoDane,

    /// <summary>The certificate was refused, by the TLSA records or by PKIX, or the TLSA lookup failed closed (exit status 2).</summary>
    Refused,

    /// <summary>The address could not be reached: connection refused, timed out, or no TLS handshake (exit status 3).</summary>
    Unreachable,
}
