using Dnssec.Wire;

namespace Dnssec.Validation;

internal sealed partial class AnswerRun
{
    /// <summary>The name the walk has reached: the question name, then each CNAME or DNAME target in turn.</summary>
    private DnsName _current;

    /// <summary>The names the walk has reached, so that a loop ends it.</summary>
    private readonly HashSet<DnsName> _visited;

    /// <summary>
    /// Follows the CNAME and DNAME chain from the question name, verifying each answer RRset in its own zone, until it
    /// ends in data, in a proof of absence, or in a verdict of its own (a loop, a chain beyond the limit).
    /// </summary>
    public async ValueTask WalkAsync()
    {
        for (int links = 0; ; links++)
        {
            if (links > Options.Limits.ChainLength)
            {
                Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the CNAME/DNAME chain from {_question.Name} is longer than {Options.Limits.ChainLength} links; stopped (work limit)"));
                return;
            }

            if (!await StepAsync().ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Validates what the answer holds at the current name; true when it leads on to another name.</summary>
    private async ValueTask<bool> StepAsync()
    {
        RecordType type = _question.Type;

        // RRSIG records carry no signatures of their own, so an RRSIG question cannot be validated (as in Unbound).
        if (type == RecordType.RRSIG && _answerRecords.FindAll(r => r.Type == RecordType.RRSIG && r.Owner.Equals(_current)) is { Count: > 0 } signatures)
        {
            var rrsigs = new DnsRRset(signatures);
            _rrsets.Add(new RRsetValidation(rrsigs, ValidationResult.NotValidatable($"{_current} RRSIG: signatures are not signed themselves, so they cannot be validated"), rrsigs.Ttl, null, null));
            return false;
        }

        // An ANY answer is every RRset at the name, a CNAME included: it is not followed (as Unbound answers ANY).
        if (type == RecordType.ANY && FindAny(_answers, _current) is { Count: > 0 } every)
        {
            await AnswerAnyAsync(every).ConfigureAwait(false);
            return false;
        }

        // RFC 2181 §10.1: a CNAME has no other data beside it. When a response puts some there, whichever of the
        // two comes first in the answer section is taken, as Unbound takes it, and the other is left out.
        DnsRRset? aliasHere = type == RecordType.CNAME ? null : Find(_answers, _current, RecordType.CNAME);
        DnsRRset? dataHere = Find(_answers, _current, type);
        if (aliasHere is not null && dataHere is not null && IndexOf(_answers, dataHere) < IndexOf(_answers, aliasHere))
        {
            aliasHere = null;
        }

        if (aliasHere is null && dataHere is { } data)
        {
            RRsetValidation validated = await ValidateAsync(data).ConfigureAwait(false);
            await CheckWildcardAsync(validated, _current, type).ConfigureAwait(false);
            RequireDataRcode(type, validated.Status == SecurityStatus.Secure);
            return false;
        }

        if (FindDname(_answers, _current) is { } dname)
        {
            return await FollowDnameAsync(dname).ConfigureAwait(false);
        }

        if (aliasHere is { } alias)
        {
            RRsetValidation validated = await ValidateAsync(alias).ConfigureAwait(false);
            await CheckWildcardAsync(validated, _current, RecordType.CNAME).ConfigureAwait(false);
            return Advance(NameData.From(alias.Records[0]).Target);
        }

        await ProveAbsenceAsync(_current, type, _response.ResponseCode == DnsResponseCode.NXDomain).ConfigureAwait(false);
        return false;
    }

    /// <summary>Validates every RRset at the name, for an ANY question.</summary>
    private async ValueTask AnswerAnyAsync(List<DnsRRset> every)
    {
        bool signed = false;
        foreach (DnsRRset rrset in every)
        {
            RRsetValidation validated = await ValidateAsync(rrset).ConfigureAwait(false);
            await CheckWildcardAsync(validated, _current, rrset.Type).ConfigureAwait(false);
            signed |= validated.Status == SecurityStatus.Secure;
        }

        RequireDataRcode(_question.Type, signed);
    }

    /// <summary>
    /// Validates the DNAME that applies to the current name and the CNAME it synthesises (RFC 6672 §5.3.2); true when
    /// the walk goes on at the CNAME's target.
    /// </summary>
    private async ValueTask<bool> FollowDnameAsync(DnsRRset dname)
    {
        RRsetValidation validated = await ValidateAsync(dname).ConfigureAwait(false);
        if (validated.Wildcard is not null)
        {
            // RFC 4592 §4.4: a DNAME owned by a wildcard is not expanded (Unbound's val_dnamewc), so a DNAME
            // whose signature shows it was synthesised from one is no authentic redirection.
            Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNAME at {dname.Owner} was synthesised from the wildcard {validated.Wildcard}, and DNAMEs are not expanded from wildcards"));
            return false;
        }

        DnsName? synthesized = Substitute(_current, dname);
        DnsRRset? cname = Find(_answers, _current, RecordType.CNAME);
        if (synthesized is null)
        {
            // RFC 6672 §2.2: the server answers such an overflow with the DNAME and YXDOMAIN. The DNAME is
            // proven, the rcode is not something a signature covers: handed out without AD, as Unbound does.
            Conclude(_response.ResponseCode == DnsResponseCode.YXDomain && validated.Status == SecurityStatus.Secure
                ? ValidationResult.NotValidatable($"the DNAME at {dname.Owner} makes {_current} longer than 255 octets, so the server rightly answered YXDOMAIN (RFC 6672 §2.2), which no signature covers")
                : ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNAME at {dname.Owner} makes {_current} longer than 255 octets"));
            return false;
        }

        DnsRecord? matching = cname?.Records.FirstOrDefault(r => NameData.From(r).Target.Equals(synthesized));
        if (cname is null || matching is null)
        {
            Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus,
                cname is null
                    ? $"the DNAME at {dname.Owner} applies to {_current}, but the answer has no CNAME for it"
                    : $"the CNAME {_current} -> {NameData.From(cname.Records[0]).Target} does not match the DNAME at {dname.Owner}, which gives {synthesized}"));
            return false;
        }

        // RFC 6672 §5.3.2: a CNAME synthesised from a validated DNAME is as secure as the DNAME, and it is one
        // record (RFC 2181 §10.1): others beside it are covered by no signature and are left out of the answer,
        // as Unbound's scrubber replaces the CNAME by its own synthesis.
        var synthesis = new DnsRRset([matching]);
        string extra = cname.Records.Count > 1 ? $"; {cname.Records.Count - 1} other CNAME records at {_current}, covered by no signature, were left out" : "";
        _rrsets.Add(new RRsetValidation(synthesis, validated.Result with { Reason = $"{_current} CNAME {synthesized} is synthesised from the DNAME at {dname.Owner}{extra}" }, Math.Min(synthesis.Ttl, validated.Ttl), validated.Signer, null));
        return Advance(synthesized);
    }

    /// <summary>
    /// The rcode is not signed, so it must agree with the records that are: a response that ends in signed data for the
    /// name (RFC 1035 §4.1.1) cannot also say the name does not exist (RFC 8020); such an rcode was changed on the way.
    /// Data that is not Secure shows nothing either way: below a proven unsigned delegation it stays Insecure (RFC 4035
    /// §4.3), and Bogus data is Bogus already.
    /// </summary>
    private void RequireDataRcode(RecordType type, bool signed)
    {
        if (_response.ResponseCode == DnsResponseCode.NXDomain && signed)
        {
            Conclude(DnssecValidator.RcodeMismatch(_current, type));
        }
    }

    /// <summary>Moves the walk on to <paramref name="target"/>; false, with the verdict, when the chain loops.</summary>
    private bool Advance(DnsName target)
    {
        if (!_visited.Add(target))
        {
            Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the CNAME chain from {_question.Name} loops back to {target}"));
            return false;
        }

        _current = target;
        return true;
    }

    private static DnsRRset? Find(IReadOnlyList<DnsRRset> rrsets, DnsName owner, RecordType type)
    {
        foreach (DnsRRset rrset in rrsets)
        {
            if (rrset.Type == type && rrset.Owner.Equals(owner) && rrset.Records.Count > 0 && rrset.Records[0].Type != RecordType.RRSIG)
            {
                return rrset;
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<DnsRRset> rrsets, DnsRRset rrset)
    {
        for (int i = 0; i < rrsets.Count; i++)
        {
            if (ReferenceEquals(rrsets[i], rrset))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The RRsets owned by <paramref name="owner"/>, for an ANY question.</summary>
    private static List<DnsRRset> FindAny(IReadOnlyList<DnsRRset> rrsets, DnsName owner)
    {
        var found = new List<DnsRRset>();
        foreach (DnsRRset rrset in rrsets)
        {
            if (rrset.Type != RecordType.RRSIG && rrset.Owner.Equals(owner) && rrset.Records.Count > 0 && rrset.Records[0].Type != RecordType.RRSIG)
            {
                found.Add(rrset);
            }
        }

        return found;
    }

    /// <summary>The DNAME RRset of the closest ancestor of <paramref name="name"/> that has one.</summary>
    private static DnsRRset? FindDname(IReadOnlyList<DnsRRset> rrsets, DnsName name)
    {
        DnsRRset? best = null;
        foreach (DnsRRset rrset in rrsets)
        {
            if (rrset.Type == RecordType.DNAME && name.IsStrictSubdomainOf(rrset.Owner) && (best is null || rrset.Owner.LabelCount > best.Owner.LabelCount))
            {
                best = rrset;
            }
        }

        return best;
    }

    /// <summary>The DNAME substitution of RFC 6672 §2.2: the owner suffix replaced by the target; null when too long.</summary>
    private static DnsName? Substitute(DnsName name, DnsRRset dname)
    {
        DnsName target = NameData.From(dname.Records[0]).Target;
        int keep = name.LabelCount - dname.Owner.LabelCount;
        DnsName prefix = DnsName.Root;
        for (int i = keep - 1; i >= 0; i--)
        {
            prefix = prefix.Prepend(name.GetLabel(i));
        }

        return prefix.WireLength - 1 + target.WireLength > DnsName.MaxLength ? null : prefix.Concat(target);
    }
}
