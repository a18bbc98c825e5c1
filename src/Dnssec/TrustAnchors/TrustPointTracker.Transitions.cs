using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>The transitions of RFC 5011 §4, each applied to the working copy of one step.</summary>
public sealed partial class TrustPointTracker
{
    private const int MaximumSightings = 250;

    private void ApplyRevocations(Step step, List<DnsRecord> rrset, List<DnsRecord> signatures)
    {
        foreach (DnsRecord dnskey in rrset)
        {
            if (!TrackedKey.IsRevoked(dnskey) || !TrackedKey.IsSecureEntryPoint(dnskey))
            {
                continue;
            }

            int index = step.Keys.FindIndex(k => (k.IsTrusted || k.State == TrackedKeyState.Revoked) && k.IsSameKey(dnskey));
            // RFC 5011 §2.1: a revocation counts only when the revoked key itself signed the DNSKEY RRset; anyone else's is ignored.
            if (index < 0 || FindSignature(rrset, signatures, dnskey) is null)
            {
                continue;
            }

            TrackedKey key = step.Keys[index];
            if (key.State == TrackedKeyState.Revoked)
            {
                // Still published: as Unbound does, the remove hold-down counts from the last time the revocation was seen.
                step.Keys[index] = key with { LastChange = step.Now, HoldDownStart = step.Now };
                continue;
            }

            step.Keys[index] = key with { Dnskey = dnskey, State = TrackedKeyState.Revoked, LastChange = step.Now, HoldDownStart = step.Now, Sightings = 0 };
            step.Add(TrustPointEventKind.KeyRevoked, dnskey, $"DNSKEY {key.KeyTag} of {step.Before.Zone} revoked itself (now tag {TrackedKey.TagOf(dnskey)}) and is no longer trusted");
        }
    }

    private void ApplyAddTime(Step step)
    {
        // RFC 5011 §4, AddTime: a key that was in every validated RRset seen (at least twice) for the add hold-down is
        // trusted from then on, so it may validate the RRset of this very step, as when the old key left with the switch.
        for (int i = 0; i < step.Keys.Count; i++)
        {
            if (step.Keys[i].State == TrackedKeyState.AddPend && IsAccepted(step.Keys[i], step.Now))
            {
                step.Keys[i] = Accepted(step, step.Keys[i]);
            }
        }
    }

    private (DnsRecord Rrsig, DnsRecord Key)? FindTrustedSignature(Step step, List<DnsRecord> rrset, List<DnsRecord> signatures)
    {
        foreach (TrackedKey key in step.Keys)
        {
            if (!key.IsTrusted)
            {
                continue;
            }

            // RFC 5011 §2.2: only an RRset signed by a key trusted now moves the state. As in Unbound, the trust point's
            // own copy of the key checks the signature, so a trusted key that still signs but is no longer published
            // validates the RRset (and becomes Missing); a published revocation was applied before this.
            if (FindSignature(rrset, signatures, key.Dnskey) is { } rrsig)
            {
                return (rrsig, key.Dnskey);
            }
        }

        return null;
    }

    private DnsRecord? FindSignature(List<DnsRecord> rrset, List<DnsRecord> signatures, DnsRecord dnskey)
    {
        ushort tag = TrackedKey.TagOf(dnskey);
        foreach (DnsRecord rrsig in signatures)
        {
            if (RrsigData.From(rrsig).KeyTag == tag && _verifier.Verify(rrset, rrsig, dnskey).IsValid)
            {
                return rrsig;
            }
        }

        return null;
    }

    private void ApplyPresence(Step step, List<DnsRecord> rrset, uint originalTtl)
    {
        for (int i = 0; i < step.Keys.Count; i++)
        {
            TrackedKey key = step.Keys[i];
            DnsRecord? published = rrset.Find(r => !TrackedKey.IsRevoked(r) && key.IsSameKey(r));
            if (published is not null && key.State is TrackedKeyState.Start or TrackedKeyState.AddPend)
            {
                key = key with { Sightings = Math.Min(key.Sightings + 1, MaximumSightings) };
            }

            step.Keys[i] = (key.State, published is not null) switch
            {
                (TrackedKeyState.Start, true) => Pending(step, key with { Dnskey = published!.WithTtl(originalTtl) }),
                (TrackedKeyState.AddPend, true) when IsAccepted(key, step.Now) => Accepted(step, key),
                (TrackedKeyState.AddPend, false) => Gone(step, key),
                (TrackedKeyState.Valid, false) => Moved(step, key, TrackedKeyState.Missing, TrustPointEventKind.KeyMissing, "is missing from the DNSKEY RRset; it stays trusted"),
                (TrackedKeyState.Missing, true) => Moved(step, key, TrackedKeyState.Valid, TrustPointEventKind.KeyReturned, "is back in the DNSKEY RRset"),
                // A revoked key still published, revoked or not, keeps its remove hold-down from starting, as in Unbound.
                (TrackedKeyState.Revoked, true) => key with { LastChange = step.Now, HoldDownStart = step.Now },
                // A key whose last change was never recorded (Unbound writes 0) takes the time the zone first confirmed it.
                (TrackedKeyState.Valid, true) when key.LastChange == DateTimeOffset.UnixEpoch => key with { LastChange = step.Now },
                _ => key,
            };
        }

        foreach (DnsRecord dnskey in rrset)
        {
            // Like Unbound, only Secure Entry Point keys of a supported algorithm become anchors; a revoked key nobody
            // tracked means nothing.
            if (!TrackedKey.IsRevoked(dnskey) && TrackedKey.IsSecureEntryPoint(dnskey) && _policy.IsSupported(DnskeyData.From(dnskey).Algorithm) && !step.Keys.Exists(k => k.IsSameKey(dnskey)))
            {
                step.Keys.Add(Pending(step, new TrackedKey(dnskey.WithTtl(originalTtl), TrackedKeyState.Start, step.Now, step.Now, null) { Sightings = 1 }));
            }
        }
    }

    /// <summary>
    /// RFC 5011 §2.4.1: a pending key is trusted when a validated RRset holds it after its add hold-down; having been
    /// seen at least twice guards, as in Unbound, against a clock that jumped past the hold-down since the first sighting.
    /// </summary>
    private bool IsAccepted(TrackedKey key, DateTimeOffset now) => now >= AcceptanceTime(key) && key.Sightings >= 2;

    private void ApplyRemoveHoldDown(Step step)
    {
        for (int i = 0; i < step.Keys.Count; i++)
        {
            TrackedKey key = step.Keys[i];
            // RFC 5011 §2.4.2: a revoked key is forgotten once the remove hold-down has passed.
            if (step.Now >= RemovalTime(key))
            {
                step.Keys[i] = key with { State = TrackedKeyState.Removed, LastChange = step.Now, HoldDownStart = null };
                step.Add(TrustPointEventKind.KeyRemoved, key.Dnskey, $"revoked DNSKEY {key.KeyTag} of {step.Before.Zone} passed its remove hold-down and is removed");
            }
        }
    }

    private void ApplyKeepMissing(Step step)
    {
        // A key Missing for long is dropped only while another key is Valid, so this never empties the trust point.
        if (KeepMissing == TimeSpan.Zero || !step.Keys.Exists(k => k.State == TrackedKeyState.Valid && TrackedKey.IsSecureEntryPoint(k.Dnskey)))
        {
            return;
        }

        for (int i = 0; i < step.Keys.Count; i++)
        {
            TrackedKey key = step.Keys[i];
            if (key.State == TrackedKeyState.Missing && step.Now - key.LastChange > KeepMissing)
            {
                step.Keys[i] = key with { State = TrackedKeyState.Removed, LastChange = step.Now };
                step.Add(TrustPointEventKind.KeyRemoved, key.Dnskey, $"DNSKEY {key.KeyTag} of {step.Before.Zone} was missing for longer than {KeepMissing.TotalDays:0} days while another key is valid, and is removed");
            }
        }
    }

    private static void DropUntracked(Step step)
    {
        // Keys back in Start were never trusted and start over if seen again. Configured keys without the SEP flag are
        // tracked no further once a SEP key is trusted, as RFC 5011 follows only SEP keys; Unbound drops them the same way.
        bool sepTrusted = step.Keys.Exists(k => k.IsTrusted && TrackedKey.IsSecureEntryPoint(k.Dnskey));
        step.Keys.RemoveAll(k => k.State == TrackedKeyState.Start || (sepTrusted && !TrackedKey.IsSecureEntryPoint(k.Dnskey)));
        for (int i = 0; i < step.Keys.Count; i++)
        {
            if (step.Keys[i].State != TrackedKeyState.AddPend && step.Keys[i].Sightings != 0)
            {
                step.Keys[i] = step.Keys[i] with { Sightings = 0 };
            }
        }
    }

    /// <summary>
    /// When a pending key becomes Valid if it stays published: the add hold-down after it was first seen, or the original
    /// TTL of the first RRset with the key if that is longer (RFC 5011 §2.4.1); null for a key that is not pending.
    /// </summary>
    public DateTimeOffset? AcceptanceTime(TrackedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.State != TrackedKeyState.AddPend || key.HoldDownStart is not { } start)
        {
            return null;
        }

        var ttl = TimeSpan.FromSeconds(key.Dnskey.Ttl);
        return start + (ttl > AddHoldDown ? ttl : AddHoldDown);
    }

    /// <summary>When a revoked key becomes Removed: the remove hold-down after its revocation was seen (RFC 5011 §2.4.2); null for a key that is not revoked.</summary>
    public DateTimeOffset? RemovalTime(TrackedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.State == TrackedKeyState.Revoked && key.HoldDownStart is { } start ? start + RemoveHoldDown : null;
    }

    private static TrackedKey Pending(Step step, TrackedKey key)
    {
        // RFC 5011 §2.4.1: a new key waits out the add hold-down before it is trusted.
        step.Add(TrustPointEventKind.NewKeyPending, key.Dnskey, $"new DNSKEY {key.KeyTag} of {step.Before.Zone} is pending; its add hold-down began");
        return key with { State = TrackedKeyState.AddPend, LastChange = step.Now, HoldDownStart = step.Now };
    }

    private static TrackedKey Accepted(Step step, TrackedKey key)
    {
        step.Add(TrustPointEventKind.KeyAdded, key.Dnskey, $"DNSKEY {key.KeyTag} of {step.Before.Zone} passed its add hold-down and is now trusted");
        return key with { State = TrackedKeyState.Valid, LastChange = step.Now, HoldDownStart = null, Sightings = 0 };
    }

    private static TrackedKey Gone(Step step, TrackedKey key)
    {
        // RFC 5011 §4: a pending key that vanishes goes back to Start; if it comes back its hold-down starts over.
        step.Add(TrustPointEventKind.PendingKeyGone, key.Dnskey, $"pending DNSKEY {key.KeyTag} of {step.Before.Zone} vanished before its add hold-down ended");
        return key with { State = TrackedKeyState.Start, LastChange = step.Now, HoldDownStart = null, Sightings = 0 };
    }

    private static TrackedKey Moved(Step step, TrackedKey key, TrackedKeyState state, TrustPointEventKind kind, string what)
    {
        step.Add(kind, key.Dnskey, $"DNSKEY {key.KeyTag} of {step.Before.Zone} {what}");
        return key with { State = state, LastChange = step.Now };
    }

    /// <summary>The working copy of one step: the keys being changed and the events so far.</summary>
    private sealed class Step(TrustPoint before, DateTimeOffset now)
    {
        public TrustPoint Before { get; } = before;

        public DateTimeOffset Now { get; } = now;

        public List<TrackedKey> Keys { get; } = [.. before.Keys];

        public List<TrustPointEvent> Events { get; } = [];

        public void Add(TrustPointEventKind kind, DnsRecord? dnskey, string description) =>
            Events.Add(new TrustPointEvent(kind, Before.Zone, dnskey is null ? null : TrackedKey.TagOf(dnskey), Now, description));
    }
}
