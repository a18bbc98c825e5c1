using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>
    /// Verifies an RRset with the keys of its zone (RFC 4035 §5.3): at least one RRSIG by that zone must verify with
    /// one of its validated keys, within the per-RRset and per-answer signature budgets.
    /// </summary>
    public RRsetValidation ValidateRRset(DnsRRset rrset, ZoneKeys keys, ValidationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(budget);
        string what = $"{rrset.Owner} {rrset.Type}";
        if (keys.Status != SecurityStatus.Secure)
        {
            return new RRsetValidation(rrset, keys.Result, rrset.Ttl, null, null);
        }

        if (rrset.Signatures.Count == 0)
        {
            return Fail(rrset, ExtendedDnsErrorCode.RrsigsMissing, $"{what} has no RRSIG, but its zone {keys.Zone} is signed");
        }

        ExtendedDnsErrorCode bestError = ExtendedDnsErrorCode.DnssecBogus;
        string? bestReason = null;
        int attempts = 0;
        foreach (DnsRecord rrsig in rrset.Signatures)
        {
            RrsigData signature = RrsigData.From(rrsig);
            if (!IsSignedBy(signature, keys.Zone))
            {
                bestReason ??= $"RRSIG for {what} is by {signature.SignerName}, not by its zone {keys.Zone}";
                continue;
            }

            if (!Options.Policy.IsSupported(signature.Algorithm))
            {
                (bestError, bestReason) = (ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm, $"RRSIG for {what} uses unsupported algorithm {(byte)signature.Algorithm}");
                continue;
            }

            int collisions = 0;
            bool keyFound = false;
            foreach (DnsRecord key in keys.Keys)
            {
                DnskeyData keyData = DnskeyData.From(key);
                if (keyData.Algorithm != signature.Algorithm || KeyTag.Compute(key) != signature.KeyTag)
                {
                    continue;
                }

                keyFound = true;
                if (++collisions > Options.Limits.KeyTagCollisions)
                {
                    (bestError, bestReason) = (ExtendedDnsErrorCode.DnssecBogus, $"RRSIG for {what} matches more than {Options.Limits.KeyTagCollisions} keys with tag {signature.KeyTag}; stopped (work limit)");
                    break;
                }

                if (++attempts > Options.Limits.SignatureAttemptsPerRRset)
                {
                    return Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"{what} needed more than {Options.Limits.SignatureAttemptsPerRRset} signature checks; stopped (work limit){(bestReason is null ? "" : "; last failure: " + bestReason)}");
                }

                if (!budget.TrySpendSignature())
                {
                    return Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"the answer needed more than {Options.Limits.SignatureAttemptsPerAnswer} signature checks by {what}; stopped (work limit)");
                }

                SignatureCheck check = _verifier.Verify(rrset.Records, rrsig, key);
                if (check.IsValid)
                {
                    DnsName? wildcard = signature.Labels < rrset.Owner.LabelCount ? rrset.Owner.GetAncestor(signature.Labels).ToWildcard() : null;
                    return new RRsetValidation(rrset, ValidationResult.Secure(check.Reason), CappedTtl(Math.Min(rrset.Ttl, rrsig.Ttl), signature), keys.Zone, wildcard);
                }

                (bestError, bestReason) = (ErrorFor(check.Failure), check.Reason);
            }

            if (!keyFound)
            {
                if (UnusableSigner(keys, signature) is { } unusable)
                {
                    bestReason ??= $"RRSIG for {what} names key {signature.KeyTag} of {keys.Zone}, which {unusable.Detail}";
                    bestError = bestError == ExtendedDnsErrorCode.DnssecBogus ? unusable.Error : bestError;
                    continue;
                }

                bestReason ??= $"RRSIG for {what} names key {signature.KeyTag} (algorithm {(byte)signature.Algorithm}), which is not a validated key of {keys.Zone}";
                bestError = bestError == ExtendedDnsErrorCode.DnssecBogus ? ExtendedDnsErrorCode.DnskeyMissing : bestError;
            }
        }

        return Fail(rrset, bestError, bestReason ?? $"no RRSIG for {what} verified");
    }

    /// <summary>
    /// Why a signature names a key of the zone's DNSKEY RRset that may not verify anything (RFC 4035 §5.3.1: no Zone
    /// flag; RFC 5011 §2.1: revoked); null when no such key has its tag. No signature is checked for this.
    /// </summary>
    private static (ExtendedDnsErrorCode Error, string Detail)? UnusableSigner(ZoneKeys keys, RrsigData signature)
    {
        foreach (DnsRecord key in keys.UnusableKeys)
        {
            DnskeyData keyData = DnskeyData.From(key);
            if (keyData.Algorithm != signature.Algorithm || KeyTag.Compute(key) != signature.KeyTag)
            {
                continue;
            }

            return !keyData.IsZoneKey
                ? (ExtendedDnsErrorCode.NoZoneKeyBitSet, "has no Zone flag, so it may not sign zone data (RFC 4035 §5.3.1)")
                : keyData.IsRevoked
                    ? (ErrorFor(SignatureFailure.KeyRevoked), "is revoked (RFC 5011 §2.1)")
                    : (ExtendedDnsErrorCode.DnskeyMissing, $"has protocol {keyData.Protocol}, not 3");
        }

        return null;
    }

    /// <summary>
    /// RFC 4035 §5.3.3: the TTL is at most the RRset's and its RRSIG's as received (the caller passes the lesser), the
    /// original TTL, and the time left before the signature expires.
    /// </summary>
    private uint CappedTtl(uint ttl, RrsigData signature)
    {
        uint capped = Math.Min(ttl, signature.OriginalTtl);
        long untilExpiry = SerialNumber.ToTime(signature.SignatureExpiration, Now).ToUnixTimeSeconds() - Now.ToUnixTimeSeconds();
        return untilExpiry <= 0 ? 0 : (uint)Math.Min(capped, untilExpiry);
    }

    private static bool IsSignedBy(RrsigData signature, DnsName zone) =>
        AsciiCase.EqualsIgnoreCase(signature.SignerNameWire, zone.WireForm);

    private static RRsetValidation Fail(DnsRRset rrset, ExtendedDnsErrorCode error, string reason) =>
        new(rrset, ValidationResult.Bogus(error, reason), rrset.Ttl, null, null);

    /// <summary>The RFC 8914 code that best describes a signature failure.</summary>
    internal static ExtendedDnsErrorCode ErrorFor(SignatureFailure failure) => failure switch
    {
        SignatureFailure.Expired => ExtendedDnsErrorCode.SignatureExpired,
        SignatureFailure.NotYetValid => ExtendedDnsErrorCode.SignatureNotYetValid,
        SignatureFailure.InceptionAfterExpiration => ExtendedDnsErrorCode.SignatureExpiredBeforeValid,
        SignatureFailure.UnsupportedAlgorithm => ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm,
        SignatureFailure.NotZoneKey => ExtendedDnsErrorCode.NoZoneKeyBitSet,
        _ => ExtendedDnsErrorCode.DnssecBogus,
    };
}
