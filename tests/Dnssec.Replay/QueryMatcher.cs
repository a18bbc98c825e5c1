using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>Decides whether a canned entry answers a query, by the keywords of its MATCH line (testpkts' find_match).</summary>
public static class QueryMatcher
{
    /// <summary>Whether <paramref name="entry"/> matches <paramref name="query"/> sent over TCP when <paramref name="tcp"/> is set.</summary>
    /// <exception cref="NotSupportedException">The MATCH line has a keyword this runner does not know.</exception>
    public static bool Matches(ReplayEntry entry, DnsMessage query, bool tcp)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(query);
        DnsMessage canned = entry.Message;
        DnsQuestion? asked = query.Questions.Count > 0 ? query.Questions[0] : null;
        DnsQuestion? given = canned.Questions.Count > 0 ? canned.Questions[0] : null;
        foreach (string keyword in entry.Match)
        {
            bool matches = keyword switch
            {
                "opcode" => query.OpCode == canned.OpCode,
                "qtype" => asked?.Type == given?.Type,
                "qname" => asked is not null && given is not null && asked.Name.Equals(given.Name),
                "subdomain" => asked is not null && given is not null && asked.Name.IsSubdomainOf(given.Name),
                "question" => asked is not null && given is not null && asked.Name.Equals(given.Name) && asked.Type == given.Type && asked.Class == given.Class,
                "tcp" => tcp,
                "udp" => !tcp,
                "do" => query.Edns?.DnssecOk == true,
                "noedns" => query.Edns is null,
                "rcode" => query.ResponseCode == canned.ResponseCode,
                _ => throw new NotSupportedException($"MATCH {keyword} (entry at line {entry.Line}) is not supported by this runner"),
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
