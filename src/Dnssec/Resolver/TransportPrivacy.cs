namespace Dnssec.Resolver;

/// <summary>
/// How well a question was hidden on its way to a server, weakest first: in clear text, encrypted to an unauthenticated
/// server (RFC 8310's opportunistic profile), or encrypted to an authenticated one (its strict profile).
/// </summary>
public enum TransportPrivacy
{
    /// <summary>Plain UDP or TCP: anyone on the path reads the question and can answer it.</summary>
    Cleartext,
    /// <summary>TLS to a server that was not authenticated (RFC 8310 §6.4): hidden from onlookers, not from an active attacker on the path.</summary>
    Opportunistic,
    /// <summary>TLS to a server authenticated by name or SPKI pin (RFC 8310 §6.6).</summary>
    Strict,
}
