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
        // Most responses hold no alias to follow: the set of names seen is made only when there is one.
        HashSet<DnsName>? visited = null;
        DnsName current = question.Name;
        for (int link = 0; link < maxLinks && question.Type is not (RecordType.CNAME or RecordType.ANY); link++)
        {
            DnsName? next = Next(response, current, question.Type);
            if (next is null)
            {
                break;
            }

            visited ??= [question.Name];
            if (!visited.Add(next))
            {
                break;
            }

            if (Find(response.Answers, next, question.Type) >= 0 || Find(response.Answers, next, RecordType.CNAME) >= 0)
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

    /// <summary>Whether the response stops at an alias of the question name that <see cref="CompleteAsync"/> would follow.</summary>
    public static bool HasAlias(DnsQuestion question, DnsMessage response) =>
        question.Type is not (RecordType.CNAME or RecordType.ANY) && Next(response, question.Name, question.Type) is not null;

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
        int data = Find(response.Answers, name, type);
        int alias = Find(response.Answers, name, RecordType.CNAME);
        return alias < 0 || (data >= 0 && data < alias) ? null : NameData.From(response.Answers[alias]).Target;
    }

    /// <summary>The index of the first record of <paramref name="name"/> and <paramref name="type"/>; a loop, since a predicate over them would be allocated for every response.</summary>
    private static int Find(List<DnsRecord> records, DnsName name, RecordType type)
    {
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i].Type == type && records[i].Owner.Equals(name))
            {
                return i;
            }
        }

        return -1;
    }
}
