using System.Buffers;
using System.Text;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>A zone, signed or not, indexed the way an authoritative server needs it: RRsets with their signatures, names, cuts and denial chains.</summary>
public sealed class AuthoritativeZone
{
    private readonly Dictionary<DnsName, Dictionary<RecordType, List<DnsRecord>>> _data = [];
    private readonly Dictionary<(DnsName, RecordType), List<DnsRecord>> _signatures = [];
    private readonly SortedSet<DnsName> _names = [];
    private readonly List<DnsRecord> _nsecs = [];
    private readonly List<(byte[] Hash, DnsRecord Record)> _nsec3s = [];

    /// <summary>Indexes the records of the zone at <paramref name="origin"/>, RRSIG, NSEC and NSEC3 included.</summary>
    /// <exception cref="InvalidOperationException">An NSEC3 owner's first label is not a base32hex hash.</exception>
    public AuthoritativeZone(DnsName origin, IEnumerable<DnsRecord> records)
    {
        Origin = origin;
        foreach (DnsRecord record in records)
        {
            if (record.Type == RecordType.RRSIG)
            {
                var key = (record.Owner, RrsigData.From(record).TypeCovered);
                if (!_signatures.TryGetValue(key, out List<DnsRecord>? list))
                {
                    _signatures[key] = list = [];
                }

                list.Add(record);
                continue;
            }

            if (!_data.TryGetValue(record.Owner, out var byType))
            {
                _data[record.Owner] = byType = [];
            }

            if (!byType.TryGetValue(record.Type, out List<DnsRecord>? rrset))
            {
                byType[record.Type] = rrset = [];
            }

            rrset.Add(record);
            if (record.Type == RecordType.NSEC)
            {
                _nsecs.Add(record);
            }
            else if (record.Type == RecordType.NSEC3)
            {
                _nsec3s.Add((HashOf(record.Owner), record));
                continue;
            }

            for (DnsName name = record.Owner; name.LabelCount >= origin.LabelCount && _names.Add(name) && !name.Equals(origin); name = name.Parent)
            {
            }
        }

        _nsecs.Sort((x, y) => x.Owner.CompareTo(y.Owner));
        _nsec3s.Sort((x, y) => x.Hash.AsSpan().SequenceCompareTo(y.Hash));
        if (_data.TryGetValue(origin, out var apex) && apex.TryGetValue(RecordType.NSEC3PARAM, out var param))
        {
            Nsec3Param = Nsec3ParamData.From(param[0]);
        }
    }

    /// <summary>The apex.</summary>
    public DnsName Origin { get; }

    /// <summary>The apex NSEC3PARAM, when the zone has one.</summary>
    public Nsec3ParamData? Nsec3Param { get; }

    /// <summary>Whether absence is proven with NSEC3 rather than NSEC.</summary>
    public bool UsesNsec3 => _nsec3s.Count > 0;

    /// <summary>Whether the name owns records or is an empty non-terminal of the zone.</summary>
    public bool HasName(DnsName name) => _names.Contains(name);

    /// <summary>The RRset of that owner and type, without signatures, or null.</summary>
    public IReadOnlyList<DnsRecord>? Get(DnsName owner, RecordType type) =>
        _data.TryGetValue(owner, out var byType) && byType.TryGetValue(type, out var rrset) ? rrset : null;

    /// <summary>The RRset with its RRSIGs, or nothing.</summary>
    public IEnumerable<DnsRecord> WithSignatures(DnsName owner, RecordType type)
    {
        if (Get(owner, type) is not { } rrset)
        {
            return [];
        }

        return _signatures.TryGetValue((owner, type), out var signatures) ? rrset.Concat(signatures) : rrset;
    }

    /// <summary>The RRSIGs covering the RRset of that owner and type.</summary>
    public IReadOnlyList<DnsRecord> SignaturesOf(DnsName owner, RecordType type) =>
        _signatures.TryGetValue((owner, type), out var signatures) ? signatures : [];

    /// <summary>The delegation point at or above <paramref name="name"/> (below the apex), if any.</summary>
    public DnsName? DelegationAbove(DnsName name)
    {
        DnsName? found = null;
        for (DnsName candidate = name; candidate.LabelCount > Origin.LabelCount; candidate = candidate.Parent)
        {
            if (Get(candidate, RecordType.NS) is not null)
            {
                found = candidate;
            }
        }

        return found;
    }

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
    public DnsRecord? NsecFor(DnsName name)
    {
        DnsRecord? best = null;
        foreach (DnsRecord nsec in _nsecs)
        {
            if (nsec.Owner.CompareTo(name) <= 0)
            {
                best = nsec;
            }
        }

        return best ?? (_nsecs.Count > 0 ? _nsecs[^1] : null);
    }

    /// <summary>Whether an NSEC3 of the zone has the hash of <paramref name="name"/> as its owner.</summary>
    public bool HasNsec3Matching(DnsName name) =>
        Nsec3For(name) is { } record && Nsec3Param is { } param && record.Owner.Equals(Origin.Prepend(Encoding.ASCII.GetBytes(HashLabel(name, param))));

    /// <summary>The NSEC3 whose hash equals the name's, or the one whose span covers it.</summary>
    public DnsRecord? Nsec3For(DnsName name)
    {
        if (_nsec3s.Count == 0 || Nsec3Param is not { } param)
        {
            return null;
        }

        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(name, param.Salt.Span, param.Iterations, hash);
        DnsRecord? best = null;
        foreach ((byte[] owner, DnsRecord record) in _nsec3s)
        {
            if (owner.AsSpan().SequenceCompareTo(hash) <= 0)
            {
                best = record;
            }
        }

        return best ?? _nsec3s[^1].Record;
    }

    private static string HashLabel(DnsName name, Nsec3ParamData param)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(name, param.Salt.Span, param.Iterations, hash);
        return Nsec3Hasher.ToLabel(hash);
    }

    /// <summary>The hash an NSEC3 owner's first label spells in base32hex.</summary>
    private static byte[] HashOf(DnsName owner)
    {
        var output = new ArrayBufferWriter<byte>();
        string label = Encoding.ASCII.GetString(owner.GetLabel(0));
        return Base32HexText.TryDecode(label, output, out string? error)
            ? output.WrittenSpan.ToArray()
            : throw new InvalidOperationException($"NSEC3 owner {owner}: {error}");
    }
}
