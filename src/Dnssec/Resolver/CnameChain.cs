using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Completes the CNAME chain of a response that stops at a target it holds no answer for, as a recursive server
/// would: the target is asked for and its answer merged in, link by link, so that one response holds the whole chain.
/// Used by iterative resolution (authorities never follow CNAMEs out of their zones) and by stub resolution (an
/// upstream may return the alias alone, as the forwarder of Unbound's val_cnametocloser does).
/// </summary>
internal static class CnameChain
{
    /// <summary>
    /// Follows the chain of <paramref name="response"/> from the question name, asking <paramref name="ask"/> for each
    /// target without an answer (null when it has none), and merges what comes back into <paramref name="response"/>;
    /// at most <paramref name="maxLinks"/> links (<see cref="ResolverLimits.CnameLinks"/>) are followed. An ANY or CNAME
    /// question is answered by what the name holds, so nothing is followed for it.
    /// </summary>
    public static async ValueTask CompleteAsync(DnsQuestion question, DnsMessage response, Func<DnsQuestion, ValueTask<DnsMessage?>> ask, int maxLinks)
    {
        var visited = new HashSet<DnsName> { question.Name };
        DnsName current = question.Name;
        for (int link = 0; link < maxLinks && question.Type is not (RecordType.CNAME or RecordType.ANY); link++)
        {
            DnsName? next = Next(response, current, question.Type);
            if (next is null || !visited.Add(next))
            {
                break;
            }

            if (response.Answers.Exists(r => r.Owner.Equals(next) && (r.Type == question.Type || r.Type == RecordType.CNAME)))
            {
                current = next;
                continue;
            }

            if (await ask(question with { Name = next }).ConfigureAwait(false) is not { } target)
            {
                break;
            }

            // The denial records already gathered stay: they prove the wildcard expansions earlier in the chain
            // (RFC 4035 §5.3.4). The rest of the authority section is the target's, whose rcode the answer now has, and
            // so is the additional section, which serves the authority records (as Unbound assembles the chain).
            response.Answers.AddRange(target.Answers);
            response.Authorities.RemoveAll(r => !IsDenial(r));
            response.Authorities.AddRange(target.Authorities);
            response.Additionals.Clear();
            response.Additionals.AddRange(target.Additionals);
            response.ResponseCode = target.ResponseCode;
            current = next;
        }
    }

    /// <summary>Whether the record is an NSEC or NSEC3, or an RRSIG over one.</summary>
    public static bool IsDenial(DnsRecord record) =>
        record.Type is RecordType.NSEC or RecordType.NSEC3
        || (record.Type == RecordType.RRSIG && RrsigData.From(record).TypeCovered is RecordType.NSEC or RecordType.NSEC3);

    /// <summary>
    /// The target of the CNAME at <paramref name="name"/>, unless data of the type comes before it: a response that
    /// puts both there is read in answer order, as the validator reads it (RFC 2181 §10.1 allows only one).
    /// </summary>
    private static DnsName? Next(DnsMessage response, DnsName name, RecordType type)
    {
        int data = response.Answers.FindIndex(r => r.Owner.Equals(name) && r.Type == type);
        int alias = response.Answers.FindIndex(r => r.Owner.Equals(name) && r.Type == RecordType.CNAME);
        return alias < 0 || (data >= 0 && data < alias) ? null : NameData.From(response.Answers[alias]).Target;
    }
}
