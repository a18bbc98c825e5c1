using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// The RFC 5011 state machine: one step takes a trust point and the DNSKEY RRset with its RRSIGs as received, and
/// returns the new key states, the events and the next refresh time. It does no I/O and reads the time only from the
/// injected clock, so years of key rollover run in milliseconds.
/// </summary>
public sealed partial class TrustPointTracker
{
    /// <summary>The add hold-down of RFC 5011 §2.4.1: 30 days.</summary>
    public static readonly TimeSpan DefaultAddHoldDown = TimeSpan.FromDays(30);

    /// <summary>The remove hold-down of RFC 5011 §2.4.2: 30 days.</summary>
    public static readonly TimeSpan DefaultRemoveHoldDown = TimeSpan.FromDays(30);

    /// <summary>How long a Missing key is kept by default while another is Valid: Unbound's keep-missing of 366 days.</summary>
    public static readonly TimeSpan DefaultKeepMissing = TimeSpan.FromDays(366);

    private readonly TimeProvider _time;
    private readonly RrsetVerifier _verifier;
    private readonly AlgorithmPolicy _policy;

    /// <summary>Creates a tracker that reads the time from <paramref name="timeProvider"/> and decodes keys through <paramref name="keys"/>.</summary>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="keys">The cache of decoded public keys; a private one following <paramref name="policy"/> when null.</param>
    /// <param name="policy">Which algorithms the validator supports: a new key of another algorithm is useless as an anchor and is not tracked; the defaults when null.</param>
    public TrustPointTracker(TimeProvider? timeProvider = null, VerifierCache? keys = null, AlgorithmPolicy? policy = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _policy = policy ?? new AlgorithmPolicy();
        _verifier = new RrsetVerifier(keys ?? new VerifierCache(_policy), _time);
    }

    /// <summary>How long a new key must stay published before it is trusted; at least the key's original TTL.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan AddHoldDown
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultAddHoldDown;

    /// <summary>How long a revoked key is kept as Revoked before it becomes Removed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan RemoveHoldDown
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultRemoveHoldDown;

    /// <summary>
    /// How long a Missing key is kept while another key is Valid before it is Removed; Unbound's keep-missing (366 days
    /// by default). <see cref="TimeSpan.Zero"/> keeps Missing keys for ever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan KeepMissing
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultKeepMissing;

    /// <summary>One step: the trust point's DNSKEY RRset and its RRSIGs as received, checked and applied at the clock's time.</summary>
    /// <param name="trustPoint">The state before the step.</param>
    /// <param name="dnskeys">The DNSKEY records received for the zone; others are ignored.</param>
    /// <param name="rrsigs">The RRSIG records received with them; those not covering the zone's DNSKEY RRset are ignored.</param>
    public TrustPointUpdate Update(TrustPoint trustPoint, IReadOnlyList<DnsRecord> dnskeys, IReadOnlyList<DnsRecord> rrsigs)
    {
        ArgumentNullException.ThrowIfNull(trustPoint);
        ArgumentNullException.ThrowIfNull(dnskeys);
        ArgumentNullException.ThrowIfNull(rrsigs);
        var step = new Step(trustPoint, _time.GetUtcNow());
        List<DnsRecord> rrset = [.. dnskeys.Where(r => r.Type == RecordType.DNSKEY && r.Class == RecordClass.IN && r.Owner.Equals(trustPoint.Zone))];
        List<DnsRecord> signatures = [.. rrsigs.Where(r => r.Type == RecordType.RRSIG && r.Owner.Equals(trustPoint.Zone) && RrsigData.From(r).TypeCovered == RecordType.DNSKEY)];
        if (rrset.Count == 0)
        {
            return NoAnswer(step, signatures, $"no DNSKEY records of {trustPoint.Zone} were received");
        }

        ApplyRevocations(step, rrset, signatures);
        ApplyAddTime(step);
        (DnsRecord Rrsig, DnsRecord Key)? proof = FindTrustedSignature(step, rrset, signatures);
        if (proof is null)
        {
            // Revocations that leave no trusted key were themselves authenticated, by each revoked key's own signature:
            // the refresh learnt all there is to learn, as Unbound counts it.
            return step.Keys.Exists(k => k.IsTrusted) || !step.Events.Exists(e => e.Kind == TrustPointEventKind.KeyRevoked)
                ? NotValidated(step, signatures, $"no trusted key of {trustPoint.Zone} validated its DNSKEY RRset")
                : Revoked(step, $"every trusted key of {trustPoint.Zone} revoked itself");
        }

        uint originalTtl = RrsigData.From(proof.Value.Rrsig).OriginalTtl;
        ApplyPresence(step, rrset, originalTtl);
        ApplyRemoveHoldDown(step);
        ApplyKeepMissing(step);
        DropUntracked(step);
        return Validated(step, proof.Value.Rrsig, signatures, $"DNSKEY {KeyTag.Compute(proof.Value.Key)} of {trustPoint.Zone} validated its DNSKEY RRset");
    }

    /// <summary>
    /// Records a query of the DNSKEY RRset that brought no answer: nothing was learnt, so nothing changes but the next
    /// refresh, set by the retry timer (RFC 5011 §2.3); the outcome is <see cref="TrustPointOutcome.NoAnswer"/>.
    /// </summary>
    public TrustPointUpdate RefreshFailed(TrustPoint trustPoint, string reason)
    {
        ArgumentNullException.ThrowIfNull(trustPoint);
        ArgumentNullException.ThrowIfNull(reason);
        var step = new Step(trustPoint, _time.GetUtcNow());
        return NoAnswer(step, [], $"the query for the DNSKEY RRset of {trustPoint.Zone} failed: {reason}");
    }

    private static TrustPointUpdate NoAnswer(Step step, List<DnsRecord> signatures, string reason)
    {
        TrustPoint after = step.Before with { NextRefresh = step.Now + RetryWait(step, signatures) };
        return Finish(step, after, TrustPointOutcome.NoAnswer, reason);
    }

    private static TrustPointUpdate NotValidated(Step step, List<DnsRecord> signatures, string reason)
    {
        TrustPoint before = step.Before;
        // Like Unbound, failures count only once the trust point has been validated; before that it is still starting.
        TrustPoint after = before with
        {
            Keys = step.Keys,
            LastQueried = step.Now,
            FailedQueries = before.LastRefresh is null ? before.FailedQueries : before.FailedQueries + 1,
            NextRefresh = step.Now + RetryWait(step, signatures),
        };
        return Finish(step, after, TrustPointOutcome.NotValidated, reason);
    }

    private static TrustPointUpdate Revoked(Step step, string reason)
    {
        TrustPoint after = step.Before with { Keys = step.Keys, LastQueried = step.Now, LastRefresh = step.Now, FailedQueries = 0 };
        return Finish(step, after, TrustPointOutcome.Validated, reason);
    }

    private static TrustPointUpdate Validated(Step step, DnsRecord validatingSignature, List<DnsRecord> signatures, string reason)
    {
        RrsigData signature = RrsigData.From(validatingSignature);
        var ttl = TimeSpan.FromSeconds(signature.OriginalTtl);
        // The earliest expiry of any signature over the RRset bounds both timers, so a refresh comes before it lapses.
        TimeSpan expiry = signatures.Select(s => ExpirationInterval(RrsigData.From(s), step.Now)).Min();
        TimeSpan active = RefreshTimers.ActiveRefresh(ttl, expiry);
        TrustPoint after = step.Before with
        {
            Keys = step.Keys,
            LastQueried = step.Now,
            LastRefresh = step.Now,
            FailedQueries = 0,
            ActiveInterval = active,
            RetryInterval = RefreshTimers.Retry(ttl, expiry),
            NextRefresh = step.Now + active,
        };
        return Finish(step, after, TrustPointOutcome.Validated, reason);
    }

    private static TrustPointUpdate Finish(Step step, TrustPoint after, TrustPointOutcome outcome, string reason)
    {
        TrustPoint before = step.Before;
        bool usable = after.HasUsableAnchor;
        if (before.HasUsableAnchor && !usable)
        {
            step.Add(TrustPointEventKind.AnchorsExhausted, null, $"no key of {before.Zone} is trusted any more: the zone has no usable trust anchor");
        }
        else if (usable && after.Keys.All(k => k.State != TrackedKeyState.Valid))
        {
            step.Add(TrustPointEventKind.AnchorsAtRisk, null, $"every trusted key of {before.Zone} is missing from its DNSKEY RRset");
        }

        string sentence = usable ? reason : $"{reason}; no key of {before.Zone} is trusted, so nothing below it can be validated";
        return new TrustPointUpdate(after, usable ? outcome : TrustPointOutcome.NoUsableAnchor, step.Events, sentence);
    }

    private static TimeSpan RetryWait(Step step, List<DnsRecord> signatures)
    {
        if (step.Before.RetryInterval is { } known)
        {
            return known;
        }

        if (signatures.Count > 0)
        {
            RrsigData signature = RrsigData.From(signatures[0]);
            return RefreshTimers.Retry(TimeSpan.FromSeconds(signature.OriginalTtl), ExpirationInterval(signature, step.Now));
        }

        // Without a signature the last known original TTL, that of the trusted keys, stands in for it.
        TimeSpan? ttl = step.Keys.Exists(k => k.IsTrusted) ? TimeSpan.FromSeconds(step.Keys.Where(k => k.IsTrusted).Min(k => k.Dnskey.Ttl)) : null;
        return RefreshTimers.Retry(ttl, null);
    }

    private static TimeSpan ExpirationInterval(RrsigData signature, DateTimeOffset now)
    {
        TimeSpan interval = SerialNumber.ToTime(signature.SignatureExpiration, now) - now;
        return interval < TimeSpan.Zero ? TimeSpan.Zero : interval;
    }
}
