using System.Text;
using Dnssec.Crypto;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Testing;

/// <summary>A zone, signed or not, as an authoritative server looks things up in it: RRsets with their signatures, names, cuts and denial chains.</summary>
public sealed class AuthoritativeZone
{
    /// <summary>Indexes the records of the zone at <paramref name="origin"/>, RRSIG, NSEC and NSEC3 included.</summary>
    /// <exception cref="ArgumentException">A record lies outside the zone.</exception>
    /// <exception cref="InvalidOperationException">An NSEC3 owner's first label is not a base32hex hash.</exception>
    public AuthoritativeZone(DnsName origin, IEnumerable<DnsRecord> records)
    {
        Index = new ZoneIndex(origin, records);
        if (Index.MalformedNsec3Owners.Count > 0)
        {
            throw new InvalidOperationException($"NSEC3 owner {Index.MalformedNsec3Owners[0]} is not a base32hex hash directly below {origin}.");
        }

        Nsec3Param = Index.Nsec3Param;
    }

    /// <summary>The zone's records as the library models a zone.</summary>
    public ZoneIndex Index { get; }

    /// <summary>The apex.</summary>
    public DnsName Origin => Index.Origin;

    /// <summary>The apex NSEC3PARAM, when the zone has one.</summary>
    public Nsec3ParamData? Nsec3Param { get; }

    /// <summary>Whether absence is proven with NSEC3 rather than NSEC.</summary>
    public bool UsesNsec3 => Index.UsesNsec3;

    /// <summary>Whether the name owns records or is an empty non-terminal of the zone.</summary>
    public bool HasName(DnsName name) => Index.HasName(name);

    /// <summary>The RRset of that owner and type, without signatures, or null.</summary>
    public IReadOnlyList<DnsRecord>? Get(DnsName owner, RecordType type) => Index.Get(owner, type);

    /// <summary>The RRset with its RRSIGs, or nothing.</summary>
    public IEnumerable<DnsRecord> WithSignatures(DnsName owner, RecordType type) =>
        Get(owner, type) is { } rrset ? rrset.Concat(Index.SignaturesOf(owner, type)) : [];

    /// <summary>The RRSIGs covering the RRset of that owner and type.</summary>
    public IReadOnlyList<DnsRecord> SignaturesOf(DnsName owner, RecordType type) => Index.SignaturesOf(owner, type);

    /// <summary>The delegation point at or above <paramref name="name"/> (below the apex), if any.</summary>
    public DnsName? DelegationAbove(DnsName name) => Index.DelegationAbove(name);

    /// <summary>The longest existing ancestor of a name that does not exist.</summary>
    public DnsName ClosestEncloser(DnsName name)
    {
        DnsName candidate = name;
        while (!candidate.Equals(Origin) && !HasName(candidate))
        {
            candidate = candidate.Parent;
        }

        return candidate;
    }

    /// <summary>The NSEC owned by <paramref name="name"/>, or the one whose span covers it.</summary>
    public DnsRecord? NsecFor(DnsName name) => Index.FindNsec(name);

    /// <summary>Whether an NSEC3 of the zone has the hash of <paramref name="name"/> as its owner.</summary>
    public bool HasNsec3Matching(DnsName name) =>
        Nsec3For(name) is { } record && Nsec3Param is { } param && record.Owner.Equals(Origin.Prepend(Encoding.ASCII.GetBytes(Nsec3Hasher.ToLabel(Hash(name, param)))));

    /// <summary>The NSEC3 whose hash equals the name's, or the one whose span covers it.</summary>
    public DnsRecord? Nsec3For(DnsName name) =>
        UsesNsec3 && Nsec3Param is { } param ? Index.FindNsec3(Hash(name, param)) : null;

    private static byte[] Hash(DnsName name, Nsec3ParamData param)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(name, param.Salt.Span, param.Iterations, hash);
        return hash;
    }
}
