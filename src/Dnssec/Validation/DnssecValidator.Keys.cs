using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>The keys of a trust anchor's zone: its DNSKEY RRset signed by a key the anchor names (RFC 4035 §5, RFC 5011).</summary>
    private async ValueTask<ZoneKeys> AnchorKeysAsync(TrustAnchor anchor, ValidationBudget budget, CancellationToken cancellationToken)
    {
        if (Keys.Get(anchor.Zone, Now) is { } cached)
        {
            return cached;
        }

        ZoneKeys keys = await KeysFromDelegationAsync(anchor.Zone, anchor.DelegationSigners, anchor.Keys, "trust anchor", budget, cancellationToken).ConfigureAwait(false);
        Keys.Set(keys);
        return keys;
    }

    /// <summary>
    /// Fetches and authenticates a zone's DNSKEY RRset from the DS records (or anchor keys) that point at it: a key that
    /// matches a usable DS, has the Zone flag and is not revoked must sign the set (RFC 4035 §5.2, RFC 6840 §5.2).
    /// </summary>
    private async ValueTask<ZoneKeys> KeysFromDelegationAsync(DnsName zone, IReadOnlyList<DnsRecord> dsRecords, IReadOnlyList<DnsRecord> anchorKeys, string source, ValidationBudget budget, CancellationToken cancellationToken)
    {
        var matcher = new DsKeyMatcher(zone, dsRecords, anchorKeys, source, Options);
        if (matcher.IsEmpty)
        {
            return WithoutUsableSigner(matcher);
        }

        SourceResponse response = await _source.QueryAsync(zone, RecordType.DNSKEY, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            // RFC 8914 §4.10: a DS exists but no DNSKEY could be had for it, whatever kept it away (Unbound's val_faildnskey).
            return StrippedOrFailed(zone, ValidationResult.Indeterminate(ExtendedDnsErrorCode.DnskeyMissing, $"could not get the DNSKEY RRset of {zone}: {response.Failure}"), dsRecords);
        }

        DnsMessage message = WithSignaturesPlaced(response.Message);
        DnsRRset? dnskeys = ValidationRules.FindRRset(message.Answers, zone, RecordType.DNSKEY);
        if (dnskeys is null)
        {
            return StrippedOrFailed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnskeyMissing, $"the {source} says {zone} is signed, but it has no DNSKEY RRset ({Mnemonics(message)})"), dsRecords);
        }

        List<DnsRecord>? entryPoints = matcher.FindEntryPoints(dnskeys.Records, out ValidationResult? overLimit);
        if (entryPoints is null)
        {
            return Failed(zone, overLimit!, dsRecords);
        }

        if (entryPoints.Count == 0)
        {
            return StrippedOrFailed(zone, matcher.NoEntryPoint(dnskeys.Records), dsRecords);
        }

        return TrustKeySet(matcher, message, dnskeys, entryPoints, budget);
    }

    /// <summary>
    /// The zone's result when neither a DS record nor an anchor key may be used: Bogus when the anchor's keys of a
    /// supported algorithm are all barred from signing, Insecure when everything listed is unsupported.
    /// </summary>
    private ZoneKeys WithoutUsableSigner(DsKeyMatcher matcher)
    {
        (DnsName zone, IReadOnlyList<DnsRecord> dsRecords, IReadOnlyList<DnsRecord> anchorKeys, string source) = (matcher.Zone, matcher.DelegationSigners, matcher.AnchorKeys, matcher.Source);
        if (anchorKeys.FirstOrDefault(k => Options.Policy.IsSupported(DnskeyData.From(k).Algorithm)) is { } unusableAnchor)
        {
            // RFC 4035 §5, RFC 5011 §2.1: an anchor key of a supported algorithm that may sign nothing (no Zone flag, or
            // revoked) leaves the anchored zone without a usable key: that is a failure, not an unsigned zone.
            DnskeyData anchorData = DnskeyData.From(unusableAnchor);
            return Failed(zone, ValidationResult.Bogus(matcher.UnusableKeyError(anchorData),
                $"the {source} of {zone} names key {KeyTag.Compute(unusableAnchor)}, which {(anchorData.IsZoneKey ? "is revoked (RFC 5011 §2.1)" : "has no Zone flag (RFC 4035 §5.3.1)")}, and no usable key"), dsRecords);
        }

        // RFC 4035 §5.2: a zone whose DS set names only unsupported algorithms or digests is treated as unsigned.
        bool digestProblem = dsRecords.Any(ds => !Options.Policy.IsSupported(DsData.From(ds).DigestType));
        string detail = string.Join(", ", dsRecords.Select(ds => DsData.From(ds)).Select(ds => $"{ds.KeyTag}/{(byte)ds.Algorithm}/{(byte)ds.DigestType}").Concat(anchorKeys.Select(k => $"key {KeyTag.Compute(k)}/{(byte)DnskeyData.From(k).Algorithm}")));
        return new ZoneKeys(zone, ValidationResult.Insecure(
            $"the {source} of {zone} uses only unsupported algorithms or digests ({detail}), so the zone is treated as unsigned",
            digestProblem ? ExtendedDnsErrorCode.UnsupportedDsDigestType : ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm),
            [], dsRecords, Now + Options.MaximumKeyTtl);
    }

    /// <summary>
    /// The zone's keys once its entry points are known: the DNSKEY RRset must be signed by one of them (in every listed
    /// algorithm when <see cref="ValidatorOptions.RequireEveryDsAlgorithm"/> asks it), and the response must not deny it.
    /// </summary>
    private ZoneKeys TrustKeySet(DsKeyMatcher matcher, DnsMessage message, DnsRRset dnskeys, List<DnsRecord> entryPoints, ValidationBudget budget)
    {
        (DnsName zone, IReadOnlyList<DnsRecord> dsRecords, string source) = (matcher.Zone, matcher.DelegationSigners, matcher.Source);
        var trusted = new ZoneKeys(zone, ValidationResult.Secure($"{zone} DNSKEY matches its {source}"), entryPoints, dsRecords, Now);
        RRsetValidation keySet = ValidateRRset(dnskeys, trusted, budget);
        if (keySet.Status != SecurityStatus.Secure)
        {
            return StrippedOrFailed(zone, keySet.Result with { Reason = $"the DNSKEY RRset of {zone} is not signed by a key its {source} names: {keySet.Result.Reason}" }, dsRecords);
        }

        // As for an answer: the rcode is not signed, and NXDOMAIN beside a signed RRset of the name was changed on the way.
        if (message.ResponseCode == DnsResponseCode.NXDomain)
        {
            return Failed(zone, RcodeMismatch(zone, RecordType.DNSKEY), dsRecords);
        }

        if (Options.RequireEveryDsAlgorithm && MissingDsAlgorithm(matcher, dnskeys, entryPoints, budget) is { } downgrade)
        {
            return Failed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNSKEY RRset of {zone} is not signed in every algorithm its {source} lists: {downgrade}"), dsRecords);
        }

        var zoneKeys = new List<DnsRecord>(dnskeys.Records.Count);
        var unusableKeys = new List<DnsRecord>();
        foreach (DnsRecord key in dnskeys.Records)
        {
            (ValidationRules.IsUsableKey(DnskeyData.From(key)) ? zoneKeys : unusableKeys).Add(key);
        }

        string tags = string.Join(", ", entryPoints.Select(KeyTag.Compute));
        return new ZoneKeys(
            zone,
            ValidationResult.Secure($"DNSKEY RRset of {zone} is signed by key {tags}, which its {source} names"),
            zoneKeys,
            dsRecords,
            Now + TimeSpan.FromSeconds(Math.Min(keySet.Ttl, Options.MaximumKeyTtl.TotalSeconds)),
            unusableKeys);
    }

    /// <summary>The first algorithm of the DS set or anchor whose own entry-point keys do not sign the DNSKEY RRset, said in words; null when every one does.</summary>
    private string? MissingDsAlgorithm(DsKeyMatcher matcher, DnsRRset dnskeys, List<DnsRecord> entryPoints, ValidationBudget budget)
    {
        foreach (DnssecAlgorithm algorithm in matcher.Algorithms)
        {
            var keys = entryPoints.FindAll(k => DnskeyData.From(k).Algorithm == algorithm);
            if (keys.Count == 0)
            {
                return $"no DNSKEY of algorithm {(byte)algorithm} matches it";
            }

            var signatures = dnskeys.Signatures.Where(rrsig => RrsigData.From(rrsig).Algorithm == algorithm).ToList();
            var algorithmKeys = new ZoneKeys(matcher.Zone, ValidationResult.Secure($"{matcher.Zone} DNSKEY matches its delegation"), keys, [], Now);
            RRsetValidation check = ValidateRRset(new DnsRRset(dnskeys.Records, signatures), algorithmKeys, budget);
            if (check.Status != SecurityStatus.Secure)
            {
                return $"algorithm {(byte)algorithm}: {check.Result.Reason}";
            }
        }

        return null;
    }

    /// <summary>
    /// A zone whose DNSKEY data is missing or does not validate: failed, or with <see cref="ValidatorOptions.HardenDnssecStripped"/>
    /// off, Insecure as if it had no anchor (Unbound's harden-dnssec-stripped: no), for as long as a failure is kept.
    /// </summary>
    private ZoneKeys StrippedOrFailed(DnsName zone, ValidationResult result, IReadOnlyList<DnsRecord> dsRecords) =>
        Options.HardenDnssecStripped
            ? Failed(zone, result, dsRecords)
            : new ZoneKeys(zone, ValidationResult.Insecure($"{result.Reason}; treated as insecure because hardening against stripped DNSSEC data is off"), [], dsRecords, Now + Options.FailureTtl);

    private ZoneKeys Failed(DnsName zone, ValidationResult result, IReadOnlyList<DnsRecord> dsRecords) =>
        new(zone, result, [], dsRecords, Now + Options.FailureTtl);

    /// <summary>A DS question at <paramref name="name"/> that ended the walk without showing whether the name is a zone cut.</summary>
    private ZoneKeys Unresolved(DnsName name, ValidationResult result) =>
        new(name, result, [], [], Now + Options.FailureTtl, isCut: false);

    private static string Mnemonics(DnsMessage message) =>
        $"the response was {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)} with {message.Answers.Count} answer records";
}
