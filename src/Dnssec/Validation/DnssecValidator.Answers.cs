using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>
    /// Validates a response to <paramref name="question"/>: follows the CNAME and DNAME chain from the question name,
    /// verifies each answer RRset in its own zone (checking synthesised CNAMEs against their DNAME, RFC 6672 §5.3.2),
    /// requires proof that no closer name exists for wildcard expansions (RFC 4035 §5.3.4), and for NXDOMAIN and
    /// NODATA requires the NSEC or NSEC3 proof (RFC 4035 §5.4, RFC 5155 §8). The result is the weakest link.
    /// </summary>
    public async ValueTask<AnswerValidation> ValidateAsync(DnsQuestion question, DnsMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(response);
        var run = new AnswerRun(this, CreateBudget(), cancellationToken);
        (List<DnsRecord> answerRecords, List<DnsRecord> authorityRecords, List<DnsRecord> additionalRecords) = PlaceSignatures(response);
        IReadOnlyList<DnsRRset> answers = DnsRRset.Group(answerRecords);
        IReadOnlyList<DnsRRset> authority = DnsRRset.Group(authorityRecords);
        IReadOnlyList<DnsRRset> additional = DnsRRset.Group(additionalRecords);
        DnsName current = question.Name;
        var visited = new HashSet<DnsName> { current };
        for (int links = 0; ; links++)
        {
            if (links > Options.Limits.ChainLength)
            {
                run.Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the CNAME/DNAME chain from {question.Name} is longer than {Options.Limits.ChainLength} links; stopped (work limit)"));
                break;
            }

            // RRSIG records carry no signatures of their own, so an RRSIG question cannot be validated (as in Unbound).
            if (question.Type == RecordType.RRSIG && answerRecords.FindAll(r => r.Type == RecordType.RRSIG && r.Owner.Equals(current)) is { Count: > 0 } signatures)
            {
                var rrsigs = new DnsRRset(signatures);
                run.Add(new RRsetValidation(rrsigs, ValidationResult.NotValidatable($"{current} RRSIG: signatures are not signed themselves, so they cannot be validated"), rrsigs.Ttl, null, null));
                break;
            }

            // An ANY answer is every RRset at the name, a CNAME included: it is not followed (as Unbound answers ANY).
            if (question.Type == RecordType.ANY && FindAny(answers, current) is { Count: > 0 } every)
            {
                bool signed = false;
                foreach (DnsRRset rrset in every)
                {
                    RRsetValidation validated = await run.ValidateAsync(rrset).ConfigureAwait(false);
                    await run.CheckWildcardAsync(validated, current, rrset.Type, authority).ConfigureAwait(false);
                    signed |= validated.Status == SecurityStatus.Secure;
                }

                RequireDataRcode(response, current, question.Type, run, signed);
                break;
            }

            // RFC 2181 §10.1: a CNAME has no other data beside it. When a response puts some there, whichever of the
            // two comes first in the answer section is taken, as Unbound takes it, and the other is left out.
            DnsRRset? aliasHere = question.Type == RecordType.CNAME ? null : Find(answers, current, RecordType.CNAME);
            DnsRRset? dataHere = Find(answers, current, question.Type);
            if (aliasHere is not null && dataHere is not null && IndexOf(answers, dataHere) < IndexOf(answers, aliasHere))
            {
                aliasHere = null;
            }

            if (aliasHere is null && dataHere is { } data)
            {
                RRsetValidation validated = await run.ValidateAsync(data).ConfigureAwait(false);
                await run.CheckWildcardAsync(validated, current, question.Type, authority).ConfigureAwait(false);
                RequireDataRcode(response, current, question.Type, run, validated.Status == SecurityStatus.Secure);
                break;
            }

            if (FindDname(answers, current) is { } dname)
            {
                RRsetValidation validated = await run.ValidateAsync(dname).ConfigureAwait(false);
                if (validated.Wildcard is not null)
                {
                    // RFC 4592 §4.4: a DNAME owned by a wildcard is not expanded (Unbound's val_dnamewc), so a DNAME
                    // whose signature shows it was synthesised from one is no authentic redirection.
                    run.Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNAME at {dname.Owner} was synthesised from the wildcard {validated.Wildcard}, and DNAMEs are not expanded from wildcards"));
                    break;
                }

                DnsName? synthesized = Substitute(current, dname);
                DnsRRset? cname = Find(answers, current, RecordType.CNAME);
                if (synthesized is null)
                {
                    // RFC 6672 §2.2: the server answers such an overflow with the DNAME and YXDOMAIN. The DNAME is
                    // proven, the rcode is not something a signature covers: handed out without AD, as Unbound does.
                    run.Conclude(response.ResponseCode == DnsResponseCode.YXDomain && validated.Status == SecurityStatus.Secure
                        ? ValidationResult.NotValidatable($"the DNAME at {dname.Owner} makes {current} longer than 255 octets, so the server rightly answered YXDOMAIN (RFC 6672 §2.2), which no signature covers")
                        : ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the DNAME at {dname.Owner} makes {current} longer than 255 octets"));
                    break;
                }

                DnsRecord? matching = cname?.Records.FirstOrDefault(r => NameData.From(r).Target.Equals(synthesized));
                if (cname is null || matching is null)
                {
                    run.Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus,
                        cname is null
                            ? $"the DNAME at {dname.Owner} applies to {current}, but the answer has no CNAME for it"
                            : $"the CNAME {current} -> {NameData.From(cname.Records[0]).Target} does not match the DNAME at {dname.Owner}, which gives {synthesized}"));
                    break;
                }

                // RFC 6672 §5.3.2: a CNAME synthesised from a validated DNAME is as secure as the DNAME, and it is one
                // record (RFC 2181 §10.1): others beside it are covered by no signature and are left out of the answer,
                // as Unbound's scrubber replaces the CNAME by its own synthesis.
                var synthesis = new DnsRRset([matching]);
                string extra = cname.Records.Count > 1 ? $"; {cname.Records.Count - 1} other CNAME records at {current}, covered by no signature, were left out" : "";
                run.Add(new RRsetValidation(synthesis, validated.Result with { Reason = $"{current} CNAME {synthesized} is synthesised from the DNAME at {dname.Owner}{extra}" }, Math.Min(synthesis.Ttl, validated.Ttl), validated.Signer, null));
                if (!Advance(ref current, synthesized, visited, run, question))
                {
                    break;
                }

                continue;
            }

            if (aliasHere is { } alias)
            {
                RRsetValidation validated = await run.ValidateAsync(alias).ConfigureAwait(false);
                await run.CheckWildcardAsync(validated, current, RecordType.CNAME, authority).ConfigureAwait(false);
                if (!Advance(ref current, NameData.From(alias.Records[0]).Target, visited, run, question))
                {
                    break;
                }

                continue;
            }

            await run.ProveAbsenceAsync(current, question.Type, response.ResponseCode == DnsResponseCode.NXDomain, authority).ConfigureAwait(false);
            break;
        }

        return run.Finish(question, run.ProvenResponseCode ?? response.ResponseCode, current, authority, additional);
    }

    /// <summary>
    /// The three sections with every RRSIG beside the RRset it covers: a server that put an RRSIG in another section
    /// than its RRset (Unbound's val_noadwhennodo) has the signature moved there, as Unbound's parser does, rather than
    /// leaving the RRset unsigned. An RRSIG whose RRset is in no section, or in its own, stays where it is.
    /// </summary>
    private static (List<DnsRecord> Answers, List<DnsRecord> Authorities, List<DnsRecord> Additionals) PlaceSignatures(DnsMessage response)
    {
        List<DnsRecord>[] sections = [[.. response.Answers], [.. response.Authorities], [.. response.Additionals]];
        for (int from = 0; from < sections.Length; from++)
        {
            for (int i = sections[from].Count - 1; i >= 0; i--)
            {
                DnsRecord record = sections[from][i];
                if (record.Type != RecordType.RRSIG)
                {
                    continue;
                }

                RecordType covered = RrsigData.From(record).TypeCovered;
                if (Holds(sections[from], record.Owner, covered))
                {
                    continue;
                }

                int to = Array.FindIndex(sections, section => Holds(section, record.Owner, covered));
                if (to >= 0)
                {
                    sections[from].RemoveAt(i);
                    sections[to].Add(record);
                }
            }
        }

        return (sections[0], sections[1], sections[2]);
    }

    /// <summary>
    /// <paramref name="response"/> with every RRSIG beside the RRset it covers (<see cref="PlaceSignatures"/>), for the
    /// DS and DNSKEY responses of the chain of trust, which must be read as an answer to the same question is read.
    /// </summary>
    private static DnsMessage WithSignaturesPlaced(DnsMessage response)
    {
        (List<DnsRecord> answers, List<DnsRecord> authorities, List<DnsRecord> additionals) = PlaceSignatures(response);
        var placed = new DnsMessage { Id = response.Id, Flags = response.Flags, OpCode = response.OpCode, ResponseCode = response.ResponseCode, Edns = response.Edns };
        placed.Questions.AddRange(response.Questions);
        placed.Answers.AddRange(answers);
        placed.Authorities.AddRange(authorities);
        placed.Additionals.AddRange(additionals);
        return placed;
    }

    /// <summary>
    /// The rcode is not signed, so it must agree with the records that are: a response that ends in signed data for the
    /// name (RFC 1035 §4.1.1) cannot also say the name does not exist (RFC 8020); such an rcode was changed on the way.
    /// Data that is not Secure shows nothing either way: below a proven unsigned delegation it stays Insecure (RFC 4035
    /// §4.3), and Bogus data is Bogus already.
    /// </summary>
    private static void RequireDataRcode(DnsMessage response, DnsName name, RecordType type, AnswerRun run, bool signed)
    {
        if (response.ResponseCode == DnsResponseCode.NXDomain && signed)
        {
            run.Conclude(RcodeMismatch(name, type));
        }
    }

    /// <summary>The verdict on a response that says NXDOMAIN beside a signed RRset of the name.</summary>
    private static ValidationResult RcodeMismatch(DnsName name, RecordType type) =>
        ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus,
            $"the response says NXDOMAIN, but it holds {name} {Presentation.Mnemonics.FormatRecordType(type)}, so {name} exists: the rcode does not match the signed data");

    private static bool Holds(List<DnsRecord> section, DnsName owner, RecordType type) =>
        section.Exists(r => r.Type == type && r.Owner.Equals(owner));

    private static bool Advance(ref DnsName current, DnsName target, HashSet<DnsName> visited, AnswerRun run, DnsQuestion question)
    {
        if (!visited.Add(target))
        {
            run.Conclude(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the CNAME chain from {question.Name} loops back to {target}"));
            return false;
        }

        current = target;
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
