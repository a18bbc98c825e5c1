using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

/// <summary>How <see cref="DaneVerifier"/> judges a chain; the defaults follow RFC 7671 and RFC 7672.</summary>
public sealed class DaneVerifierOptions
{
    /// <summary>The longest chain walked from the leaf to a DANE-TA trust anchor, a bound on work for hostile chains.</summary>
    public const int DefaultMaxChainLength = 10;

    /// <summary>
    /// Also demand a name match for DANE-EE(3), as OpenSSL does unless DANE_FLAG_NO_DANE_EE_NAMECHECKS is set; off by
    /// default because RFC 7671 §5.1 says DANE-EE ignores names.
    /// </summary>
    public bool DaneEeNameChecks { get; set; }

    /// <summary>
    /// The digest matching types in order of preference, strongest first (RFC 7671 §9, Postfix's tls_dane_digests);
    /// digest records of a type not listed are unusable. Full(0) records are not subject to this list.
    /// </summary>
    public IList<TlsaMatchingType> DigestPreference { get; } = [TlsaMatchingType.SHA2512, TlsaMatchingType.SHA2256];

    /// <summary>Trust anchors for PKIX-TA(0) and PKIX-EE(1); null means the system's store, an empty collection none.</summary>
    public X509Certificate2Collection? PkixTrustAnchors { get; set; }

    /// <summary>The clock that decides validity periods.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The longest chain walked to a DANE-TA anchor; clamped to 2..32.</summary>
    public int MaxChainLength { get; set; } = DefaultMaxChainLength;
}
