using Dnssec.Wire;

namespace Dnssec.Testing;

/// <summary>
/// Answers queries from a set of zones as an authoritative server holding them would (RFC 1034 §4.3.2): referrals
/// with glue and the DS or its proven absence, answers that follow CNAMEs and DNAMEs through the zones it holds,
/// wildcard expansions, and NXDOMAIN and NODATA proven with NSEC or NSEC3 (RFC 4035 §3.1, RFC 5155 §7.2), with DS
/// questions answered by the parent. Everything is signed already; it signs nothing. Safe for concurrent use.
/// </summary>
public sealed class ZoneAuthority
{
    private const int MaxChainLinks = 16;

    private readonly List<AuthoritativeZone> _zones;

    /// <summary>An authority for <paramref name="zones"/>.</summary>
    public ZoneAuthority(IEnumerable<AuthoritativeZone> zones) => _zones = [.. zones];

    /// <summary>The zones it holds.</summary>
    public IReadOnlyList<AuthoritativeZone> Zones => _zones;

    /// <summary>
    /// The response to a question, with DO's records: AA set when it comes from a zone held here, not when it is a
    /// referral; REFUSED for a name outside every zone.
    /// </summary>
    public DnsMessage Answer(DnsQuestion question)
    {
        var response = new DnsMessage { Flags = DnsHeaderFlags.Response };
        response.Questions.Add(question);
        response.Edns = new EdnsRecord { DnssecOk = true };
        DnsName current = question.Name;
        for (int link = 0; link < MaxChainLinks; link++)
        {
            AuthoritativeZone? zone = ZoneFor(current, question.Type);
            if (zone is null)
            {
                // Past the first link the answer so far stands, as a server ends a chain that leaves its zones.
                if (link == 0)
                {
                    response.ResponseCode = DnsResponseCode.Refused;
                }

                break;
            }

            DnsName? next = AnswerFrom(zone, current, question.Type, response);
            if (next is null)
            {
                break;
            }

            current = next;
        }

        return response;
    }

    /// <summary>The zone that answers: the deepest one holding the name, except that DS is the parent's.</summary>
    private AuthoritativeZone? ZoneFor(DnsName name, RecordType type)
    {
        AuthoritativeZone? best = null;
        foreach (AuthoritativeZone zone in _zones)
        {
            bool eligible = name.IsSubdomainOf(zone.Origin) && !(type == RecordType.DS && zone.Origin.Equals(name) && !name.IsRoot);
            if (eligible && (best is null || zone.Origin.LabelCount > best.Origin.LabelCount))
            {
                best = zone;
            }
        }

        return best;
    }

    /// <summary>Adds what <paramref name="zone"/> says about the name to the response; returns the next name of a CNAME or DNAME chain.</summary>
    private static DnsName? AnswerFrom(AuthoritativeZone zone, DnsName name, RecordType type, DnsMessage response)
    {
        if (zone.DelegationAbove(name) is { } cut && !(type == RecordType.DS && cut.Equals(name)))
        {
            // A child zone this authority does not hold: a referral with the DS or its absence, and the glue.
            response.Authorities.AddRange(zone.WithSignatures(cut, RecordType.NS));
            AddGlue(zone, cut, response);
            if (zone.Get(cut, RecordType.DS) is not null)
            {
                response.Authorities.AddRange(zone.WithSignatures(cut, RecordType.DS));
            }
            else
            {
                AddExistingNameDenial(zone, cut, response);
            }

            return null;
        }

        // A referral is the only response not spoken with authority (RFC 1035 §4.1.1).
        response.Flags |= DnsHeaderFlags.Authoritative;
        if (zone.HasName(name))
        {
            if (zone.Get(name, type) is not null)
            {
                response.Answers.AddRange(zone.WithSignatures(name, type));
                return null;
            }

            if (type != RecordType.CNAME && zone.Get(name, RecordType.CNAME) is { } cname)
            {
                response.Answers.AddRange(zone.WithSignatures(name, RecordType.CNAME));
                return NameData.From(cname[0]).Target;
            }

            AddNegative(zone, name, response);
            AddExistingNameDenial(zone, name, response);
            return null;
        }

        for (DnsName ancestor = name.Parent; ancestor.LabelCount >= zone.Origin.LabelCount; ancestor = ancestor.Parent)
        {
            if (zone.Get(ancestor, RecordType.DNAME) is { } dname)
            {
                response.Answers.AddRange(zone.WithSignatures(ancestor, RecordType.DNAME));
                DnsName target = NameData.From(dname[0]).Target;
                DnsName synthesized = Relative(name, ancestor).Concat(target);
                response.Answers.Add(new DnsRecord(name, RecordType.CNAME, RecordClass.IN, dname[0].Ttl, NameData.Encode(synthesized)));
                return synthesized;
            }

            if (ancestor.LabelCount == zone.Origin.LabelCount)
            {
                break;
            }
        }

        DnsName encloser = zone.ClosestEncloser(name);
        DnsName wildcard = encloser.ToWildcard();
        if (zone.HasName(wildcard))
        {
            RecordType found = zone.Get(wildcard, type) is not null ? type : zone.Get(wildcard, RecordType.CNAME) is not null ? RecordType.CNAME : 0;
            if (found != 0)
            {
                // RFC 4035 §3.1.3.3: the expansion keeps the wildcard's RRSIG, and the proof that the name itself is absent comes along.
                foreach (DnsRecord record in zone.WithSignatures(wildcard, found))
                {
                    response.Answers.Add(record.WithOwner(name));
                }

                AddNextCloserDenial(zone, name, encloser, response);
                return found == RecordType.CNAME ? NameData.From(zone.Get(wildcard, RecordType.CNAME)![0]).Target : null;
            }

            AddNegative(zone, name, response);
            AddNextCloserDenial(zone, name, encloser, response);
            AddDenial(zone, wildcard, response);
            return null;
        }

        response.ResponseCode = DnsResponseCode.NXDomain;
        AddNegative(zone, name, response);
        AddNextCloserDenial(zone, name, encloser, response);
        AddDenial(zone, wildcard, response);
        return null;
    }

    /// <summary>The addresses of the cut's name servers that lie inside the zone; out-of-zone names are the resolver's to look up (RFC 2181 §5.4.1).</summary>
    private static void AddGlue(AuthoritativeZone zone, DnsName cut, DnsMessage response)
    {
        foreach (DnsRecord ns in zone.Get(cut, RecordType.NS) ?? [])
        {
            DnsName server = NameData.From(ns).Target;
            if (server.IsSubdomainOf(zone.Origin))
            {
                response.Additionals.AddRange(zone.Get(server, RecordType.A) ?? []);
                response.Additionals.AddRange(zone.Get(server, RecordType.AAAA) ?? []);
            }
        }
    }

    private static void AddNegative(AuthoritativeZone zone, DnsName name, DnsMessage response) =>
        AddOnce(response.Authorities, zone.WithSignatures(zone.Origin, RecordType.SOA));

    /// <summary>The NSEC matching or covering <paramref name="name"/>, or for NSEC3 the record matching or covering its hash.</summary>
    private static void AddDenial(AuthoritativeZone zone, DnsName name, DnsMessage response)
    {
        DnsRecord? record = zone.UsesNsec3 ? zone.Nsec3For(name) : zone.NsecFor(name);
        if (record is not null)
        {
            AddOnce(response.Authorities, [record, .. zone.SignaturesOf(record.Owner, record.Type)]);
        }
    }

    /// <summary>
    /// The denial for a name that exists: its NSEC, or its NSEC3; when opt-out left the name (an unsigned delegation)
    /// without an NSEC3, the closest provable encloser proof instead (RFC 5155 §7.2.4 for DS, §7.2.7 for referrals).
    /// </summary>
    private static void AddExistingNameDenial(AuthoritativeZone zone, DnsName name, DnsMessage response)
    {
        if (!zone.UsesNsec3 || zone.HasNsec3Matching(name))
        {
            AddDenial(zone, name, response);
            return;
        }

        DnsName encloser = name.Parent;
        while (!encloser.Equals(zone.Origin) && !zone.HasNsec3Matching(encloser))
        {
            encloser = encloser.Parent;
        }

        AddNextCloserDenial(zone, name, encloser, response);
    }

    /// <summary>Proof that the name itself does not exist: its covering NSEC, or for NSEC3 the closest encloser's match and the next closer's cover (RFC 5155 §7.2.1).</summary>
    private static void AddNextCloserDenial(AuthoritativeZone zone, DnsName name, DnsName encloser, DnsMessage response)
    {
        if (!zone.UsesNsec3)
        {
            AddDenial(zone, name, response);
            return;
        }

        AddDenial(zone, encloser, response);
        AddDenial(zone, name.GetAncestor(encloser.LabelCount + 1), response);
    }

    private static void AddOnce(List<DnsRecord> section, IEnumerable<DnsRecord> records)
    {
        foreach (DnsRecord record in records)
        {
            if (!section.Exists(existing => existing.Type == record.Type && existing.SameData(record)))
            {
                section.Add(record);
            }
        }
    }

    private static DnsName Relative(DnsName name, DnsName suffix)
    {
        DnsName prefix = DnsName.Root;
        for (int i = name.LabelCount - suffix.LabelCount - 1; i >= 0; i--)
        {
            prefix = prefix.Prepend(name.GetLabel(i));
        }

        return prefix;
    }
}
