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
        var run = new AnswerRun(this, question, response, cancellationToken);
        await run.WalkAsync().ConfigureAwait(false);
        return run.Finish();
    }

    /// <summary>
    /// The three sections with every RRSIG beside the RRset it covers: a server that put an RRSIG in another section
    /// than its RRset (Unbound's val_noadwhennodo) has the signature moved there, as Unbound's parser does, rather than
    /// leaving the RRset unsigned. An RRSIG whose RRset is in no section, or in its own, stays where it is. The sections
    /// are copied only when a signature moves; otherwise they are the response's own lists, which are only read.
    /// </summary>
    internal static (List<DnsRecord> Answers, List<DnsRecord> Authorities, List<DnsRecord> Additionals) PlaceSignatures(DnsMessage response)
    {
        List<DnsRecord>[] sections = [response.Answers, response.Authorities, response.Additionals];
        bool copied = false;
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

                int to = SectionHolding(sections, record.Owner, covered);
                if (to >= 0)
                {
                    if (!copied)
                    {
                        sections = [[.. sections[0]], [.. sections[1]], [.. sections[2]]];
                        copied = true;
                    }

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

    /// <summary>The verdict on a response that says NXDOMAIN beside a signed RRset of the name.</summary>
    internal static ValidationResult RcodeMismatch(DnsName name, RecordType type) =>
        ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus,
            $"the response says NXDOMAIN, but it holds {name} {Presentation.Mnemonics.FormatRecordType(type)}, so {name} exists: the rcode does not match the signed data");

    // Loops rather than predicates: a lambda over the owner and type would be allocated for every RRSIG of every response.
    private static int SectionHolding(List<DnsRecord>[] sections, DnsName owner, RecordType type)
    {
        for (int i = 0; i < sections.Length; i++)
        {
            if (Holds(sections[i], owner, type))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Holds(List<DnsRecord> section, DnsName owner, RecordType type)
    {
        foreach (DnsRecord record in section)
        {
            if (record.Type == type && record.Owner.Equals(owner))
            {
                return true;
            }
        }

        return false;
    }
}
