using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>The answer, authority and additional RRsets of a resolved answer, each with its RRSIGs and a capped TTL.</summary>
public sealed class AnswerSections
{
    /// <summary>Creates the sections.</summary>
    public AnswerSections(IReadOnlyList<DnsRRset> answer, IReadOnlyList<DnsRRset> authority, IReadOnlyList<DnsRRset> additional)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(additional);
        Answer = answer;
        Authority = authority;
        Additional = additional;
    }

    /// <summary>No records at all.</summary>
    public static AnswerSections Empty { get; } = new([], [], []);

    /// <summary>The answer RRsets in the order the CNAME/DNAME chain was followed, each once.</summary>
    public IReadOnlyList<DnsRRset> Answer { get; }

    /// <summary>The authority RRsets: the SOA and denial records of a negative or wildcard answer, and the zone's NS RRset.</summary>
    public IReadOnlyList<DnsRRset> Authority { get; }

    /// <summary>The additional RRsets, such as the addresses of the name servers.</summary>
    public IReadOnlyList<DnsRRset> Additional { get; }

    /// <summary>The same RRsets with every TTL lowered by <paramref name="age"/>, down to zero at most.</summary>
    internal AnswerSections Aged(TimeSpan age)
    {
        uint seconds = (uint)Math.Clamp(age.TotalSeconds, 0, uint.MaxValue);
        return seconds == 0 ? this : new AnswerSections(Age(Answer, seconds), Age(Authority, seconds), Age(Additional, seconds));
    }

    /// <summary>An RRset whose records and RRSIGs all carry <paramref name="ttl"/>, or less where they had less; the RRset itself when none has more.</summary>
    internal static DnsRRset Capped(DnsRRset rrset, uint ttl) =>
        Within(rrset.Records, ttl) && Within(rrset.Signatures, ttl)
            ? rrset
            : new([.. rrset.Records.Select(r => r.WithTtl(Math.Min(r.Ttl, ttl)))], [.. rrset.Signatures.Select(r => r.WithTtl(Math.Min(r.Ttl, ttl)))]);

    private static bool Within(IReadOnlyList<DnsRecord> records, uint ttl)
    {
        foreach (DnsRecord record in records)
        {
            if (record.Ttl > ttl)
            {
                return false;
            }
        }

        return true;
    }

    private static List<DnsRRset> Age(IReadOnlyList<DnsRRset> section, uint seconds) =>
        [.. section.Select(rrset => new DnsRRset(
            [.. rrset.Records.Select(r => r.WithTtl(r.Ttl > seconds ? r.Ttl - seconds : 0))],
            [.. rrset.Signatures.Select(r => r.WithTtl(r.Ttl > seconds ? r.Ttl - seconds : 0))]))];
}
