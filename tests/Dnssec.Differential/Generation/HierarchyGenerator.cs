using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.Differential.Generation;

/// <summary>
/// Makes random but realistic hierarchies from a seed: a signed root, one to three TLDs and zone trees down to four
/// labels, each zone with its own algorithm, key layout, denial and data, links between zones, and up to three
/// mutations. The same seed always gives the same hierarchy (<see cref="Random"/> with a seed is stable).
/// </summary>
public sealed class HierarchyGenerator
{
    /// <summary>The most zones a hierarchy has, root included.</summary>
    public const int MaxZones = 12;

    /// <summary>The deepest zone apex, in labels below the root.</summary>
    public const int MaxDepth = 4;

    /// <summary>The algorithms of the issue, each equally likely for every zone.</summary>
    public static readonly DnssecAlgorithm[] Algorithms =
    [
        DnssecAlgorithm.RSASHA1, DnssecAlgorithm.RSASHA1NSEC3SHA1, DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512,
        DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448,
    ];

    /// <summary>
    /// The algorithms for which the key pool finds keys with colliding tags: keys of these make quickly, and a few
    /// hundred of them hold several collisions (a birthday problem over 65,536 tags).
    /// </summary>
    public static readonly DnssecAlgorithm[] CollisionAlgorithms = [DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ED25519];

    /// <summary>The seed of hierarchy <paramref name="number"/> of the campaign seeded with <paramref name="campaignSeed"/> (SplitMix64).</summary>
    public static int HierarchySeed(int campaignSeed, int number)
    {
        ulong z = unchecked(((ulong)(uint)campaignSeed << 32 | (uint)number) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>Hierarchy <paramref name="number"/> of the campaign seeded with <paramref name="campaignSeed"/>.</summary>
    public static HierarchySpec Generate(int campaignSeed, int number) => GenerateFromSeed(number, HierarchySeed(campaignSeed, number));

    /// <summary>The hierarchy that <paramref name="seed"/> makes, numbered <paramref name="number"/>.</summary>
    public static HierarchySpec GenerateFromSeed(int number, int seed)
    {
        var run = new Run(new Random(seed));
        List<ZoneSpec> zones = run.Zones();
        var hierarchy = new HierarchySpec { Number = number, Seed = seed, Zones = zones };
        foreach (ZoneSpec zone in zones)
        {
            run.Data(hierarchy, zone);
        }

        foreach (ZoneSpec zone in zones)
        {
            run.Links(hierarchy, zone);
        }

        hierarchy.Mutations.AddRange(run.Mutations(hierarchy));
        return hierarchy;
    }

    /// <summary>One generation, holding the random source.</summary>
    private sealed class Run(Random random)
    {
        /// <summary>The types a question about a wildcard-expanded name may ask for.</summary>
        private static readonly string[] WildcardQuestionTypes = ["A", "MX", "TXT", "AAAA"];

        public List<ZoneSpec> Zones()
        {
            var zones = new List<ZoneSpec> { NewZone(".", null, parentSigned: true, octet: 1) };
            int target = random.Next(3, MaxZones + 1);
            int tlds = random.Next(1, 4);
            var used = new HashSet<string>();
            for (int i = 0; i < tlds && zones.Count < target; i++)
            {
                zones.Add(NewZone(Names.Child(FreshLabel(used, 3), "."), zones[0], zones[0].Signed, zones.Count + 1));
            }

            // Each further zone below a random zone that may still have children: deep chains and wide trees alike.
            while (zones.Count < target)
            {
                ZoneSpec[] parents = zones.Where(z => z.Name != "." && z.Depth < MaxDepth).ToArray();
                ZoneSpec parent = Pick(parents);
                zones.Add(NewZone(Names.Child(FreshLabel(used, 2), parent.Name), parent, parent.Signed, zones.Count + 1));
            }

            // Parents before children, as the spec promises.
            return [.. zones.OrderBy(z => z.Depth).ThenBy(z => z.Octet)];
        }

        private ZoneSpec NewZone(string name, ZoneSpec? parent, bool parentSigned, int octet)
        {
            bool signed = parent is null || (parentSigned ? Roll(0.85) : Roll(0.3));
            if (!signed)
            {
                return new ZoneSpec { Name = name, Parent = parent?.Name, Octet = octet };
            }

            // A signed child of a signed parent has a DS there, unless this is one of the signed zones behind an insecure
            // delegation (the parent proves there is no DS).
            bool secure = parent is null || (parentSigned && Roll(0.88));
            DnssecAlgorithm algorithm = Pick(Algorithms);
            List<KeySpec> keys = Keys(algorithm, secure);
            bool sha1Only = keys.Exists(k => k.Algorithm == DnssecAlgorithm.RSASHA1);
            return new ZoneSpec
            {
                Name = name,
                Parent = parent?.Name,
                Octet = octet,
                Signed = true,
                Keys = keys,
                // RSASHA1 (5) cannot sign NSEC3 zones (RFC 5155 §2).
                Denial = sha1Only || Roll(0.45) ? new DenialSpec { Kind = DenialKind.Nsec } : Nsec3(),
                DsDigests = Roll(0.7) ? [2] : Pick(new List<int>[] { [1], [4], [1, 2] }),
            };
        }

        private List<KeySpec> Keys(DnssecAlgorithm algorithm, bool secure)
        {
            int bits = Bits(algorithm);
            var keys = new List<KeySpec>();
            KeySpec entry;
            if (Roll(0.4))
            {
                entry = new KeySpec { Id = "csk", Role = KeyRole.Csk, Algorithm = algorithm, Bits = bits, InDs = secure };
                keys.Add(entry);
            }
            else
            {
                entry = new KeySpec { Id = "ksk", Role = KeyRole.Ksk, Algorithm = algorithm, Bits = bits, InDs = secure };
                keys.Add(entry);
                keys.Add(new KeySpec { Id = "zsk", Role = KeyRole.Zsk, Algorithm = algorithm, Bits = bits });
            }

            // Rollover states and oddities, at most two per zone.
            int extras = 0;
            if (extras < 2 && Roll(0.1))
            {
                // A KSK rollover in progress: the next KSK published, its DS at the parent already or not yet.
                keys.Add(new KeySpec { Id = "standby-ksk", Role = KeyRole.Ksk, Algorithm = algorithm, Bits = bits, Signs = false, InDs = secure && Roll(0.5) });
                extras++;
            }

            if (extras < 2 && Roll(0.1))
            {
                keys.Add(new KeySpec { Id = "standby-zsk", Role = KeyRole.Zsk, Algorithm = algorithm, Bits = bits, Signs = false });
                extras++;
            }

            if (extras < 2 && Roll(0.06))
            {
                // A ZSK rollover by double signature: two ZSKs sign every RRset.
                keys.Add(new KeySpec { Id = "zsk2", Role = KeyRole.Zsk, Algorithm = algorithm, Bits = bits });
                extras++;
            }

            if (extras < 2 && Roll(0.06))
            {
                // The old KSK revoked (RFC 5011 §2.1): published with the REVOKE bit, signing the DNSKEY RRset, its tag rolled.
                keys.Add(new KeySpec { Id = "revoked-ksk", Role = KeyRole.Ksk, Algorithm = algorithm, Bits = bits, Revoked = true });
                extras++;
            }

            if (extras < 2 && Array.IndexOf(CollisionAlgorithms, algorithm) >= 0 && Roll(0.15))
            {
                // Another key with the same tag as the entry key: signing or only published, so that a validator must try both.
                keys.Add(new KeySpec { Id = "colliding", Role = Roll(0.5) ? KeyRole.Zsk : entry.Role, Algorithm = algorithm, Bits = bits, Signs = Roll(0.5), SameTagAs = entry.Id });
                extras++;
            }

            if (extras < 2 && Roll(0.06))
            {
                // An algorithm rollover: a second algorithm signs everything too; its DS may be at the parent or not yet.
                DnssecAlgorithm second = Pick(Algorithms.Where(a => a != algorithm).ToArray());
                keys.Add(new KeySpec { Id = "second-algorithm", Role = KeyRole.Csk, Algorithm = second, Bits = Bits(second), InDs = secure && Roll(0.5) });
            }

            return keys;
        }

        private int Bits(DnssecAlgorithm algorithm) => algorithm is DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512
            ? (Roll(0.75) ? 1024 : 2048)
            : 0;

        private DenialSpec Nsec3()
        {
            string salt = Roll(0.5) ? "" : Convert.ToHexString(Bytes(random.Next(1, 9)));
            double roll = random.NextDouble();
            int iterations = roll < 0.5 ? 0 : roll < 0.75 ? random.Next(1, 21) : roll < 0.9 ? random.Next(21, 151) : random.Next(151, 301);
            return new DenialSpec { Kind = DenialKind.Nsec3, Salt = salt, Iterations = iterations, OptOut = Roll(0.3) };
        }

        /// <summary>The zone's own data: hosts, mail, services, wildcards, empty non-terminals, CNAMEs and DNAMEs inside it, a large RRset.</summary>
        public void Data(HierarchySpec hierarchy, ZoneSpec zone)
        {
            if (zone.Name == ".")
            {
                return;
            }

            string a = zone.Name;
            var used = new HashSet<string>(hierarchy.Children(zone).Select(c => c.Name.Split('.')[0])) { "ns1" };
            List<RecordSpec> r = zone.Records;
            string www = Names.Child(Claim(used, "www"), a);
            r.Add(new RecordSpec(www, "A", Ipv4()));
            r.Add(new RecordSpec(www, "AAAA", Ipv6()));
            if (Roll(0.7))
            {
                string mail = Names.Child(Claim(used, "mail"), a);
                r.Add(new RecordSpec(a, "MX", "10 " + mail));
                r.Add(new RecordSpec(mail, "A", Ipv4()));
                if (Roll(0.7))
                {
                    r.Add(new RecordSpec("_25._tcp." + mail, "TLSA", "3 1 1 " + Hex(32)));
                }
            }

            if (Roll(0.5))
            {
                r.Add(new RecordSpec("_443._tcp." + www, "TLSA", Roll(0.7) ? "3 1 1 " + Hex(32) : "2 0 1 " + Hex(32)));
            }

            if (Roll(0.4))
            {
                r.Add(new RecordSpec(a, "TXT", "\"v=spf1 -all\""));
            }

            if (Roll(0.3))
            {
                r.Add(new RecordSpec(www, "HTTPS", "1 . alpn=h2"));
            }

            if (Roll(0.2))
            {
                r.Add(new RecordSpec(a, "HTTPS", "1 " + www));
            }

            if (Roll(0.2))
            {
                r.Add(new RecordSpec("_dns." + a, "SVCB", "1 " + zone.ServerName + " alpn=dot"));
            }

            if (Roll(0.15))
            {
                r.Add(new RecordSpec("*." + a, "A", Ipv4()));
            }
            else if (Roll(0.45))
            {
                string wildcard = "*." + Names.Child(FreshLabel(used, 2), a);
                r.Add(new RecordSpec(wildcard, "A", Ipv4()));
                r.Add(new RecordSpec(wildcard, "TXT", "\"wildcard\""));
                if (Roll(0.3))
                {
                    r.Add(new RecordSpec(wildcard, "MX", "10 " + www));
                }
            }

            if (Roll(0.5))
            {
                // host.ent.<zone>: ent is an empty non-terminal.
                r.Add(new RecordSpec(Names.Child(FreshLabel(used, 2), Names.Child(FreshLabel(used, 2), a)), "A", Ipv4()));
            }

            if (Roll(0.4))
            {
                r.Add(new RecordSpec(Names.Child(FreshLabel(used, 2), a), "CNAME", www));
            }

            if (Roll(0.25))
            {
                string second = Names.Child(FreshLabel(used, 2), a);
                r.Add(new RecordSpec(Names.Child(FreshLabel(used, 2), a), "CNAME", second));
                r.Add(new RecordSpec(second, "CNAME", www));
            }

            if (Roll(0.3))
            {
                // A dangling CNAME: its target does not exist.
                r.Add(new RecordSpec(Names.Child(FreshLabel(used, 2), a), "CNAME", Names.Child(FreshLabel(used, 3), a)));
            }

            if (Roll(0.2))
            {
                r.Add(new RecordSpec("*." + Names.Child(FreshLabel(used, 2), a), "CNAME", www));
            }

            if (Roll(0.25))
            {
                string target = Names.Child(FreshLabel(used, 2), a);
                r.Add(new RecordSpec(Names.Child(FreshLabel(used, 2), a), "DNAME", target));
                r.Add(new RecordSpec(Names.Child("www", target), "A", Ipv4()));
            }

            if (Roll(0.3))
            {
                // More than 1232 octets: the answer needs TCP.
                string big = Names.Child(FreshLabel(used, 2), a);
                int count = random.Next(12, 31);
                for (int i = 0; i < count; i++)
                {
                    r.Add(new RecordSpec(big, "TXT", "\"" + Letters(100) + "\""));
                }
            }
        }

        /// <summary>CNAMEs and DNAMEs into other zones of the hierarchy: signed, unsigned, broken, existing or not.</summary>
        public void Links(HierarchySpec hierarchy, ZoneSpec zone)
        {
            if (zone.Name == "." || hierarchy.Zones.Count < 3)
            {
                return;
            }

            var used = new HashSet<string>(zone.Records.Select(r => r.Owner.Split('.')[0]).Concat(hierarchy.Children(zone).Select(c => c.Name.Split('.')[0]))) { "ns1" };
            ZoneSpec[] others = hierarchy.Zones.Where(z => z.Name != "." && z.Name != zone.Name).ToArray();
            if (others.Length == 0)
            {
                return;
            }

            if (Roll(0.55))
            {
                r(zone).Add(new RecordSpec(Names.Child(FreshLabel(used, 2), zone.Name), "CNAME", NameIn(Pick(others))));
            }

            if (Roll(0.25))
            {
                // A chain across zones: to another zone's CNAME, which may lead on.
                ZoneSpec other = Pick(others);
                RecordSpec? alias = other.Records.Find(x => x.Type == "CNAME" && !x.Owner.StartsWith('*'));
                if (alias is not null)
                {
                    r(zone).Add(new RecordSpec(Names.Child(FreshLabel(used, 2), zone.Name), "CNAME", alias.Owner));
                }
            }

            if (Roll(0.3))
            {
                ZoneSpec other = Pick(others);
                if (!Names.IsAtOrBelow(zone.Name, other.Name))
                {
                    r(zone).Add(new RecordSpec(Names.Child(FreshLabel(used, 2), zone.Name), "DNAME", other.Name));
                }
            }

            static List<RecordSpec> r(ZoneSpec z) => z.Records;
        }

        /// <summary>A name in <paramref name="zone"/>: one of its owners, or one that does not exist.</summary>
        private string NameIn(ZoneSpec zone)
        {
            string[] owners = zone.Records.Select(x => x.Owner).Where(o => !o.Contains('*', StringComparison.Ordinal)).Distinct().ToArray();
            return owners.Length == 0 || Roll(0.25) ? Names.Child("nx" + Names.RandomLabel(random, 2), zone.Name) : Pick(owners);
        }

        public List<MutationSpec> Mutations(HierarchySpec hierarchy)
        {
            var mutations = new List<MutationSpec>();
            double roll = random.NextDouble();
            int count = roll < 0.25 ? 0 : roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
            MutationKind[] kinds = Enum.GetValues<MutationKind>();
            for (int attempt = 0; mutations.Count < count && attempt < 50; attempt++)
            {
                if (Mutation(hierarchy, Pick(kinds)) is { } mutation && !mutations.Exists(m => m.Kind == mutation.Kind && m.Zone == mutation.Zone))
                {
                    mutations.Add(mutation);
                }
            }

            return mutations;
        }

        /// <summary>A mutation of <paramref name="kind"/> with a target that suits it, or null when the hierarchy has none.</summary>
        private MutationSpec? Mutation(HierarchySpec hierarchy, MutationKind kind)
        {
            int seed = random.Next();
            ZoneSpec[] signed = hierarchy.Zones.Where(z => z.Signed && z.Name != ".").ToArray();
            if (MutationKinds.IsBenign(kind))
            {
                return new MutationSpec { Kind = kind, Zone = ".", Seed = seed };
            }

            if (signed.Length == 0)
            {
                return null;
            }

            ZoneSpec zone = Pick(signed);
            switch (kind)
            {
                case MutationKind.ZoneExpired or MutationKind.ZoneNotYetValid or MutationKind.DnskeyRemoved:
                    return new MutationSpec { Kind = kind, Zone = zone.Name, Seed = seed };
                case MutationKind.Nsec3IterationsChanged:
                    ZoneSpec[] nsec3 = signed.Where(z => z.Denial!.Kind == DenialKind.Nsec3).ToArray();
                    return nsec3.Length == 0 ? null : new MutationSpec { Kind = kind, Zone = Pick(nsec3).Name, Seed = seed };
                case MutationKind.DsRemoved or MutationKind.DsSwapped or MutationKind.DsWrongDigest:
                    ZoneSpec[] secure = hierarchy.Zones.Where(z => z.HasDs && hierarchy.Zone(z.Parent!).Signed).ToArray();
                    if (secure.Length == 0)
                    {
                        return null;
                    }

                    ZoneSpec child = Pick(secure);
                    return new MutationSpec { Kind = kind, Zone = child.Parent!, Owner = child.Name, Type = "DS", Seed = seed };
                case MutationKind.DenialRecordRemoved:
                    // Not the apex: named serves a zone whose apex NSEC is gone without any signature.
                    string[] owners = zone.Records.Select(x => x.Owner).Where(o => o != zone.Name).Distinct().ToArray();
                    return owners.Length == 0 ? null : new MutationSpec { Kind = kind, Zone = zone.Name, Owner = Pick(owners), Seed = seed };
                case MutationKind.ReplayedOldSigning or MutationKind.ReplayedRetiredKey or MutationKind.ExtraRecord:
                    RecordSpec[] simple = zone.Records.Where(x => x.Type is "A" or "AAAA" or "TXT" && !x.Owner.StartsWith('*')).ToArray();
                    if (simple.Length == 0)
                    {
                        return null;
                    }

                    RecordSpec target = Pick(simple);
                    return new MutationSpec { Kind = kind, Zone = zone.Name, Owner = target.Owner, Type = target.Type, Seed = seed };
                case MutationKind.WireDenialFromWildcard:
                    // Only NSEC zones: an NSEC3's owner is a hash, never expanded from a wildcard.
                    RecordSpec[] wildcards = signed.Where(z => z.Denial!.Kind == DenialKind.Nsec)
                        .SelectMany(z => z.Records).Where(x => x.Owner.StartsWith("*.", StringComparison.Ordinal)).ToArray();
                    if (wildcards.Length == 0)
                    {
                        return null;
                    }

                    RecordSpec wildcard = Pick(wildcards);
                    string expanded = Names.Child("q" + Names.RandomLabel(random, 2), wildcard.Owner[2..]);
                    return new MutationSpec { Kind = kind, Zone = hierarchy.ZoneOf(wildcard.Owner).Name, Owner = expanded, Type = Pick(WildcardQuestionTypes), Seed = seed };
                default:
                    // RRSIG edits and the wire mutations of one question: an RRset of the zone's data or its apex.
                    (string owner, string type) = RrsetOf(zone, MutationKinds.IsWire(kind));
                    return new MutationSpec { Kind = kind, Zone = zone.Name, Owner = owner, Type = type, Seed = seed };
            }
        }

        private (string Owner, string Type) RrsetOf(ZoneSpec zone, bool wire)
        {
            // A literal "*" query name is no question a client asks: wire mutations target real names only.
            var rrsets = zone.Records.Where(x => !wire || !x.Owner.StartsWith('*')).Select(x => (x.Owner, x.Type)).Distinct().ToList();
            rrsets.Add((zone.Name, "SOA"));
            rrsets.Add((zone.Name, "DNSKEY"));
            if (wire)
            {
                // A wire mutation may also meet a denial: a name that does not exist, a type the name lacks.
                rrsets.Add((Names.Child("nx" + Names.RandomLabel(random, 2), zone.Name), "A"));
                rrsets.Add((zone.Records.Count > 0 ? zone.Records[0].Owner : zone.Name, "NAPTR"));
                if (zone.Parent is not null)
                {
                    rrsets.Add((zone.Name, "DS"));
                }
            }

            return Pick(rrsets.ToArray());
        }

        private bool Roll(double probability) => random.NextDouble() < probability;

        private T Pick<T>(T[] items) => items[random.Next(items.Length)];

        private string FreshLabel(HashSet<string> used, int syllables)
        {
            while (true)
            {
                string label = Names.RandomLabel(random, syllables);
                if (used.Add(label))
                {
                    return label;
                }
            }
        }

        private static string Claim(HashSet<string> used, string label)
        {
            used.Add(label);
            return label;
        }

        private byte[] Bytes(int count)
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private string Hex(int octets) => Convert.ToHexString(Bytes(octets)).ToLowerInvariant();

        private string Letters(int count) => string.Create(count, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + r.Next(26));
            }
        });

        private string Ipv4() => string.Create(CultureInfo.InvariantCulture, $"192.0.2.{random.Next(1, 255)}");

        private string Ipv6() => string.Create(CultureInfo.InvariantCulture, $"2001:db8::{random.Next(1, 0xffff):x}");
    }
}
