using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The rules every part of the validator applies alike (Unbound's val_utils): which zone signed an RRset, whether a
/// signature or DS names a key, which keys and DS records may be used, and what a failed RRset verdict looks like.
/// </summary>
internal static class ValidationRules
{
    /// <summary>
    /// The deepest signer among <paramref name="signatures"/> that is an ancestor of (or equal to) <paramref name="name"/>:
    /// the zone whose keys must vouch for it; null when no RRSIG names such a signer.
    /// </summary>
    public static DnsName? DeepestSigner(DnsName name, IEnumerable<DnsRecord> signatures, DnsName? deepest = null)
    {
        foreach (DnsRecord rrsig in signatures)
        {
            DnsName candidate = RrsigData.From(rrsig).SignerName;
            if (name.IsSubdomainOf(candidate) && (deepest is null || candidate.LabelCount > deepest.LabelCount))
            {
                deepest = candidate;
            }
        }

        return deepest;
    }

    /// <summary>Whether the RRSIG names <paramref name="zone"/> as its signer.</summary>
    public static bool IsSignedBy(RrsigData signature, DnsName zone) =>
        AsciiCase.EqualsIgnoreCase(signature.SignerNameWire, zone.WireForm);

    /// <summary>
    /// Whether every RRSIG of a signed RRset is by another zone than <paramref name="zone"/>: records passing through
    /// (a parent's, a child's apex NSEC) that play no part in that zone's proofs (RFC 4035 §5.3.1).
    /// </summary>
    public static bool IsSignedOnlyByOthers(DnsRRset rrset, DnsName zone) =>
        rrset.Signatures.Count > 0 && !AnySignedBy(rrset.Signatures, zone);

    // A loop, since a predicate over the zone would be allocated for every RRset a proof looks at.
    private static bool AnySignedBy(IReadOnlyList<DnsRecord> signatures, DnsName zone)
    {
        for (int i = 0; i < signatures.Count; i++)
        {
            if (IsSignedBy(RrsigData.From(signatures[i]), zone))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a key has the tag and algorithm an RRSIG or DS names (RFC 4034 §5.2, RFC 4035 §5.3.1).</summary>
    public static bool HasTag(DnsRecord key, DnskeyData keyData, ushort keyTag, DnssecAlgorithm algorithm) =>
        keyData.Algorithm == algorithm && KeyTag.Compute(key) == keyTag;

    /// <summary>RFC 4035 §5.3.1, RFC 5011 §2.1: only a key with the Zone flag, without REVOKE, of protocol 3 may verify signatures.</summary>
    public static bool IsUsableKey(DnskeyData key) =>
        key is { IsZoneKey: true, IsRevoked: false, Protocol: DnskeyData.DnssecProtocol };

    /// <summary>
    /// The DS records that count: supported algorithm and digest, and no SHA-1 where a stronger digest is offered (RFC 4509
    /// §3). A supported digest of the wrong length counts too: it can match no key, so it fails the zone rather than
    /// passing for an unsupported one that would make the zone unsigned (as Unbound judges it).
    /// </summary>
    public static List<DnsRecord> UsableDelegationSigners(IReadOnlyList<DnsRecord> dsRecords, AlgorithmPolicy policy)
    {
        var usable = dsRecords.Where(ds => DsData.From(ds) is var data && policy.IsSupported(data.Algorithm) && policy.IsSupported(data.DigestType)).ToList();
        if (usable.Exists(ds => DsData.From(ds).DigestType != DigestType.SHA1))
        {
            usable.RemoveAll(ds => DsData.From(ds).DigestType == DigestType.SHA1);
        }

        return usable;
    }

    /// <summary>
    /// Whether the signer an RRSIG names is no zone apex: the chain of trust walked to it ended in <paramref name="keys"/>'
    /// zone above it. A test apart from <see cref="NotTheZone"/> so that the sentence is written only when it is.
    /// </summary>
    public static bool SignerIsNotTheZone(DnsName signer, ZoneKeys keys) => !keys.Zone.Equals(signer);

    /// <summary>Why a signer is no zone apex (<see cref="SignerIsNotTheZone"/>); <paramref name="signed"/> says what it signed.</summary>
    public static string NotTheZone(DnsName signer, ZoneKeys keys, string signed) => $"{signed} by {signer}, which is not a zone: it lies inside {keys.Zone}";

    /// <summary>
    /// RFC 4035 §5.3.1: the signer must be the zone that holds the RRset, so an ancestor zone's key vouches for nothing
    /// below a cut. Cuts already known from the key cache are checked; no queries are made for it, as neither BIND nor
    /// Unbound asks for a DS at every owner name (the zone above a cut controls its DS anyway). An entry for a DS
    /// question that showed no cut (it failed, proved nothing, or could not be checked) is no known cut: the verdict must
    /// not depend on whether that question came first. Null when no known cut lies between; otherwise Bogus below a
    /// signed zone, Insecure below an unsigned delegation.
    /// </summary>
    public static RRsetValidation? KnownCutBelowSigner(KeyCache cache, DnsRRset rrset, DnsName signer, DateTimeOffset now)
    {
        // A DS RRset lives on the parent side of the cut at its owner, so only the names above the owner matter for it.
        DnsName holder = rrset.Type == RecordType.DS && !rrset.Owner.IsRoot ? rrset.Owner.Parent : rrset.Owner;
        for (int labels = signer.LabelCount + 1; labels <= holder.LabelCount; labels++)
        {
            if (cache.Get(holder.GetAncestor(labels), now) is not { IsCut: true } zone)
            {
                continue;
            }

            string what = $"{rrset.Owner} {rrset.Type} is signed by {signer}";
            return zone.Status switch
            {
                SecurityStatus.Secure => Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"{what}, but it lies in the zone {zone.Zone} below it, whose keys alone may sign it"),
                SecurityStatus.Insecure => new RRsetValidation(rrset, zone.Result with { Reason = $"{what}, but it lies below {zone.Zone}: {zone.Result.Reason}" }, rrset.Ttl, null, null),
                _ => new RRsetValidation(rrset, zone.Result with { Reason = $"{what}, but the zone {zone.Zone} below it failed: {zone.Result.Reason}" }, rrset.Ttl, null, null),
            };
        }

        return null;
    }

    /// <summary>
    /// Why a denial record synthesised from a wildcard is left out of every proof (CVE-2017-15105): its signature is the
    /// wildcard's, so it verifies under any owner the wildcard covers, and an owner chosen by an attacker can be made to
    /// span a name that exists (RFC 4035 §5.4, RFC 4592 §4).
    /// </summary>
    public static string ExpansionProvesNothing(RRsetValidation validated) =>
        $"{validated.RRset.Owner} {Presentation.Mnemonics.FormatRecordType(validated.RRset.Type)} was expanded from the wildcard {validated.Wildcard}, so it proves nothing";

    /// <summary>A Bogus verdict on <paramref name="rrset"/>, for its own TTL.</summary>
    public static RRsetValidation Fail(DnsRRset rrset, ExtendedDnsErrorCode error, string reason) =>
        new(rrset, ValidationResult.Bogus(error, reason), rrset.Ttl, null, null);

    /// <summary>The RRset of <paramref name="type"/> owned by <paramref name="owner"/> in a section, with its signatures.</summary>
    public static DnsRRset? FindRRset(IEnumerable<DnsRecord> section, DnsName owner, RecordType type)
    {
        foreach (DnsRRset rrset in DnsRRset.Group(section))
        {
            if (rrset.Type == type && rrset.Owner.Equals(owner))
            {
                return rrset;
            }
        }

        return null;
    }
}
