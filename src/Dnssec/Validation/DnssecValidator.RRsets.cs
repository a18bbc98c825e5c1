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
        if (keys.Status != SecurityStatus.Secure)
        {
            return new RRsetValidation(rrset, keys.Result, rrset.Ttl, null, null);
        }

        if (rrset.Signatures.Count == 0)
        {
            return ValidationRules.Fail(rrset, ExtendedDnsErrorCode.RrsigsMissing, $"{What(rrset)} has no RRSIG, but its zone {keys.Zone} is signed");
        }

        var search = new SignatureSearch();
        foreach (DnsRecord rrsig in rrset.Signatures)
        {
            RrsigData signature = RrsigData.From(rrsig);
            if (!ValidationRules.IsSignedBy(signature, keys.Zone))
            {
                search.Reason ??= $"RRSIG for {What(rrset)} is by {signature.SignerName}, not by its zone {keys.Zone}";
                continue;
            }

            if (!Options.Policy.IsSupported(signature.Algorithm))
            {
                (search.Error, search.Reason) = (ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm, $"RRSIG for {What(rrset)} uses unsupported algorithm {(byte)signature.Algorithm}");
                continue;
            }

            if (VerifyWithNamedKeys(rrset, rrsig, signature, keys, budget, search) is { } verdict)
            {
                return verdict;
            }
        }

        return ValidationRules.Fail(rrset, search.Error, search.Reason ?? $"no RRSIG for {What(rrset)} verified");
    }

    /// <summary>
    /// Tries one RRSIG with each key of the zone that has its tag and algorithm, within the key-tag collision limit and
    /// the signature budgets: the verdict when a key verifies it or a budget runs out; otherwise null, and the search
    /// remembers the best reason why it failed.
    /// </summary>
    private RRsetValidation? VerifyWithNamedKeys(DnsRRset rrset, DnsRecord rrsig, RrsigData signature, ZoneKeys keys, ValidationBudget budget, SignatureSearch search)
    {
        int collisions = 0;
        bool keyFound = false;
        foreach (DnsRecord key in keys.Keys)
        {
            if (!ValidationRules.HasTag(key, DnskeyData.From(key), signature.KeyTag, signature.Algorithm))
            {
                continue;
            }

            keyFound = true;
            if (++collisions > Options.Limits.KeyTagCollisions)
            {
                (search.Error, search.Reason) = (ExtendedDnsErrorCode.DnssecBogus, $"RRSIG for {What(rrset)} matches more than {Options.Limits.KeyTagCollisions} keys with tag {signature.KeyTag}; stopped (work limit)");
                break;
            }

            if (++search.Attempts > Options.Limits.SignatureAttemptsPerRRset)
            {
                return ValidationRules.Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"{What(rrset)} needed more than {Options.Limits.SignatureAttemptsPerRRset} signature checks; stopped (work limit){(search.Reason is null ? "" : "; last failure: " + search.Reason)}");
            }

            if (!budget.TrySpendSignature())
            {
                return ValidationRules.Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"the answer needed more than {Options.Limits.SignatureAttemptsPerAnswer} signature checks by {What(rrset)}; stopped (work limit)");
            }

            SignatureCheck check = _verifier.Verify(rrset.Records, rrsig, key);
            if (check.IsValid)
            {
                DnsName? wildcard = signature.Labels < rrset.Owner.LabelCount ? rrset.Owner.GetAncestor(signature.Labels).ToWildcard() : null;
                // The sentence is the check's own, written only if read (RrsetVerifier.DescribeVerified).
                ValidationResult secure = ValidationResult.Secure(DeferredReason.Of((First: rrset.Records[0], Rrsig: rrsig), static s => RrsetVerifier.DescribeVerified(s.First, s.Rrsig)));
                return new RRsetValidation(rrset, secure, CappedTtl(Math.Min(rrset.Ttl, rrsig.Ttl), signature), keys.Zone, wildcard);
            }

            (search.Error, search.Reason) = (ErrorFor(check.Failure), check.Reason);
        }

        if (!keyFound)
        {
            if (UnusableSigner(keys, signature) is { } unusable)
            {
                search.Reason ??= $"RRSIG for {What(rrset)} names key {signature.KeyTag} of {keys.Zone}, which {unusable.Detail}";
                search.Error = search.Error == ExtendedDnsErrorCode.DnssecBogus ? unusable.Error : search.Error;
                return null;
            }

            search.Reason ??= $"RRSIG for {What(rrset)} names key {signature.KeyTag} (algorithm {(byte)signature.Algorithm}), which is not a validated key of {keys.Zone}";
            search.Error = search.Error == ExtendedDnsErrorCode.DnssecBogus ? ExtendedDnsErrorCode.DnskeyMissing : search.Error;
        }

        return null;
    }

    /// <summary>The RRset as failure reasons name it, written only on the way to a failure.</summary>
    private static string What(DnsRRset rrset) => $"{rrset.Owner} {rrset.Type}";

    /// <summary>
    /// The best failure an RRset's signatures have given so far, and the signature checks it has cost: a later, more
    /// specific failure replaces the code, the first reason stands unless a check gave its own.
    /// </summary>
    private sealed class SignatureSearch
    {
        public ExtendedDnsErrorCode Error { get; set; } = ExtendedDnsErrorCode.DnssecBogus;

        public string? Reason { get; set; }

        public int Attempts { get; set; }
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
            if (!ValidationRules.HasTag(key, keyData, signature.KeyTag, signature.Algorithm))
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
