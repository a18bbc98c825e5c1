using Dnssec.Crypto;

namespace Dnssec.Validation;

/// <summary>
/// Validates DNS responses from trust anchors down (RFC 4035 §5): builds the chain of trust through DS and DNSKEY
/// RRsets fetched from an <see cref="IValidationSource"/>, verifies answer RRsets, CNAME and DNAME chains, wildcard
/// expansions and NSEC/NSEC3 denials, and returns Secure, Insecure, Bogus or Indeterminate with an RFC 8914 code and
/// a reason. Work is bounded by <see cref="ValidationLimits"/>. Safe for concurrent use.
/// </summary>
public sealed partial class DnssecValidator
{
    private readonly ITrustAnchorProvider _anchors;
    private readonly IValidationSource _source;
    private readonly TimeProvider _time;
    private readonly RrsetVerifier _verifier;

    /// <summary>Creates a validator.</summary>
    /// <param name="anchors">The trust anchors to start from.</param>
    /// <param name="source">Where DS and DNSKEY RRsets come from.</param>
    /// <param name="options">Policy, limits and cache lifetimes; defaults when null.</param>
    /// <param name="timeProvider">The clock for signature validity and cache expiry; the system clock when null.</param>
    /// <param name="keyCache">A cache to share between validators; a new one when null.</param>
    public DnssecValidator(ITrustAnchorProvider anchors, IValidationSource source, ValidatorOptions? options = null, TimeProvider? timeProvider = null, KeyCache? keyCache = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(source);
        _anchors = anchors;
        _source = source;
        Options = options ?? new ValidatorOptions();
        _time = timeProvider ?? TimeProvider.System;
        Keys = keyCache ?? new KeyCache(KeyCache.DefaultCapacity, _time);
        _verifier = new RrsetVerifier(new VerifierCache(Options.Policy), _time)
        {
            MinimumClockSkew = Options.MinimumClockSkew,
            MaximumClockSkew = Options.MaximumClockSkew,
            RemembersVerified = Options.RememberVerifiedSignatures,
        };
    }

    /// <summary>The policy, limits and lifetimes in force.</summary>
    public ValidatorOptions Options { get; }

    /// <summary>The cache of zone key results.</summary>
    public KeyCache Keys { get; }

    /// <summary>A new budget with this validator's per-answer limits.</summary>
    public ValidationBudget CreateBudget() => new(Options.Limits);

    /// <summary>The validator's clock reading, for signature validity and cache expiry.</summary>
    internal DateTimeOffset Now => _time.GetUtcNow();
}
