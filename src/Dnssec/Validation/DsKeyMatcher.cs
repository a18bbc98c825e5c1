using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Matches a zone's DNSKEYs against the DS records or trust-anchor keys that point at it (RFC 4035 §5.2, RFC 6840
/// §5.2), within the limit on DS digests that fail (KeyTrap): the secure entry points of the key set, and on failure
/// which key matched but may not be used. One per DNSKEY RRset, as its mismatch count is its own.
/// </summary>
internal sealed class DsKeyMatcher
{
    private readonly AlgorithmPolicy _policy;
    private readonly int _mismatchLimit;
    private int _mismatches;

    /// <summary>Keeps the usable DS records and anchor keys of a delegation (or anchor) named <paramref name="source"/> in reasons.</summary>
    public DsKeyMatcher(DnsName zone, IReadOnlyList<DnsRecord> dsRecords, IReadOnlyList<DnsRecord> anchorKeys, string source, ValidatorOptions options)
    {
        Zone = zone;
        DelegationSigners = dsRecords;
        AnchorKeys = anchorKeys;
        Source = source;
        UsableDs = ValidationRules.UsableDelegationSigners(dsRecords, options.Policy);
        UsableAnchorKeys = anchorKeys.Where(k => DnskeyData.From(k) is { IsZoneKey: true, IsRevoked: false } key && options.Policy.IsSupported(key.Algorithm)).ToList();
        _policy = options.Policy;
        _mismatchLimit = options.Limits.DsMismatches;
    }

    /// <summary>The zone whose keys are matched.</summary>
    public DnsName Zone { get; }

    /// <summary>"DS" or "trust anchor", for reasons.</summary>
    public string Source { get; }

    /// <summary>Every DS record of the delegation, usable or not.</summary>
    public IReadOnlyList<DnsRecord> DelegationSigners { get; }

    /// <summary>Every key of the trust anchor, usable or not.</summary>
    public IReadOnlyList<DnsRecord> AnchorKeys { get; }

    /// <summary>The DS records that count (<see cref="ValidationRules.UsableDelegationSigners"/>).</summary>
    public List<DnsRecord> UsableDs { get; }

    /// <summary>The anchor keys of a supported algorithm with the Zone flag and without REVOKE.</summary>
    public List<DnsRecord> UsableAnchorKeys { get; }

    /// <summary>Whether nothing usable points at the zone's keys.</summary>
    public bool IsEmpty => UsableDs.Count == 0 && UsableAnchorKeys.Count == 0;

    /// <summary>The algorithms the usable DS records and anchor keys list, once each, in their order.</summary>
    public IEnumerable<DnssecAlgorithm> Algorithms =>
        UsableDs.Select(ds => DsData.From(ds).Algorithm).Concat(UsableAnchorKeys.Select(k => DnskeyData.From(k).Algorithm)).Distinct();

    /// <summary>
    /// The usable keys of <paramref name="keys"/> that a usable DS or anchor key names; null and the Bogus verdict
    /// instead when more DS digests fail than the limit allows.
    /// </summary>
    public List<DnsRecord>? FindEntryPoints(IReadOnlyList<DnsRecord> keys, out ValidationResult? overLimit)
    {
        var entryPoints = new List<DnsRecord>();
        foreach (DnsRecord key in keys)
        {
            DnskeyData keyData = DnskeyData.From(key);
            if (!keyData.IsZoneKey || keyData.IsRevoked || keyData.Protocol != DnskeyData.DnssecProtocol || !IsSupported(keyData))
            {
                continue;
            }

            bool matched = UsableAnchorKeys.Exists(anchor => anchor.Data.Span.SequenceEqual(key.Data.Span));
            foreach (DnsRecord ds in UsableDs)
            {
                if (matched)
                {
                    break;
                }

                DsData dsData = DsData.From(ds);
                if (!ValidationRules.HasTag(key, keyData, dsData.KeyTag, dsData.Algorithm))
                {
                    continue;
                }

                if (DsDigest.Matches(dsData, Zone, key.Data.Span))
                {
                    matched = true;
                }
                else if (++_mismatches > _mismatchLimit)
                {
                    overLimit = ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"more than {_mismatchLimit} DNSKEYs of {Zone} carry a DS key tag but not its digest; stopped (work limit)");
                    return null;
                }
            }

            if (matched)
            {
                entryPoints.Add(key);
            }
        }

        overLimit = null;
        return entryPoints;
    }

    /// <summary>Why no key of <paramref name="keys"/> is an entry point: one that matches may not be used, or none matches.</summary>
    public ValidationResult NoEntryPoint(IReadOnlyList<DnsRecord> keys)
    {
        if (UnusableEntryPoint(keys) is { } unusable)
        {
            return unusable;
        }

        string wanted = string.Join(", ", UsableDs.Select(ds => DsData.From(ds).KeyTag).Concat(UsableAnchorKeys.Select(KeyTag.Compute)).Distinct());
        string malformed = string.Join("", UsableDs.Select(ds => DsData.From(ds)).Where(ds => ds.Digest.Length != DsDigest.GetLength(ds.DigestType))
            .Select(ds => $"; DS {ds.KeyTag}/{(byte)ds.Algorithm}/{(byte)ds.DigestType} has a {ds.Digest.Length}-octet digest where its type gives {DsDigest.GetLength(ds.DigestType)}, so it matches no key"));
        return ValidationResult.Bogus(ExtendedDnsErrorCode.DnskeyMissing, $"no DNSKEY of {Zone} matches its {Source} (key tags {wanted}){malformed}");
    }

    /// <summary>
    /// When no usable key matches the DS (or anchor), whether one that may not be used does: a key without the Zone
    /// flag (EDE 11) or with REVOKE set. Only on that failure path, with the same mismatch limit as the search.
    /// </summary>
    private ValidationResult? UnusableEntryPoint(IReadOnlyList<DnsRecord> keys)
    {
        int digests = 0;
        foreach (DnsRecord key in keys)
        {
            DnskeyData keyData = DnskeyData.From(key);
            if (ValidationRules.IsUsableKey(keyData))
            {
                continue;
            }

            bool matched = UsableAnchorKeys.Exists(anchor => AnchorNames(anchor, key));
            foreach (DnsRecord ds in UsableDs)
            {
                DsData dsData = DsData.From(ds);
                if (matched || !ValidationRules.HasTag(key, keyData, dsData.KeyTag, dsData.Algorithm) || ++digests > _mismatchLimit)
                {
                    continue;
                }

                matched = DsDigest.Matches(dsData, Zone, key.Data.Span);
            }

            if (matched)
            {
                return Unusable(key, keyData);
            }
        }

        return null;
    }

    /// <summary>
    /// The Extended DNS Error for a key the DS set or anchor names but that may not sign: no Zone flag, or revoked. RFC
    /// 8914 §4.10 ties DNSKEY Missing to a DS at the parent; an anchor key found revoked is plain DNSSEC Bogus, as Unbound
    /// reports it (autotrust_probefailsig).
    /// </summary>
    internal ExtendedDnsErrorCode UnusableKeyError(DnskeyData keyData) =>
        !keyData.IsZoneKey ? ExtendedDnsErrorCode.NoZoneKeyBitSet
        : keyData.IsRevoked && DelegationSigners.Count == 0 ? ExtendedDnsErrorCode.DnssecBogus
        : ExtendedDnsErrorCode.DnskeyMissing;

    private ValidationResult Unusable(DnsRecord key, DnskeyData keyData)
    {
        ushort tag = KeyTag.Compute(key);
        return !keyData.IsZoneKey
            ? ValidationResult.Bogus(UnusableKeyError(keyData), $"DNSKEY {tag} of {Zone} matches its {Source}, but has no Zone flag, so it may not sign the DNSKEY RRset (RFC 4035 §5.3.1)")
            : ValidationResult.Bogus(UnusableKeyError(keyData), keyData.IsRevoked
                ? $"DNSKEY {tag} of {Zone} matches its {Source}, but has the REVOKE flag set, so it is no trust point (RFC 5011 §2.1)"
                : $"DNSKEY {tag} of {Zone} matches its {Source}, but its protocol is {keyData.Protocol}, not 3");
    }

    private bool IsSupported(DnskeyData keyData) => _policy.IsSupported(keyData.Algorithm);

    /// <summary>Whether an anchor DNSKEY names <paramref name="key"/>: the same key, whatever its flags say now (a revoked key differs only there).</summary>
    private static bool AnchorNames(DnsRecord anchor, DnsRecord key) =>
        anchor.Data.Length == key.Data.Length && anchor.Data.Span[2..].SequenceEqual(key.Data.Span[2..]);
}
