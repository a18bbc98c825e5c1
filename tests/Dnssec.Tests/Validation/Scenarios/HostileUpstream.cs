using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation.Scenarios;

/// <summary>
/// Plays the untrusted upstream of a <see cref="TestHierarchy"/>: rewrites the response to one question through the
/// authority's Tamper hook, forges records with the hierarchy's keys, and picks NSEC3 records by hash.
/// </summary>
internal static class HostileUpstream
{
    /// <summary>Rewrites the response to <paramref name="name"/> <paramref name="type"/>; other questions pass through any earlier rewrite.</summary>
    public static void Rewrite(TestHierarchy h, string name, RecordType type, Func<DnsMessage, DnsMessage?> rewrite)
    {
        DnsName target = DnsName.Parse(name);
        Func<DnsQuestion, DnsMessage, DnsMessage?>? previous = h.Authority.Tamper;
        h.Authority.Tamper = (question, message) =>
        {
            DnsMessage? passed = previous is null ? message : previous(question, message);
            return passed is not null && question.Name.Equals(target) && question.Type == type ? rewrite(passed) : passed;
        };
    }

    /// <summary>The response the authority gives now, before any rewrite is installed.</summary>
    public static DnsMessage Honest(TestHierarchy h, string name, RecordType type) =>
        h.Authority.Resolve(new DnsQuestion(DnsName.Parse(name), type)) ?? throw new InvalidOperationException($"no response to {name} {type}");

    /// <summary>A copy of <paramref name="message"/> with other sections or response code.</summary>
    public static DnsMessage Copy(DnsMessage message, DnsResponseCode? responseCode = null, IEnumerable<DnsRecord>? answers = null, IEnumerable<DnsRecord>? authorities = null)
    {
        var copy = new DnsMessage
        {
            Id = message.Id,
            Flags = message.Flags,
            ResponseCode = responseCode ?? message.ResponseCode,
            Edns = message.Edns,
        };
        copy.Questions.AddRange(message.Questions);
        copy.Answers.AddRange(answers ?? message.Answers);
        copy.Authorities.AddRange(authorities ?? message.Authorities);
        copy.Additionals.AddRange(message.Additionals);
        return copy;
    }

    /// <summary>A copy without the records <paramref name="remove"/> picks, in the answer and authority sections.</summary>
    public static DnsMessage Without(DnsMessage message, Func<DnsRecord, bool> remove) =>
        Copy(message, answers: message.Answers.Where(r => !remove(r)).ToList(), authorities: message.Authorities.Where(r => !remove(r)).ToList());

    /// <summary>Whether <paramref name="record"/> is <paramref name="type"/> or an RRSIG over it.</summary>
    public static bool IsOrSigns(DnsRecord record, RecordType type) =>
        record.Type == type || (record.Type == RecordType.RRSIG && RrsigData.From(record).TypeCovered == type);

    /// <summary>Whether <paramref name="record"/> (or the RRSIG over it) is owned by <paramref name="owner"/> and has <paramref name="type"/>.</summary>
    public static bool Is(DnsRecord record, string owner, RecordType type) =>
        record.Owner.Equals(DnsName.Parse(owner)) && IsOrSigns(record, type);

    /// <summary>An RRSIG over <paramref name="rrset"/> by <paramref name="key"/>, valid around <see cref="TestHierarchy.Now"/> unless told otherwise.</summary>
    public static DnsRecord Sign(IReadOnlyList<DnsRecord> rrset, SigningKey key, TimeSpan? inception = null, TimeSpan? expiration = null, uint? originalTtl = null) =>
        RrsetSigner.Sign(rrset, key, TestHierarchy.Now + (inception ?? TimeSpan.FromDays(-1)), TestHierarchy.Now + (expiration ?? TimeSpan.FromDays(30)), originalTtl);

    /// <summary>
    /// One record and its RRSIG as a server synthesises them from the wildcard <c>*.&lt;ancestor&gt;</c> (RFC 4035 §5.3.4):
    /// the signature is the wildcard's, its labels field the ancestor's label count, so it verifies at any owner below
    /// that ancestor. This is what an attacker replays from a zone that has a wildcard (CVE-2017-15105).
    /// </summary>
    public static List<DnsRecord> ExpandedFromWildcard(string owner, RecordType type, byte[] data, string ancestor, SigningKey key, uint ttl = 3600)
    {
        DnsRecord record = new(DnsName.Parse(owner), type, RecordClass.IN, ttl, data);
        return [record, RrsetSigner.Sign([record], key, TestHierarchy.Now - TimeSpan.FromDays(1), TestHierarchy.Now + TimeSpan.FromDays(30), labels: (byte)DnsName.Parse(ancestor).LabelCount)];
    }

    /// <summary>The NSEC3 hash of <paramref name="name"/> with the parameters of the signed zone's NSEC3 chain.</summary>
    public static byte[] Nsec3Hash(IReadOnlyList<DnsRecord> zone, string name)
    {
        Nsec3Data first = Nsec3Data.From(zone.First(r => r.Type == RecordType.NSEC3));
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse(name), first.Salt.Span, first.Iterations, hash);
        return hash;
    }

    /// <summary>The NSEC3 owner name for <paramref name="hash"/> in the zone <paramref name="apex"/>.</summary>
    public static string Nsec3Owner(byte[] hash, string apex) => $"{Nsec3Hasher.ToLabel(hash).ToLowerInvariant()}.{apex}";

    /// <summary>A copy of a hash moved by <paramref name="delta"/> (big-endian arithmetic), for a span just around it.</summary>
    public static byte[] Offset(byte[] hash, int delta)
    {
        byte[] moved = (byte[])hash.Clone();
        var value = new System.Numerics.BigInteger(moved, isUnsigned: true, isBigEndian: true) + delta;
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Array.Clear(moved);
        bytes.AsSpan(Math.Max(0, bytes.Length - moved.Length)).CopyTo(moved.AsSpan(Math.Max(0, moved.Length - bytes.Length)));
        return moved;
    }

    /// <summary>The NSEC3 RDATA of the signed zone's chain parameters with the given next hash and types.</summary>
    public static byte[] Nsec3Rdata(IReadOnlyList<DnsRecord> zone, byte[] next, params RecordType[] types)
    {
        Nsec3Data first = Nsec3Data.From(zone.First(r => r.Type == RecordType.NSEC3));
        return Nsec3Data.Encode(Nsec3Hasher.Sha1, 0, first.Iterations, first.Salt.Span, next, types);
    }

    /// <summary>In a signed zone being built, replaces the RRSIGs of one RRset by one made with <paramref name="key"/>.</summary>
    public static void Resign(List<DnsRecord> zone, string owner, RecordType type, SigningKey key, TimeSpan? inception = null, TimeSpan? expiration = null)
    {
        DnsName name = DnsName.Parse(owner);
        var rrset = zone.Where(r => r.Owner.Equals(name) && r.Type == type).ToList();
        zone.RemoveAll(r => r.Owner.Equals(name) && r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == type);
        zone.Add(Sign(rrset, key, inception, expiration));
    }

    /// <summary>The records of the RRset, and its RRSIGs, that <paramref name="owner"/> <paramref name="type"/> has in a signed zone.</summary>
    public static List<DnsRecord> RRsetOf(IEnumerable<DnsRecord> zone, DnsName owner, RecordType type) =>
        zone.Where(r => r.Owner.Equals(owner) && IsOrSigns(r, type)).ToList();

    /// <summary>The NSEC3 of a signed zone whose next hashed owner is the hash of <paramref name="name"/>: the span just before it, which does not cover it.</summary>
    public static List<DnsRecord> Nsec3Before(IReadOnlyList<DnsRecord> zone, string name)
    {
        DnsName owner = Nsec3For(zone, name, covering: false)[0].Owner;
        string label = System.Text.Encoding.ASCII.GetString(owner.GetLabel(0)).ToUpperInvariant();
        DnsRecord before = zone.First(r => r.Type == RecordType.NSEC3 && string.Equals(Nsec3Hasher.ToLabel(Nsec3Data.From(r).NextHashedOwnerName.Span), label, StringComparison.OrdinalIgnoreCase));
        return RRsetOf(zone, before.Owner, RecordType.NSEC3);
    }

    /// <summary>The NSEC3 of a signed zone that matches (or, when <paramref name="covering"/>, covers) the hash of <paramref name="name"/>, with its RRSIGs.</summary>
    public static List<DnsRecord> Nsec3For(IReadOnlyList<DnsRecord> zone, string name, bool covering)
    {
        var nsec3s = zone.Where(r => r.Type == RecordType.NSEC3).ToList();
        Nsec3Data first = Nsec3Data.From(nsec3s[0]);
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse(name), first.Salt.Span, first.Iterations, hash);
        string label = Nsec3Hasher.ToLabel(hash).ToUpperInvariant();
        foreach (DnsRecord nsec3 in nsec3s)
        {
            string owner = System.Text.Encoding.ASCII.GetString(nsec3.Owner.GetLabel(0)).ToUpperInvariant();
            string next = Nsec3Hasher.ToLabel(Nsec3Data.From(nsec3).NextHashedOwnerName.Span).ToUpperInvariant();
            bool matches = owner == label;
            bool wraps = string.CompareOrdinal(next, owner) <= 0;
            bool covers = wraps
                ? string.CompareOrdinal(label, owner) > 0 || string.CompareOrdinal(label, next) < 0
                : string.CompareOrdinal(label, owner) > 0 && string.CompareOrdinal(label, next) < 0;
            if (covering ? covers : matches)
            {
                return RRsetOf(zone, nsec3.Owner, RecordType.NSEC3);
            }
        }

        throw new InvalidOperationException($"no NSEC3 {(covering ? "covers" : "matches")} {name}");
    }
}
