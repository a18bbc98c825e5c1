using Dnssec.Crypto;

namespace Dnssec.Validation;

/// <summary>How the validator decides: algorithm policy, work limits, clock skew and how long results are kept.</summary>
public sealed class ValidatorOptions
{
    /// <summary>The default time a Bogus or Indeterminate zone result is remembered, as Unbound's val-bogus-ttl.</summary>
    public static readonly TimeSpan DefaultFailureTtl = TimeSpan.FromSeconds(60);

    /// <summary>The default longest time a validated key set is kept, whatever its TTL (Unbound's cache-max-ttl is a day).</summary>
    public static readonly TimeSpan DefaultMaximumKeyTtl = TimeSpan.FromDays(1);

    /// <summary>Which algorithms and digests are accepted, and the NSEC3 iteration limit; an instance of its own, so that binding configuration never changes the shared default.</summary>
    public AlgorithmPolicy Policy { get; init; } = new();

    /// <summary>The work limits against resource-exhaustion attacks.</summary>
    public ValidationLimits Limits { get; init; } = new();

    /// <summary>The least clock skew tolerated around signature validity periods.</summary>
    public TimeSpan MinimumClockSkew { get; init; } = RrsetVerifier.DefaultMinimumClockSkew;

    /// <summary>The most clock skew tolerated.</summary>
    public TimeSpan MaximumClockSkew { get; init; } = RrsetVerifier.DefaultMaximumClockSkew;

    /// <summary>
    /// Whether the authority and additional RRsets an answer does not rest on (the zone's NS RRset, glue addresses) are
    /// verified too, with keys already validated for the answer, so that a server may hand them out beside a secure
    /// answer as Unbound does. Off by default: it costs signature checks that a stub client never needs.
    /// </summary>
    public bool CheckSupplementalRecords { get; init; }

    /// <summary>Whether signatures that verified are remembered and not verified again (on); benchmarks of the verification turn it off.</summary>
    internal bool RememberVerifiedSignatures { get; init; } = true;

    /// <summary>
    /// Whether a zone's DNSKEY RRset must be signed, by a key its DS or anchor names, in every supported algorithm the
    /// DS RRset or anchor lists, so that an attacker cannot strip a zone down to its weakest algorithm (Unbound's
    /// harden-algo-downgrade). Off by default, as RFC 6840 §5.11 advises: one validating algorithm is enough.
    /// </summary>
    public bool RequireEveryDsAlgorithm { get; init; }

    /// <summary>
    /// Whether a zone whose DS or anchor says it is signed must have DNSKEY data that validates (on by default, as
    /// Unbound's harden-dnssec-stripped: yes). Turning it off is a loosening for networks that strip DNSSEC data: a zone
    /// whose DNSKEY RRset cannot be had, is absent or fails to validate is then treated as Insecure, as if it had no
    /// anchor, so an attacker who can strip it turns DNSSEC off for it. Data of a zone with valid keys stays Bogus
    /// without its signatures either way.
    /// </summary>
    public bool HardenDnssecStripped { get; init; } = true;

    /// <summary>How long a failed zone is remembered before it is tried again (RFC 9520 §3.2 asks for at least 1 second, at most 5 minutes); clamped to 1–300 seconds.</summary>
    public TimeSpan FailureTtl { get; init => field = TimeSpan.FromSeconds(Math.Clamp(value.TotalSeconds, 1, 300)); } = DefaultFailureTtl;

    /// <summary>The longest a validated key set is kept; clamped to 1 second – 7 days.</summary>
    public TimeSpan MaximumKeyTtl { get; init => field = TimeSpan.FromSeconds(Math.Clamp(value.TotalSeconds, 1, 7 * 86400)); } = DefaultMaximumKeyTtl;
}
