namespace Dnssec.Fuzz.Targets;

/// <summary>The options octet of a <see cref="DaneInput"/>.</summary>
[Flags]
public enum DaneInputFlags : byte
{
    /// <summary>The defaults of <c>DaneVerifierOptions</c>.</summary>
    None = 0,
    /// <summary>Demand a name match for DANE-EE(3) as well, as OpenSSL does by default.</summary>
    DaneEeNameChecks = 1,
    /// <summary>Prefer SHA2-256 to SHA2-512 in digest agility, as OpenSSL's danetest does.</summary>
    Sha256First = 2,
    /// <summary>Walk DANE-TA chains of at most two certificates (the smallest <c>MaxChainLength</c>).</summary>
    ShortChains = 4,
}
