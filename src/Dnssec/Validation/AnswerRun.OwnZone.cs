using Dnssec.Wire;

namespace Dnssec.Validation;

internal sealed partial class AnswerRun
{
    /// <summary>Validates an RRset of the answer in the zone its signatures name, and keeps the verdict.</summary>
    private async ValueTask<RRsetValidation> ValidateAsync(DnsRRset rrset)
    {
        RRsetValidation result = await ValidateInOwnZoneAsync(rrset).ConfigureAwait(false);
        _rrsets.Add(result);
        return result;
    }

    /// <summary>For a secure wildcard expansion, requires the proof that no closer name exists (RFC 4035 §5.3.4).</summary>
    private async ValueTask CheckWildcardAsync(RRsetValidation validated, DnsName name, RecordType type)
    {
        if (validated.Status != SecurityStatus.Secure || validated.Wildcard is null)
        {
            return;
        }

        _proofs.Add(await ProveWildcardAsync(name, type, validated).ConfigureAwait(false));
    }

    /// <summary>
    /// Validates an RRset in its own zone: signed data in the zone its RRSIG names (which must be an ancestor of the
    /// owner and a real zone apex); unsigned data is Insecure only if the owner is proven to be below an unsigned
    /// delegation, and Bogus when its zone is signed.
    /// </summary>
    private async ValueTask<RRsetValidation> ValidateInOwnZoneAsync(DnsRRset rrset)
    {
        DnsName? signer = ValidationRules.DeepestSigner(rrset.Owner, rrset.Signatures);
        if (signer is null && rrset.Signatures.Count > 0)
        {
            return ValidationRules.Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"every RRSIG for {rrset.Owner} {rrset.Type} names a signer that is not an ancestor of the owner");
        }

        ZoneKeys keys = await FindKeysAsync(signer ?? rrset.Owner).ConfigureAwait(false);
        if (keys.Status == SecurityStatus.Secure && signer is not null && ValidationRules.SignerIsNotTheZone(signer, keys))
        {
            return ValidationRules.Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, ValidationRules.NotTheZone(signer, keys, $"{rrset.Owner} {rrset.Type} is signed"));
        }

        if (keys.Status == SecurityStatus.Secure && signer is not null && ValidationRules.KnownCutBelowSigner(_validator.Keys, rrset, signer, _validator.Now) is { } below)
        {
            return below;
        }

        return _validator.ValidateRRset(rrset, keys, _budget);
    }
}
