using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.TrustAnchors;

public class TrustPointTrackerTests
{
    private const ushort KeySigningKey = 257;
    private static readonly DnsName Zone = DnsName.Parse("example.");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TrustPointTracker _tracker;
    private readonly SigningKey _old = NewKey();
    private readonly SigningKey _new = NewKey();

    public TrustPointTrackerTests() => _tracker = new TrustPointTracker(_clock);

    [Fact]
    public void Update_FullRoll_NewKeyTrustedAfterHoldDownAndOldKeyRemovedAfterRevocation()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);

        TrustPointUpdate published = Step(point, [_old, _new], _old);
        Assert.Equal(TrustPointOutcome.Validated, published.Outcome);
        Assert.Equal(TrackedKeyState.AddPend, StateOf(published, _new));
        Assert.Contains(published.Events, e => e.Kind == TrustPointEventKind.NewKeyPending && e.KeyTag == _new.KeyTag);
        Assert.Equal([_old.Dnskey.Data.ToArray()], published.TrustPoint.TrustedKeys.Select(k => k.Data.ToArray()));

        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        TrustPointUpdate early = Step(published.TrustPoint, [_old, _new], _old);
        Assert.Equal(TrackedKeyState.AddPend, StateOf(early, _new));

        _clock.Advance(TimeSpan.FromSeconds(1));
        TrustPointUpdate added = Step(early.TrustPoint, [_old, _new], _old);
        Assert.Equal(TrackedKeyState.Valid, StateOf(added, _new));
        Assert.Contains(added.Events, e => e.Kind == TrustPointEventKind.KeyAdded && e.KeyTag == _new.KeyTag);

        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);
        _clock.Advance(TimeSpan.FromDays(1));
        TrustPointUpdate revocation = Step(added.TrustPoint, [revoked, _new], revoked, _new);
        Assert.Equal(TrackedKeyState.Revoked, StateOf(revocation, _old));
        Assert.Contains(revocation.Events, e => e.Kind == TrustPointEventKind.KeyRevoked && e.KeyTag == revoked.KeyTag);
        Assert.Equal([_new.Dnskey.Data.ToArray()], revocation.TrustPoint.TrustedKeys.Select(k => k.Data.ToArray()));

        _clock.Advance(TimeSpan.FromDays(30));
        TrustPointUpdate removed = Step(revocation.TrustPoint, [_new], _new);
        Assert.Equal(TrackedKeyState.Removed, StateOf(removed, _old));
        Assert.Contains(removed.Events, e => e.Kind == TrustPointEventKind.KeyRemoved);
        Assert.Equal(TrustPointOutcome.Validated, removed.Outcome);

        var anchors = new TrustAnchorSet();
        removed.TrustPoint.ApplyTo(anchors);
        Dnssec.Validation.TrustAnchor anchor = anchors.FindClosest(DnsName.Parse("www.example."), _clock.GetUtcNow())!;
        Assert.Equal([_new.Dnskey.Data.ToArray()], anchor.Keys.Select(k => k.Data.ToArray()));

        TrustPointUpdate reappeared = Step(removed.TrustPoint, [_old, _new], _new);
        Assert.Equal(TrackedKeyState.Removed, StateOf(reappeared, _old));
        Assert.Single(reappeared.TrustPoint.TrustedKeys);
    }

    [Fact]
    public void Update_OriginalTtlLongerThanHoldDown_HoldDownIsTheTtl()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        const uint FortyDays = 40 * 86400;
        DnsRecord[] rrset = [_old.Dnskey.WithTtl(FortyDays), _new.Dnskey.WithTtl(FortyDays)];
        TrustPointUpdate published = _tracker.Update(point, rrset, [Sign(rrset, FortyDays)]);

        _clock.Advance(TimeSpan.FromDays(31));
        TrustPointUpdate thirtyOneDays = _tracker.Update(published.TrustPoint, rrset, [Sign(rrset, FortyDays)]);
        _clock.Advance(TimeSpan.FromDays(9));
        TrustPointUpdate fortyDays = _tracker.Update(thirtyOneDays.TrustPoint, rrset, [Sign(rrset, FortyDays)]);

        Assert.Equal(TrackedKeyState.AddPend, StateOf(thirtyOneDays, _new));
        Assert.Equal(TrackedKeyState.Valid, StateOf(fortyDays, _new));
    }

    [Fact]
    public void Update_NewKeyVanishesDuringHoldDown_BackToStartAndHoldDownStartsOver()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        TrustPointUpdate published = Step(point, [_old, _new], _old);

        _clock.Advance(TimeSpan.FromDays(10));
        TrustPointUpdate vanished = Step(published.TrustPoint, [_old], _old);
        // Back in Start the key is not tracked any more, as in Unbound: if it returns it is a new key.
        Assert.DoesNotContain(vanished.TrustPoint.Keys, k => k.IsSameKey(_new.Dnskey));
        Assert.Contains(vanished.Events, e => e.Kind == TrustPointEventKind.PendingKeyGone && e.KeyTag == _new.KeyTag);

        _clock.Advance(TimeSpan.FromDays(1));
        TrustPointUpdate back = Step(vanished.TrustPoint, [_old, _new], _old);
        Assert.Equal(TrackedKeyState.AddPend, StateOf(back, _new));

        _clock.Advance(TimeSpan.FromDays(20));
        TrustPointUpdate thirtyDaysAfterFirstSeen = Step(back.TrustPoint, [_old, _new], _old);
        Assert.Equal(TrackedKeyState.AddPend, StateOf(thirtyDaysAfterFirstSeen, _new));
        Assert.Single(thirtyDaysAfterFirstSeen.TrustPoint.TrustedKeys);
    }

    [Fact]
    public void Update_RevocationNotSignedByRevokedKey_Ignored()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], Start);
        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);

        TrustPointUpdate update = Step(point, [revoked, _new], _new);

        Assert.NotEqual(TrackedKeyState.Revoked, StateOf(update, _old));
        Assert.DoesNotContain(update.Events, e => e.Kind == TrustPointEventKind.KeyRevoked);
        Assert.Contains(update.TrustPoint.TrustedKeys, k => k.Data.Span.SequenceEqual(_old.Dnskey.Data.Span));
    }

    [Fact]
    public void Update_RrsetNotValidatedByTrustedKey_NoStateChange()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        SigningKey stranger = NewKey();

        TrustPointUpdate update = Step(point, [_old, stranger], stranger);

        Assert.Equal(TrustPointOutcome.NotValidated, update.Outcome);
        Assert.Equal(point.Keys, update.TrustPoint.Keys);
        Assert.Empty(update.Events);
        Assert.Null(update.TrustPoint.LastRefresh);
        Assert.Contains("no trusted key", update.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_RrsetSignedOnlyByExpiredSignature_NotValidated()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        DnsRecord[] rrset = [_old.Dnskey, _new.Dnskey];
        DnsRecord expired = RrsetSigner.Sign(rrset, _old, Start.AddDays(-30), Start.AddDays(-10));

        TrustPointUpdate update = _tracker.Update(point, rrset, [expired]);

        Assert.Equal(TrustPointOutcome.NotValidated, update.Outcome);
        Assert.Equal(point.Keys, update.TrustPoint.Keys);
    }

    [Fact]
    public void Update_EveryKeyRevoked_NoUsableAnchor()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);

        TrustPointUpdate update = Step(point, [revoked], revoked);

        Assert.Equal(TrustPointOutcome.NoUsableAnchor, update.Outcome);
        Assert.False(update.TrustPoint.HasUsableAnchor);
        Assert.Null(update.TrustPoint.ToTrustAnchor());
        Assert.Contains(update.Events, e => e.Kind == TrustPointEventKind.AnchorsExhausted);
        Assert.Contains("no key of example. is trusted", update.Reason, StringComparison.Ordinal);

        var anchors = new TrustAnchorSet();
        anchors.Add([_old.Dnskey]);
        update.TrustPoint.ApplyTo(anchors);
        Assert.Null(anchors.FindClosest(DnsName.Parse("www.example."), _clock.GetUtcNow()));
    }

    [Fact]
    public void Update_TrustedKeyMissingThenBack_StaysTrustedAndWarns()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], Start);

        TrustPointUpdate missing = Step(point, [_new], _new);
        Assert.Equal(TrackedKeyState.Missing, StateOf(missing, _old));
        Assert.Equal(2, missing.TrustPoint.TrustedKeys.Count);

        TrustPointUpdate onlyMissingLeft = Step(missing.TrustPoint, [_old], _old);
        Assert.Equal(TrackedKeyState.Valid, StateOf(onlyMissingLeft, _old));
        Assert.Equal(TrackedKeyState.Missing, StateOf(onlyMissingLeft, _new));
        Assert.Contains(onlyMissingLeft.Events, e => e.Kind == TrustPointEventKind.KeyReturned && e.KeyTag == _old.KeyTag);
    }

    [Fact]
    public void Update_OnlyMissingKeyLeftAfterRevocation_AnchorsAtRisk()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], Start);
        TrustPointUpdate newMissing = Step(point, [_old], _old);
        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);

        TrustPointUpdate update = Step(newMissing.TrustPoint, [revoked], revoked);

        Assert.Equal(TrustPointOutcome.NotValidated, update.Outcome);
        Assert.Equal(TrackedKeyState.Revoked, StateOf(update, _old));
        Assert.True(update.TrustPoint.HasUsableAnchor);
        Assert.Contains(update.Events, e => e.Kind == TrustPointEventKind.AnchorsAtRisk);
    }

    [Fact]
    public void Update_Validated_NextRefreshIsActiveRefreshOfTheSignature()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        DnsRecord[] rrset = [_old.Dnskey];
        DnsRecord rrsig = RrsetSigner.Sign(rrset, _old, Start.AddDays(-1), Start.AddDays(4), originalTtl: 172800);

        TrustPointUpdate update = _tracker.Update(point, rrset.Select(r => r.WithTtl(172800)).ToArray(), [rrsig]);

        // min(15 days, 2 days / 2, 4 days / 2) = 1 day.
        Assert.Equal(Start.AddDays(1), update.TrustPoint.NextRefresh);
        Assert.Equal(Start, update.TrustPoint.LastRefresh);
    }

    [Fact]
    public void RefreshFailed_NextRefreshIsRetryTimerAndNothingElseChanges()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);

        TrustPointUpdate update = _tracker.RefreshFailed(point, "timeout");

        Assert.Equal(TrustPointOutcome.NoAnswer, update.Outcome);
        Assert.Equal(point.Keys, update.TrustPoint.Keys);
        Assert.Null(update.TrustPoint.LastQueried);
        Assert.Equal(0, update.TrustPoint.FailedQueries);
        // The key's TTL of 3600 s gives 6 minutes, below the one-hour floor.
        Assert.Equal(Start.AddHours(1), update.TrustPoint.NextRefresh);
        Assert.Contains("timeout", update.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TTL/2 under the floor", 3600, 864000, 3600)]
    [InlineData("TTL/2 decides", 172800, 864000, 86400)]
    [InlineData("expiration/2 decides", 864000, 14400, 7200)]
    [InlineData("the 15-day ceiling", 8640000, 8640000, 1296000)]
    [InlineData("exactly the floor", 7200, 864000, 3600)]
    [InlineData("an expired signature", 86400, 0, 3600)]
    public void ActiveRefresh_BoundsOfTheFormula(string description, int ttlSeconds, int expirationSeconds, int expectedSeconds)
    {
        TimeSpan wait = RefreshTimers.ActiveRefresh(TimeSpan.FromSeconds(ttlSeconds), TimeSpan.FromSeconds(expirationSeconds));

        Assert.True(TimeSpan.FromSeconds(expectedSeconds) == wait, description);
    }

    [Theory]
    [InlineData("TTL/10 under the floor", 3600, 864000, 3600)]
    [InlineData("TTL/10 decides", 172800, 864000, 17280)]
    [InlineData("expiration/10 decides", 864000, 72000, 7200)]
    [InlineData("the one-day ceiling", 8640000, 8640000, 86400)]
    [InlineData("exactly the floor", 36000, 864000, 3600)]
    public void Retry_BoundsOfTheFormula(string description, int ttlSeconds, int expirationSeconds, int expectedSeconds)
    {
        TimeSpan wait = RefreshTimers.Retry(TimeSpan.FromSeconds(ttlSeconds), TimeSpan.FromSeconds(expirationSeconds));

        Assert.True(TimeSpan.FromSeconds(expectedSeconds) == wait, description);
    }

    [Fact]
    public void Retry_NothingKnown_OneDayCeiling() => Assert.Equal(TimeSpan.FromDays(1), RefreshTimers.Retry(null, null));

    [Fact]
    public void Update_NoAddHoldDown_PendingKeyMustStillBeSeenTwice()
    {
        var tracker = new TrustPointTracker(_clock) { AddHoldDown = TimeSpan.Zero };
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        DnsRecord[] rrset = [_old.Dnskey, _new.Dnskey];

        TrustPointUpdate first = tracker.Update(point, rrset, [Sign(rrset, 3600)]);
        // RFC 5011 §2.4.1: the hold-down is never shorter than the key's original TTL.
        _clock.Advance(TimeSpan.FromHours(1));
        TrustPointUpdate second = tracker.Update(first.TrustPoint, rrset, [Sign(rrset, 3600)]);

        Assert.Equal(TrackedKeyState.AddPend, StateOf(first, _new));
        Assert.Equal(1, first.TrustPoint.Keys.Single(k => k.IsSameKey(_new.Dnskey)).Sightings);
        Assert.Equal(TrackedKeyState.Valid, StateOf(second, _new));
        Assert.Equal(0, second.TrustPoint.Keys.Single(k => k.IsSameKey(_new.Dnskey)).Sightings);
    }

    [Fact]
    public void Update_RevocationStillPublished_RemoveHoldDownCountsFromTheLastSighting()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], Start);
        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);
        TrustPointUpdate revocation = Step(point, [revoked, _new], revoked, _new);

        _clock.Advance(TimeSpan.FromDays(20));
        TrustPointUpdate stillPublished = Step(revocation.TrustPoint, [revoked, _new], revoked, _new);
        _clock.Advance(TimeSpan.FromDays(20));
        TrustPointUpdate fortyDaysAfterRevocation = Step(stillPublished.TrustPoint, [_new], _new);
        _clock.Advance(TimeSpan.FromDays(10));
        TrustPointUpdate thirtyDaysAfterLastSighting = Step(fortyDaysAfterRevocation.TrustPoint, [_new], _new);

        Assert.Equal(Start.AddDays(20), stillPublished.TrustPoint.Keys.Single(k => k.IsSameKey(_old.Dnskey)).HoldDownStart);
        Assert.Equal(TrackedKeyState.Revoked, StateOf(fortyDaysAfterRevocation, _old));
        Assert.Equal(TrackedKeyState.Removed, StateOf(thirtyDaysAfterLastSighting, _old));
    }

    [Fact]
    public void Update_KeyMissingForLong_RemovedOnlyWhileAnotherKeyIsValid()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], Start);
        TrustPointUpdate oneMissing = Step(point, [_new], _new);

        _clock.Advance(TimeSpan.FromDays(367));
        TrustPointUpdate afterAYear = Step(oneMissing.TrustPoint, [_new], _new);

        Assert.Equal(TrackedKeyState.Missing, StateOf(oneMissing, _old));
        Assert.Equal(TrackedKeyState.Removed, StateOf(afterAYear, _old));
        Assert.Contains(afterAYear.Events, e => e.Kind == TrustPointEventKind.KeyRemoved && e.KeyTag == _old.KeyTag);

        // Both trusted keys unpublished, the RRset still signed by one of them (its own copy checks the signature): with
        // no Valid key left, a year later neither is removed.
        SigningKey third = SigningKey.Generate(Zone, DnssecAlgorithm.ECDSAP256SHA256, 256);
        TrustPointUpdate bothMissing = Step(TrustPoint.Create(Zone, [_old.Dnskey, _new.Dnskey], _clock.GetUtcNow()), [third], _old);
        _clock.Advance(TimeSpan.FromDays(400));
        TrustPointUpdate stillMissing = Step(bothMissing.TrustPoint, [third], _old);
        Assert.Equal(TrustPointOutcome.Validated, stillMissing.Outcome);
        Assert.Equal(TrackedKeyState.Missing, StateOf(stillMissing, _old));
        Assert.Equal(TrackedKeyState.Missing, StateOf(stillMissing, _new));
        Assert.Contains(stillMissing.Events, e => e.Kind == TrustPointEventKind.AnchorsAtRisk);
    }

    [Fact]
    public void Update_AnswerNotValidatedAfterASuccess_CountsTheFailureAndWaitsTheRetryTimer()
    {
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey], Start);
        TrustPointUpdate success = Step(point, [_old], _old);
        SigningKey stranger = NewKey();

        _clock.Advance(TimeSpan.FromHours(5));
        TrustPointUpdate failure = Step(success.TrustPoint, [_old, stranger], stranger);

        Assert.Equal(Start, success.TrustPoint.LastRefresh);
        Assert.Equal(TrustPointOutcome.NotValidated, failure.Outcome);
        Assert.Equal(1, failure.TrustPoint.FailedQueries);
        Assert.Equal(Start, failure.TrustPoint.LastRefresh);
        Assert.Equal(Start.AddHours(5), failure.TrustPoint.LastQueried);
        Assert.Equal(Start.AddHours(5) + success.TrustPoint.RetryInterval, failure.TrustPoint.NextRefresh);
    }

    [Fact]
    public void Update_ConfiguredZoneSigningKey_DroppedOnceASecureEntryPointKeyIsTrusted()
    {
        SigningKey zoneSigning = SigningKey.Generate(Zone, DnssecAlgorithm.ECDSAP256SHA256, 256);
        TrustPoint point = TrustPoint.Create(Zone, [_old.Dnskey, zoneSigning.Dnskey], Start);

        TrustPointUpdate update = Step(point, [_old, zoneSigning], _old);

        Assert.Equal([_old.Dnskey.Data.ToArray()], update.TrustPoint.Keys.Select(k => k.Dnskey.Data.ToArray()));
    }

    [Fact]
    public void IsSameKey_RevokedForm_MatchesAndOtherKeyDoesNot()
    {
        SigningKey revoked = _old.WithFlags(KeySigningKey | DnskeyData.RevokeFlag);
        var tracked = new TrackedKey(_old.Dnskey, TrackedKeyState.Valid, Start, Start, null);

        Assert.NotEqual(_old.KeyTag, revoked.KeyTag);
        Assert.True(tracked.IsSameKey(revoked.Dnskey));
        Assert.False(tracked.IsSameKey(_new.Dnskey));
    }

    private TrustPointUpdate Step(TrustPoint point, SigningKey[] published, params SigningKey[] signers)
    {
        DnsRecord[] rrset = [.. published.Select(k => k.Dnskey)];
        DateTimeOffset now = _clock.GetUtcNow();
        DnsRecord[] rrsigs = [.. signers.Select(k => RrsetSigner.Sign(rrset, k, now.AddDays(-1), now.AddDays(14)))];
        return _tracker.Update(point, rrset, rrsigs);
    }

    private DnsRecord Sign(DnsRecord[] rrset, uint originalTtl)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        return RrsetSigner.Sign(rrset, _old, now.AddDays(-1), now.AddDays(14), originalTtl);
    }

    private static TrackedKeyState StateOf(TrustPointUpdate update, SigningKey key) =>
        update.TrustPoint.Keys.Single(k => k.IsSameKey(key.Dnskey)).State;

    private static SigningKey NewKey() => SigningKey.Generate(Zone, DnssecAlgorithm.ECDSAP256SHA256, KeySigningKey);
}
