using System.Diagnostics.CodeAnalysis;
using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>
    /// Walks the chain of trust from the closest trust anchor down to <paramref name="name"/>, label by label, asking for
    /// the DS RRset at each name below a known zone (RFC 4035 §5.2): a signed DS leads to the child's DNSKEYs, a proven
    /// absence of DS at a delegation makes everything below Insecure, and a name proven not to be a cut is walked past.
    /// </summary>
    /// <param name="name">The name whose zone is wanted: an RRSIG signer, or the owner of unsigned data.</param>
    /// <param name="budget">The answer's work budget.</param>
    /// <param name="chain">Receives each zone result on the way, anchor first, for reports.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The result for the deepest zone reached: Secure with the keys of the zone holding <paramref name="name"/>, or where and why the chain ended.</returns>
    public async ValueTask<ZoneKeys> FindKeysAsync(DnsName name, ValidationBudget budget, ICollection<ZoneKeys>? chain = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(budget);
        DateTimeOffset now = Now;
        if (!TryFindAnchor(name, now, out TrustAnchor? anchor, out ZoneKeys? unanchored))
        {
            chain?.Add(unanchored);
            return unanchored;
        }

        ZoneKeys current = await AnchorKeysAsync(anchor, budget, cancellationToken).ConfigureAwait(false);
        chain?.Add(current);
        int depth = 0;
        for (int labels = current.Zone.LabelCount + 1; labels <= name.LabelCount && current.Status == SecurityStatus.Secure; labels++)
        {
            DnsName child = name.GetAncestor(labels);
            if (Keys.Get(child, Now) is { } known)
            {
                current = known;
                chain?.Add(current);
                continue;
            }

            if (Keys.IsKnownNonCut(child, Now))
            {
                continue;
            }

            if (++depth > Options.Limits.DelegationDepth)
            {
                current = Failed(child, ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"more than {Options.Limits.DelegationDepth} DS lookups between {anchor.Zone} and {name}; stopped (work limit)"), []);
                chain?.Add(current);
                break;
            }

            DelegationStep step = await ExamineDelegationAsync(current, child, budget, cancellationToken).ConfigureAwait(false);
            switch (step.Kind)
            {
                case DelegationKind.NotACut:
                    Keys.SetNonCut(child, Now + TimeSpan.FromSeconds(Math.Min(step.Ttl, Options.MaximumKeyTtl.TotalSeconds)));
                    continue;
                case DelegationKind.NameDoesNotExist:
                    // Nothing exists below; the zone holding the name is the current one, and its own denial answers the question.
                    return current;
                default:
                    current = step.Keys!;
                    Keys.Set(current);
                    chain?.Add(current);
                    break;
            }
        }

        return current;
    }

    /// <summary>
    /// The closest trust anchor above <paramref name="name"/>; or, when none leads to it, the result for the name:
    /// Insecure at or below a negative trust anchor, Indeterminate (not validatable) where no anchor covers it.
    /// </summary>
    private bool TryFindAnchor(DnsName name, DateTimeOffset now, [NotNullWhen(true)] out TrustAnchor? anchor, [NotNullWhen(false)] out ZoneKeys? unanchored)
    {
        anchor = null;
        if (_anchors.FindNegativeAnchor(name, now) is { } negative)
        {
            // RFC 7646 §2: below a negative trust anchor, answers are treated as insecure.
            unanchored = new ZoneKeys(negative, ValidationResult.Insecure($"{name} is at or below the negative trust anchor {negative}"), [], [], now + Options.FailureTtl);
            return false;
        }

        anchor = _anchors.FindClosest(name, now);
        unanchored = anchor is null ? new ZoneKeys(DnsName.Root, ValidationResult.NotValidatable($"no trust anchor covers {name}"), [], [], now) : null;
        return anchor is not null;
    }

    /// <summary>Asks for the DS RRset of <paramref name="child"/> and decides, with the parent's keys, what kind of name it is.</summary>
    private async ValueTask<DelegationStep> ExamineDelegationAsync(ZoneKeys parent, DnsName child, ValidationBudget budget, CancellationToken cancellationToken)
    {
        SourceResponse response = await _source.QueryAsync(child, RecordType.DS, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return DelegationStep.Ended(Unresolved(child, ValidationResult.Indeterminate(response.FailureError, $"could not get the DS RRset of {child}: {response.Failure}")));
        }

        DnsMessage message = WithSignaturesPlaced(response.Message);
        if (message.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain))
        {
            return DelegationStep.Ended(Unresolved(child, ValidationResult.Indeterminate(ExtendedDnsErrorCode.NetworkError, $"the DS query for {child} was answered {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)}")));
        }

        if (ValidationRules.FindRRset(message.Answers, child, RecordType.DS) is { } ds)
        {
            RRsetValidation validated = ValidateRRset(ds, parent, budget);
            if (validated.Status != SecurityStatus.Secure)
            {
                return DelegationStep.Ended(Failed(child, validated.Result with { Reason = $"the DS RRset of {child} in {parent.Zone}: {validated.Result.Reason}" }, ds.Records));
            }

            // As for an answer: the rcode is not signed, and NXDOMAIN beside a signed RRset of the name was changed on the way.
            if (message.ResponseCode == DnsResponseCode.NXDomain)
            {
                return DelegationStep.Ended(Failed(child, RcodeMismatch(child, RecordType.DS), ds.Records));
            }

            ZoneKeys keys = await KeysFromDelegationAsync(child, ds.Records, [], "DS", budget, cancellationToken).ConfigureAwait(false);
            return DelegationStep.Ended(keys);
        }

        // A CNAME owner is never a zone cut (RFC 1034 §3.6.2), so an authenticated alias means walk on; for no longer
        // than the alias may be used (RFC 4035 §5.3.3). One synthesised from a wildcard says nothing of the name: the
        // wildcard would not have matched an existing cut, but without the proof that the name does not exist, the
        // expansion may be replayed over one (RFC 4592 §4, CVE-2017-15105), and a day's blackout of the child follows.
        if (ValidationRules.FindRRset(message.Answers, child, RecordType.CNAME) is { } alias
            && ValidateRRset(alias, parent, budget) is { Status: SecurityStatus.Secure, IsWildcardExpansion: false } validatedAlias)
        {
            return DelegationStep.NonCut(validatedAlias.Ttl);
        }

        return ExamineDsDenial(parent, child, message, budget);
    }

    /// <summary>How a DS query answered: the kind of name and, for a cut, the child's key result.</summary>
    private readonly record struct DelegationStep(DelegationKind Kind, ZoneKeys? Keys, uint Ttl)
    {
        public static DelegationStep Ended(ZoneKeys keys) => new(DelegationKind.Ended, keys, 0);

        public static DelegationStep NonCut(uint ttl) => new(DelegationKind.NotACut, null, ttl);

        public static DelegationStep Missing() => new(DelegationKind.NameDoesNotExist, null, 0);
    }

    private enum DelegationKind
    {
        /// <summary>The walk stops or moves into a child zone: Secure keys, Insecure, Bogus or Indeterminate.</summary>
        Ended,
        /// <summary>The name exists in the parent zone and is not a delegation.</summary>
        NotACut,
        /// <summary>The name does not exist.</summary>
        NameDoesNotExist,
    }
}
