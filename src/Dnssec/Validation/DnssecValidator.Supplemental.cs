using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>
    /// Judges an authority or additional RRset that no part of the answer rests on. With
    /// <see cref="ValidatorOptions.CheckSupplementalRecords"/> it is verified with the validated keys of the zone its
    /// RRSIG names, when those are already known (no query is made for it); otherwise, and when it is unsigned or its
    /// zone's keys are not at hand, it is Indeterminate: not shown to be authentic, so not to be handed out beside
    /// secure data.
    /// </summary>
    internal RRsetValidation JudgeSupplemental(DnsRRset rrset, ValidationBudget budget)
    {
        string what = $"{rrset.Owner} {rrset.Type}";
        if (!Options.CheckSupplementalRecords)
        {
            return Unchecked(rrset, $"{what} is not part of the answer and was not checked");
        }

        DnsName? signer = ValidationRules.DeepestSigner(rrset.Owner, rrset.Signatures);
        if (signer is null)
        {
            return Unchecked(rrset, $"{what} has no RRSIG by a zone above it");
        }

        if (Keys.Get(signer, Now) is not { Status: SecurityStatus.Secure } keys)
        {
            return Unchecked(rrset, $"the keys of {signer}, which signed {what}, are not validated");
        }

        return ValidationRules.KnownCutBelowSigner(Keys, rrset, signer, Now) ?? ValidateRRset(rrset, keys, budget);
    }

    private static RRsetValidation Unchecked(DnsRRset rrset, string reason) =>
        new(rrset, ValidationResult.Indeterminate(ExtendedDnsErrorCode.DnssecIndeterminate, reason), rrset.Ttl, null, null);
}
