using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Zones;

/// <summary>
/// Signs a whole zone: adds the keys, an NSEC or NSEC3 chain, and RRSIGs over every authoritative RRset
/// (RFC 4035 §2). Key-signing keys sign the DNSKEY RRset and zone-signing keys the rest; when a zone has only one
/// kind, that kind signs everything. Glue and names below delegations are left unsigned.
/// </summary>
public static class ZoneSigner
{
    /// <summary>Signs the records of the zone at <paramref name="origin"/> and returns the signed zone in canonical order.</summary>
    /// <exception cref="ArgumentException">No key was given, a key belongs to another zone, or the zone has no SOA.</exception>
    public static IReadOnlyList<DnsRecord> Sign(DnsName origin, IEnumerable<DnsRecord> records, IReadOnlyList<SigningKey> keys, ZoneSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A zone needs at least one key to be signed.", nameof(keys));
        }

        foreach (SigningKey key in keys)
        {
            if (!key.Zone.Equals(origin))
            {
                throw new ArgumentException($"Key {key.KeyTag} belongs to {key.Zone}, not {origin}.", nameof(keys));
            }
        }

        var zone = new ZoneIndex(origin, records, keepDnssecRecords: false);
        DnsRecord soa = zone.Soa ?? throw new ArgumentException($"The zone {origin} has no SOA record.", nameof(records));
        foreach (SigningKey key in keys)
        {
            zone.Add(key.Dnskey.WithTtl(soa.Ttl));
        }

        // RFC 4034 §4 and RFC 9077: denial records live as long as a negative answer may be cached.
        uint denialTtl = Math.Min(soa.Ttl, SoaData.From(soa).Minimum);
        if (options.Denial == DenialOfExistence.Nsec3)
        {
            zone.Add(new DnsRecord(origin, RecordType.NSEC3PARAM, RecordClass.IN, 0,
                Nsec3ParamData.Encode(Nsec3Hasher.Sha1, 0, options.Nsec3Iterations, options.Nsec3Salt.Span)));
        }

        var output = new List<DnsRecord>();
        List<DnsRecord> denial = options.Denial switch
        {
            DenialOfExistence.Nsec => BuildNsecChain(zone, denialTtl),
            DenialOfExistence.Nsec3 => BuildNsec3Chain(zone, options, denialTtl),
            _ => [],
        };

        foreach (DnsRecord record in denial)
        {
            zone.Add(record);
        }

        List<SigningKey> keySigning = keys.Where(k => k.IsKeySigningKey).ToList();
        List<SigningKey> zoneSigning = keys.Where(k => !k.IsKeySigningKey).ToList();
        if (keySigning.Count == 0)
        {
            keySigning = zoneSigning;
        }

        if (zoneSigning.Count == 0)
        {
            zoneSigning = keySigning;
        }

        foreach (DnsName owner in zone.SortedOwners)
        {
            SortedDictionary<RecordType, List<DnsRecord>> sets = zone.Names[owner];
            NameKind kind = zone.Classify(owner);
            foreach ((RecordType type, List<DnsRecord> rrset) in sets)
            {
                output.AddRange(rrset);
                if (!ShouldSign(kind, type))
                {
                    continue;
                }

                foreach (SigningKey key in type == RecordType.DNSKEY ? keySigning : zoneSigning)
                {
                    output.Add(RrsetSigner.Sign(rrset, key, options.Inception, options.Expiration));
                }
            }
        }

        return output;
    }

    private static bool ShouldSign(NameKind kind, RecordType type) => kind switch
    {
        // RFC 4035 §2.2: at a delegation only DS and the denial records are authoritative.
        NameKind.Delegation => type is RecordType.DS or RecordType.NSEC,
        NameKind.Occluded => false,
        _ => true,
    };

    private static List<DnsRecord> BuildNsecChain(ZoneIndex zone, uint ttl)
    {
        var owners = zone.SortedOwners.Where(name => zone.Classify(name) != NameKind.Occluded).ToList();
        var chain = new List<DnsRecord>(owners.Count);
        for (int i = 0; i < owners.Count; i++)
        {
            DnsName owner = owners[i];
            DnsName next = owners[(i + 1) % owners.Count];
            var types = new List<RecordType>(zone.Names[owner].Keys) { RecordType.NSEC, RecordType.RRSIG };
            chain.Add(new DnsRecord(owner, RecordType.NSEC, RecordClass.IN, ttl, NsecData.Encode(next, types)));
        }

        return chain;
    }

    private static List<DnsRecord> BuildNsec3Chain(ZoneIndex zone, ZoneSigningOptions options, uint ttl)
    {
        // RFC 5155 §7.1: every authoritative name and every empty non-terminal gets an NSEC3, unless opt-out skips
        // an unsigned delegation.
        var hashed = new SortedDictionary<byte[], List<RecordType>>(Nsec3Hasher.HashOrder);
        foreach (DnsName name in zone.AllNamesWithEmptyNonTerminals())
        {
            NameKind kind = zone.Classify(name);
            if (kind == NameKind.Occluded)
            {
                continue;
            }

            List<RecordType> types = zone.Names.TryGetValue(name, out var sets) ? [.. sets.Keys] : [];
            bool unsignedDelegation = kind == NameKind.Delegation && !types.Contains(RecordType.DS);
            if (unsignedDelegation && options.Nsec3OptOut)
            {
                continue;
            }

            if (types.Count > 0 && !unsignedDelegation)
            {
                types.Add(RecordType.RRSIG);
            }

            byte[] hash = new byte[Nsec3Hasher.HashLength];
            Nsec3Hasher.Compute(name, options.Nsec3Salt.Span, options.Nsec3Iterations, hash);
            hashed[hash] = types;
        }

        var hashes = hashed.Keys.ToList();
        var chain = new List<DnsRecord>(hashes.Count);
        byte flags = options.Nsec3OptOut ? Nsec3Data.OptOutFlag : (byte)0;
        for (int i = 0; i < hashes.Count; i++)
        {
            DnsName owner = zone.Origin.Prepend(System.Text.Encoding.ASCII.GetBytes(Nsec3Hasher.ToLabel(hashes[i])));
            chain.Add(new DnsRecord(owner, RecordType.NSEC3, RecordClass.IN, ttl,
                Nsec3Data.Encode(Nsec3Hasher.Sha1, flags, options.Nsec3Iterations, options.Nsec3Salt.Span, hashes[(i + 1) % hashes.Count], hashed[hashes[i]])));
        }

        return chain;
    }
}
