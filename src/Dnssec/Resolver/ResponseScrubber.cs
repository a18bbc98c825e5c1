using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Removes from an authoritative server's response what that server cannot speak for, before iterative resolution
/// uses any of it, as Unbound's iterator does in <c>scrub_sanitize</c> (iter_scrub.c). The server is believed only for
/// the zone it was asked as, its bailiwick: records owned outside it are removed from every section, and so is an NSEC
/// whose next name leaves it. In the answer section only the query name's records stay, with a DNAME above the query
/// name (its synthesized CNAME is owned by the query name): of an answer for an alias only the alias record is
/// necessarily authoritative, and the rest of the chain is asked for again (RFC 2181 §5.4.1).
/// </summary>
/// <remarks>
/// A referral keeps what it is for: the child's NS, DS and NSEC records are owned inside the parent's zone, and glue is
/// taken from the additional section only for the child's server names inside that zone (RFC 2181 §5.4.1), by
/// <see cref="IterativeResolver"/>. Unbound also empties the additional section once it removes a record naming
/// servers (NS, MX, SRV …), because its normalizing pass has approved the addresses of such names; no address is used
/// here on the strength of those records, so there is nothing to withdraw. Unbound keeps an NS RRset above the zone
/// in a NODATA response to call the server lame; here such a response is lame without it (see
/// <see cref="IterativeResolver"/>), so it goes with the rest.
/// </remarks>
internal static class ResponseScrubber
{
    /// <summary>Removes, in place, what <paramref name="response"/> to <paramref name="question"/> holds outside the bailiwick <paramref name="zone"/>.</summary>
    public static void Scrub(DnsMessage response, DnsQuestion question, DnsName zone)
    {
        MoveSignaturesToTheirData(response, question.Name);
        response.Answers.RemoveAll(record => !InAnswer(record, question.Name, zone));
        response.Authorities.RemoveAll(record => !record.Owner.IsSubdomainOf(zone));
        response.Additionals.RemoveAll(record => !record.Owner.IsSubdomainOf(zone));
        RemoveOverreachingNsec(response.Answers, zone);
        RemoveOverreachingNsec(response.Authorities, zone);
        RemoveOverreachingNsec(response.Additionals, zone);
    }

    /// <summary>
    /// Moves an RRSIG of the answer section that is not the query name's to the section holding the RRset it covers,
    /// as Unbound's parser joins a signature to its RRset wherever the two are: some servers put the signature of an
    /// additional-section address in the answer section, and it goes where its data goes.
    /// </summary>
    private static void MoveSignaturesToTheirData(DnsMessage response, DnsName name)
    {
        for (int i = response.Answers.Count - 1; i >= 0; i--)
        {
            DnsRecord record = response.Answers[i];
            if (record.Type != RecordType.RRSIG || record.Owner.Equals(name))
            {
                continue;
            }

            RecordType covered = RrsigData.From(record).TypeCovered;
            bool Covers(DnsRecord data) => data.Type == covered && data.Owner.Equals(record.Owner);
            if (response.Answers.Exists(Covers))
            {
                continue;
            }

            List<DnsRecord>? home = response.Authorities.Exists(Covers) ? response.Authorities : response.Additionals.Exists(Covers) ? response.Additionals : null;
            if (home is not null)
            {
                response.Answers.RemoveAt(i);
                home.Add(record);
            }
        }
    }

    /// <summary>Whether an answer record stays: owned by the query name, or a DNAME (or its RRSIG) above it, inside the zone.</summary>
    private static bool InAnswer(DnsRecord record, DnsName name, DnsName zone)
    {
        if (!record.Owner.IsSubdomainOf(zone))
        {
            return false;
        }

        if (record.Owner.Equals(name))
        {
            return true;
        }

        return name.IsStrictSubdomainOf(record.Owner) && CoveredType(record) == RecordType.DNAME;
    }

    /// <summary>
    /// Removes the NSEC RRsets, with their signatures, of which a record's next name is outside the zone: an NSEC
    /// from this zone never points out of it, so such a record could only deny names the server does not serve.
    /// </summary>
    private static void RemoveOverreachingNsec(List<DnsRecord> section, DnsName zone)
    {
        List<DnsName>? overreaching = null;
        foreach (DnsRecord record in section)
        {
            if (record.Type == RecordType.NSEC && !NsecData.From(record).NextDomainName.IsSubdomainOf(zone))
            {
                (overreaching ??= []).Add(record.Owner);
            }
        }

        if (overreaching is not null)
        {
            section.RemoveAll(record => CoveredType(record) == RecordType.NSEC && overreaching.Contains(record.Owner));
        }
    }

    /// <summary>The record's type, or for an RRSIG the type it covers, so that a signature goes with its RRset.</summary>
    private static RecordType CoveredType(DnsRecord record) =>
        record.Type == RecordType.RRSIG ? RrsigData.From(record).TypeCovered : record.Type;
}
