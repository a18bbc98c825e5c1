using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>
/// RFC 5011 end to end: a resolver tracking the root of an in-process signed hierarchy through its state file, while
/// the root operator rolls the key-signing key on a fake clock. Time moves from one refresh to the next as the
/// resolver's timers say; after each step the answer for a leaf, the state file and the key states are checked.
/// </summary>
public sealed class RootKeyRollTests : IDisposable
{
    private static readonly TimeSpan ActiveRefresh = TimeSpan.FromSeconds(RollingRoot.DnskeyTtl / 2);

    private readonly TemporaryDirectory _folder = new();
    private readonly RollingRoot _root = new();
    private readonly List<TrustPointEvent> _events = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RefreshDueAsync_RootKeyRolledOverTwoYears_NewKeyTrustedOldKeyRevokedThenRemovedAndAnswersStaySecure()
    {
        const double Introduce = 30, Switch = 120, Revoke = 240, Drop = 330, End = 730;
        await using DnssecResolver resolver = await CreateResolverAsync();
        SigningKey old = _root.OldKey, next = _root.NewKey, revoked = _root.RevokedOldKey;
        DateTimeOffset? lastRevocationSeen = null;

        while (_root.Day < End)
        {
            TrustPointUpdate update = await StepAsync(resolver, day => day switch
            {
                >= Drop => ([next], [next]),
                >= Revoke => ([revoked, next], [revoked, next]),
                >= Switch => ([old, next], [next]),
                >= Introduce => ([old, next], [old]),
                _ => ([old], [old]),
            });
            double day = _root.Day;
            if (day is >= Revoke and < Drop)
            {
                lastRevocationSeen = _root.Clock.GetUtcNow();
            }

            Assert.True(update.Outcome == TrustPointOutcome.Validated, $"day {day}: {update.Reason}");
            Assert.Equal(_root.Clock.GetUtcNow() + ActiveRefresh, resolver.Anchors!.NextRefresh);
            Assert.Equal(AnchorHealthStatus.Healthy, resolver.Anchors.Health.Status);
            // AddPend for the 30-day hold-down from its first sighting; Valid at the first refresh after it, its sixth sighting.
            Assert.Equal(day switch { < Introduce => null, < Introduce + 30 => TrackedKeyState.AddPend, _ => TrackedKeyState.Valid }, StateOf(resolver, next));
            // Revoked from the refresh that sees the self-signed revocation; Removed 30 days after the last sighting of it.
            Assert.Equal(day switch { < Revoke => TrackedKeyState.Valid, < Drop - 5 + 30 => TrackedKeyState.Revoked, _ => TrackedKeyState.Removed }, StateOf(resolver, old));
        }

        Assert.Equal(
            [(TrustPointEventKind.NewKeyPending, next.KeyTag), (TrustPointEventKind.KeyAdded, next.KeyTag), (TrustPointEventKind.KeyRevoked, revoked.KeyTag), (TrustPointEventKind.KeyRemoved, revoked.KeyTag)],
            _events.Select(e => (e.Kind, e.KeyTag ?? 0)));
        Assert.Equal(RollingRoot.Start.AddDays(Introduce), _events[0].Time);
        Assert.Equal(TrustPointTracker.DefaultAddHoldDown, _events[1].Time - _events[0].Time);
        Assert.Equal(RollingRoot.Start.AddDays(Revoke), _events[2].Time);
        Assert.Equal(lastRevocationSeen + TrustPointTracker.DefaultRemoveHoldDown, _events[3].Time);
        Assert.Equal([next.Dnskey.Data.ToArray()], resolver.Anchors!.TrustPoints.Single().TrustedKeys.Select(k => k.Data.ToArray()));
    }

    [Fact]
    public async Task RefreshDueAsync_NewKeyVanishesDuringHoldDown_DroppedThenPendingAfreshWhenItReturns()
    {
        const double Introduce = 10, Vanish = 25, Return = 40, End = 80;
        await using DnssecResolver resolver = await CreateResolverAsync();
        SigningKey old = _root.OldKey, next = _root.NewKey;

        while (_root.Day < End)
        {
            TrustPointUpdate update = await StepAsync(resolver, day => day switch
            {
                >= Return => ([old, next], [old]),
                >= Vanish => ([old], [old]),
                >= Introduce => ([old, next], [old]),
                _ => ([old], [old]),
            });
            double day = _root.Day;

            Assert.True(update.Outcome == TrustPointOutcome.Validated, $"day {day}: {update.Reason}");
            Assert.Equal(TrackedKeyState.Valid, StateOf(resolver, old));
            // Gone keys are forgotten (Start is not kept), so the hold-down counts again from the day the key returns.
            Assert.Equal(day switch { < Introduce => null, < Vanish => TrackedKeyState.AddPend, < Return => null, < Return + 30 => TrackedKeyState.AddPend, _ => TrackedKeyState.Valid }, StateOf(resolver, next));
            if (day is >= Return and < Return + 30)
            {
                Assert.Equal(RollingRoot.Start.AddDays(Return), resolver.Anchors!.TrustPoints.Single().Keys.Single(k => k.IsSameKey(next.Dnskey)).HoldDownStart);
            }
        }

        Assert.Equal(
            [TrustPointEventKind.NewKeyPending, TrustPointEventKind.PendingKeyGone, TrustPointEventKind.NewKeyPending, TrustPointEventKind.KeyAdded],
            _events.Select(e => e.Kind));
        Assert.All(_events, e => Assert.Equal(next.KeyTag, e.KeyTag));
        Assert.Equal([Introduce, Vanish, Return, Return + 30], _events.Select(e => (e.Time - RollingRoot.Start).TotalDays));
    }

    [Fact]
    public async Task RefreshDueAsync_EveryKeyRevoked_NoUsableAnchorAndAnswersAreNoLongerSecure()
    {
        const double Revoke = 10;
        await using DnssecResolver resolver = await CreateResolverAsync();
        TrustAnchorMaintainer anchors = resolver.Anchors!;
        SigningKey old = _root.OldKey, revoked = _root.RevokedOldKey;
        TrustPointUpdate update;
        do
        {
            update = await StepAsync(resolver, day => day >= Revoke ? ([revoked], [revoked]) : ([old], [old]));
        }
        while (_root.Day < Revoke);

        Assert.Equal(TrustPointOutcome.NoUsableAnchor, update.Outcome);
        Assert.Equal([TrustPointEventKind.KeyRevoked, TrustPointEventKind.AnchorsExhausted], _events.Select(e => e.Kind));
        Assert.Equal(TrackedKeyState.Revoked, StateOf(resolver, _root.OldKey));
        Assert.Null(anchors.NextRefresh);
        Assert.Equal(AnchorHealthStatus.Unusable, anchors.Health.Status);
        Assert.Contains(". has no usable trust anchor", Assert.Single(anchors.Health.Findings), StringComparison.Ordinal);
        await AssertNotSecureAsync(resolver);

        // Nothing can validate the root's keys any more: no refresh is due or attempted, and the file stays as it is.
        byte[] state = await File.ReadAllBytesAsync(anchors.StatePath);
        _root.Clock.Advance(TimeSpan.FromDays(60));
        Assert.Empty(await anchors.RefreshDueAsync());
        Assert.Empty(await anchors.RefreshAllAsync());
        Assert.Equal(state, await File.ReadAllBytesAsync(anchors.StatePath));
        Assert.Equal(2, _events.Count);
        await AssertNotSecureAsync(resolver);
    }

    private async Task<DnssecResolver> CreateResolverAsync()
    {
        string path = await _root.WriteStateAsync(_folder.Path);
        DnssecResolver resolver = _root.CreateResolver(path);
        resolver.Anchors!.Changed += (_, update) => _events.AddRange(update.Events);
        return resolver;
    }

    /// <summary>
    /// Moves the clock to the next refresh, has the root publish and sign the keys <paramref name="schedule"/> gives for
    /// that day, refreshes, and checks that the state file holds what the resolver holds and, while the root has a
    /// trusted key, that the leaf's answer is Secure.
    /// </summary>
    private async Task<TrustPointUpdate> StepAsync(DnssecResolver resolver, Func<double, (SigningKey[] Published, SigningKey[] Signers)> schedule)
    {
        TrustAnchorMaintainer anchors = resolver.Anchors!;
        _root.Clock.SetUtcNow(anchors.NextRefresh!.Value);
        (SigningKey[] published, SigningKey[] signers) = schedule(_root.Day);
        _root.Publish(published, signers);

        TrustPointUpdate update = Assert.Single(await anchors.RefreshDueAsync());

        AnchorStateResult stored = await new AnchorStateStore(anchors.StatePath).LoadAsync();
        Assert.True(stored.IsSuccess, stored.Reason);
        Assert.Equal(AnchorStateText.Format(anchors.TrustPoints), AnchorStateText.Format(stored.TrustPoints));
        if (anchors.TrustPoints.All(p => p.HasUsableAnchor))
        {
            // The leaf's answer was cached at most its TTL of an hour: days have passed, so this is validated anew.
            DnssecAnswer answer = await resolver.ResolveAsync(RollingRoot.Leaf, RecordType.A);
            Assert.True(answer.Status == SecurityStatus.Secure, $"day {_root.Day}: {answer.Status}: {answer.Reason}");
        }

        return update;
    }

    private static async Task AssertNotSecureAsync(DnssecResolver resolver)
    {
        DnssecAnswer answer = await resolver.ResolveAsync(RollingRoot.Leaf, RecordType.A);
        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        // The validator looks for the anchor of the zone that signed the answer, and names that zone.
        Assert.Contains($"no trust anchor covers {RollingRoot.Leaf.Parent}", answer.Reason, StringComparison.Ordinal);
    }

    private static TrackedKeyState? StateOf(DnssecResolver resolver, SigningKey key) =>
        resolver.Anchors!.TrustPoints.Single().Keys.SingleOrDefault(k => k.IsSameKey(key.Dnskey))?.State;
}
