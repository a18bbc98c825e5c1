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
        List<DnsRecord> usableDs = UsableDelegationSigners(dsRecords);
        var usableAnchorKeys = anchorKeys.Where(k => DnskeyData.From(k) is { IsZoneKey: true, IsRevoked: false } key && Options.Policy.IsSupported(key.Algorithm)).ToList();
        if (usableDs.Count == 0 && usableAnchorKeys.Count == 0 && anchorKeys.FirstOrDefault(k => Options.Policy.IsSupported(DnskeyData.From(k).Algorithm)) is { } unusableAnchor)
        {
            // RFC 4035 §5, RFC 5011 §2.1: an anchor key of a supported algorithm that may sign nothing (no Zone flag, or
            // revoked) leaves the anchored zone without a usable key: that is a failure, not an unsigned zone.
            DnskeyData anchorData = DnskeyData.From(unusableAnchor);
            return Failed(zone, ValidationResult.Bogus(anchorData.IsZoneKey ? ExtendedDnsErrorCode.DnskeyMissing : ExtendedDnsErrorCode.NoZoneKeyBitSet,
                $"the {source} of {zone} names key {KeyTag.Compute(unusableAnchor)}, which {(anchorData.IsZoneKey ? "is revoked (RFC 5011 §2.1)" : "has no Zone flag (RFC 4035 §5.3.1)")}, and no usable key"), dsRecords);
        }

        if (usableDs.Count == 0 && usableAnchorKeys.Count == 0)
        {
            // RFC 4035 §5.2: a zone whose DS set names only unsupported algorithms or digests is treated as unsigned.
            bool digestProblem = dsRecords.Any(ds => !Options.Policy.IsSupported(DsData.From(ds).DigestType));
            string detail = string.Join(", ", dsRecords.Select(ds => DsData.From(ds)).Select(ds => $"{ds.KeyTag}/{(byte)ds.Algorithm}/{(byte)ds.DigestType}").Concat(anchorKeys.Select(k => $"key {KeyTag.Compute(k)}/{(byte)DnskeyData.From(k).Algorithm}")));
            return new ZoneKeys(zone, ValidationResult.Insecure(
                $"the {source} of {zone} uses only unsupported algorithms or digests ({detail}), so the zone is treated as unsigned",
                digestProblem ? ExtendedDnsErrorCode.UnsupportedDsDigestType : ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm),
                [], dsRecords, Now + Options.MaximumKeyTtl);
        }

        SourceResponse response = await _source.QueryAsync(zone, RecordType.DNSKEY, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            // RFC 8914 §4.10: a DS exists but no DNSKEY could be had for it, whatever kept it away (Unbound's val_faildnskey).
            return StrippedOrFailed(zone, ValidationResult.Indeterminate(ExtendedDnsErrorCode.DnskeyMissing, $"could not get the DNSKEY RRset of {zone}: {response.Failure}"), dsRecords);
        }

        DnsMessage message = WithSignaturesPlaced(response.Message);
        DnsRRset? dnskeys = FindRRset(message.Answers, zone, RecordType.DNSKEY);
        if (dnskeys is null)
        {
            return StrippedOrFailed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnskeyMissing, $"the {source} says {zone} is signed, but it has no DNSKEY RRset ({Mnemonics(message)})"), dsRecords);
        }

        var entryPoints = new List<DnsRecord>();
        int mismatches = 0;
        foreach (DnsRecord key in dnskeys.Records)
        {
            DnskeyData keyData = DnskeyData.From(key);
            if (!keyData.IsZoneKey || keyData.IsRevoked || keyData.Protocol != DnskeyData.DnssecProtocol || !Options.Policy.IsSupported(keyData.Algorithm))
            {
                continue;
            }

            bool matched = usableAnchorKeys.Exists(anchor => anchor.Data.Span.SequenceEqual(key.Data.Span));
            foreach (DnsRecord ds in usableDs)
            {
                if (matched)
                {
                    break;
                }

                DsData dsData = DsData.From(ds);
                if (dsData.KeyTag != KeyTag.Compute(key) || dsData.Algorithm != keyData.Algorithm)
                {
                    continue;
                }

                if (DsDigest.Matches(dsData, zone, key.Data.Span))
                {
                    matched = true;
                }
                else if (++mismatches > Options.Limits.DsMismatches)
                {
                    return Failed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"more than {Options.Limits.DsMismatches} DNSKEYs of {zone} carry a DS key tag but not its digest; stopped (work limit)"), dsRecords);
                }
            }

            if (matched)
            {
                entryPoints.Add(key);
            }
        }

        if (entryPoints.Count == 0)
        {
            if (UnusableEntryPoint(zone, dnskeys.Records, usableDs, usableAnchorKeys, source) is { } unusable)
            {
                return StrippedOrFailed(zone, unusable, dsRecords);
            }

            string wanted = string.Join(", ", usableDs.Select(ds => DsData.From(ds).KeyTag).Concat(usableAnchorKeys.Select(KeyTag.Compute)).Distinct());
            string malformed = string.Join("", usableDs.Select(ds => DsData.From(ds)).Where(ds => ds.Digest.Length != DsDigest.GetLength(ds.DigestType))
                .Select(ds => $"; DS {ds.KeyTag}/{(byte)ds.Algorithm}/{(byte)ds.DigestType} has a {ds.Digest.Length}-octet digest where its type gives {DsDigest.GetLength(ds.DigestType)}, so it matches no key"));
            return StrippedOrFailed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnskeyMissing, $"no DNSKEY of {zone} matches its {source} (key tags {wanted}){malformed}"), dsRecords);
        }

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

        if (Options.RequireEveryDsAlgorithm && MissingDsAlgorithm(zone, dnskeys, entryPoints, usableDs, usableAnchorKeys, budget) is { } downgrade)
        {
            return Failed(zone, ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNSKEY RRset of {zone} is not signed in every algorithm its {source} lists: {downgrade}"), dsRecords);
        }

        var zoneKeys = new List<DnsRecord>(dnskeys.Records.Count);
        var unusableKeys = new List<DnsRecord>();
        foreach (DnsRecord key in dnskeys.Records)
        {
            (IsUsableKey(DnskeyData.From(key)) ? zoneKeys : unusableKeys).Add(key);
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
    private string? MissingDsAlgorithm(DnsName zone, DnsRRset dnskeys, List<DnsRecord> entryPoints, List<DnsRecord> usableDs, List<DnsRecord> usableAnchorKeys, ValidationBudget budget)
    {
        IEnumerable<DnssecAlgorithm> listed = usableDs.Select(ds => DsData.From(ds).Algorithm).Concat(usableAnchorKeys.Select(k => DnskeyData.From(k).Algorithm));
        foreach (DnssecAlgorithm algorithm in listed.Distinct())
        {
            var keys = entryPoints.FindAll(k => DnskeyData.From(k).Algorithm == algorithm);
            if (keys.Count == 0)
            {
                return $"no DNSKEY of algorithm {(byte)algorithm} matches it";
            }

            var signatures = dnskeys.Signatures.Where(rrsig => RrsigData.From(rrsig).Algorithm == algorithm).ToList();
            var algorithmKeys = new ZoneKeys(zone, ValidationResult.Secure($"{zone} DNSKEY matches its delegation"), keys, [], Now);
            RRsetValidation check = ValidateRRset(new DnsRRset(dnskeys.Records, signatures), algorithmKeys, budget);
            if (check.Status != SecurityStatus.Secure)
            {
                return $"algorithm {(byte)algorithm}: {check.Result.Reason}";
            }
        }

        return null;
    }

    /// <summary>RFC 4035 §5.3.1, RFC 5011 §2.1: only a key with the Zone flag, without REVOKE, of protocol 3 may verify signatures.</summary>
    private static bool IsUsableKey(DnskeyData key) =>
        key is { IsZoneKey: true, IsRevoked: false, Protocol: DnskeyData.DnssecProtocol };

    /// <summary>
    /// When no usable key matches the DS (or anchor), whether one that may not be used does: a key without the Zone
    /// flag (EDE 11) or with REVOKE set. Only on that failure path, with the same mismatch limit as the search.
    /// </summary>
    private ValidationResult? UnusableEntryPoint(DnsName zone, IReadOnlyList<DnsRecord> keys, List<DnsRecord> usableDs, List<DnsRecord> usableAnchorKeys, string source)
    {
        int digests = 0;
        foreach (DnsRecord key in keys)
        {
            DnskeyData keyData = DnskeyData.From(key);
            if (IsUsableKey(keyData))
            {
                continue;
            }

            bool matched = usableAnchorKeys.Exists(anchor => AnchorNames(anchor, key));
            foreach (DnsRecord ds in usableDs)
            {
                DsData dsData = DsData.From(ds);
                if (matched || dsData.KeyTag != KeyTag.Compute(key) || dsData.Algorithm != keyData.Algorithm || ++digests > Options.Limits.DsMismatches)
                {
                    continue;
                }

                matched = DsDigest.Matches(dsData, zone, key.Data.Span);
            }

            if (!matched)
            {
                continue;
            }

            ushort tag = KeyTag.Compute(key);
            return !keyData.IsZoneKey
                ? ValidationResult.Bogus(ExtendedDnsErrorCode.NoZoneKeyBitSet, $"DNSKEY {tag} of {zone} matches its {source}, but has no Zone flag, so it may not sign the DNSKEY RRset (RFC 4035 §5.3.1)")
                : ValidationResult.Bogus(ExtendedDnsErrorCode.DnskeyMissing, keyData.IsRevoked
                    ? $"DNSKEY {tag} of {zone} matches its {source}, but has the REVOKE flag set, so it is no trust point (RFC 5011 §2.1)"
                    : $"DNSKEY {tag} of {zone} matches its {source}, but its protocol is {keyData.Protocol}, not 3");
        }

        return null;
    }

    /// <summary>Whether an anchor DNSKEY names <paramref name="key"/>: the same key, whatever its flags say now (a revoked key differs only there).</summary>
    private static bool AnchorNames(DnsRecord anchor, DnsRecord key) =>
        anchor.Data.Length == key.Data.Length && anchor.Data.Span[2..].SequenceEqual(key.Data.Span[2..]);

    /// <summary>
    /// The DS records that count: supported algorithm and digest, and no SHA-1 where a stronger digest is offered (RFC 4509
    /// §3). A supported digest of the wrong length counts too: it can match no key, so it fails the zone rather than
    /// passing for an unsupported one that would make the zone unsigned (as Unbound judges it).
    /// </summary>
    private List<DnsRecord> UsableDelegationSigners(IReadOnlyList<DnsRecord> dsRecords)
    {
        var usable = dsRecords.Where(ds => DsData.From(ds) is var data && Options.Policy.IsSupported(data.Algorithm) && Options.Policy.IsSupported(data.DigestType)).ToList();
        if (usable.Exists(ds => DsData.From(ds).DigestType != DigestType.SHA1))
        {
            usable.RemoveAll(ds => DsData.From(ds).DigestType == DigestType.SHA1);
        }

        return usable;
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

    /// <summary>The RRset of <paramref name="type"/> owned by <paramref name="owner"/> in a section, with its signatures.</summary>
    internal static DnsRRset? FindRRset(IEnumerable<DnsRecord> section, DnsName owner, RecordType type)
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

    private static string Mnemonics(DnsMessage message) =>
        $"the response was {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)} with {message.Answers.Count} answer records";
}
