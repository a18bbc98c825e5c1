using System.Globalization;
using System.Text;
using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Building;

/// <summary>
/// Turns a <see cref="HierarchySpec"/> into the files a batch serves: keys from the pool written under each zone's name,
/// the parents' DS records from dnssec-dsfromkey, zone text, zones signed by BIND's dnssec-signzone (ldns-signzone for
/// NSEC3 iterations BIND refuses), the zone mutations applied to the signed text, the root's DS as trust anchor, and
/// root hints. Every tool runs with a timeout; a failure is an exception that names the zone and the tool's output.
/// </summary>
public sealed class HierarchyBuilder(KeyPool pool)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Builds <paramref name="spec"/> for <paramref name="slot"/> in <paramref name="directory"/>, which is emptied first.</summary>
    public async Task<BuiltHierarchy> BuildAsync(HierarchySpec spec, int slot, string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (string sub in new[] { "keys", "published", "zones", "signed", "work", "variants" })
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        var random = new Random(spec.Seed);
        var used = new HashSet<PoolKey>();
        var keys = new Dictionary<string, IReadOnlyList<ZoneKey>>();
        foreach (ZoneSpec zone in spec.Zones.Where(z => z.Signed))
        {
            keys[zone.Name] = MaterializeKeys(zone, directory, random, used);
        }

        var ds = new Dictionary<string, List<string>>();
        foreach (ZoneSpec zone in spec.Zones.Where(z => z.Parent is not null))
        {
            ds[zone.Name] = await DsRecordsAsync(zone, keys, cancellationToken).ConfigureAwait(false);
        }

        var notApplied = new List<string>();
        var applied = new List<MutationSpec>();
        foreach (MutationSpec mutation in spec.Mutations.Where(m => m.Kind is MutationKind.DsSwapped or MutationKind.DsWrongDigest))
        {
            if (MutateDs(spec, mutation, keys, ds))
            {
                applied.Add(mutation);
            }
            else
            {
                notApplied.Add($"{mutation}: the parent has no DS to change");
            }
        }

        foreach (ZoneSpec zone in spec.Zones)
        {
            await File.WriteAllTextAsync(SourceFile(directory, zone), ZoneText(spec, zone, slot, keys, ds, null), cancellationToken).ConfigureAwait(false);
        }

        var byLdns = new List<string>();
        var signer = new ZoneSigner(directory, ToolTimeout);
        foreach (ZoneSpec zone in spec.Zones)
        {
            string served = Path.Combine(directory, "signed", zone.Stem + ".zone");
            if (!zone.Signed)
            {
                File.Copy(SourceFile(directory, zone), served, overwrite: true);
                continue;
            }

            SigningWindow window = spec.Mutations.Exists(m => m.Zone == zone.Name && m.Kind == MutationKind.ZoneExpired) ? SigningWindow.Expired(now)
                : spec.Mutations.Exists(m => m.Zone == zone.Name && m.Kind == MutationKind.ZoneNotYetValid) ? SigningWindow.NotYetValid(now)
                : SigningWindow.Current(now);
            await signer.SignAsync(zone, SourceFile(directory, zone), served, Signing(keys[zone.Name]), window, cancellationToken).ConfigureAwait(false);
            if (ZoneSigner.NeedsLdns(zone))
            {
                byLdns.Add(zone.Name);
            }
        }

        applied.AddRange(spec.Mutations.Where(m => m.Kind is MutationKind.ZoneExpired or MutationKind.ZoneNotYetValid));
        var mutator = new ZoneMutator(spec, slot, directory, keys, ds, signer, pool, now);
        foreach (MutationSpec mutation in spec.Mutations.Where(m => !MutationKinds.IsSigningTime(m.Kind) && !MutationKinds.IsWire(m.Kind) && !MutationKinds.IsBenign(m.Kind)))
        {
            string served = Path.Combine(directory, "signed", spec.Zone(mutation.Zone).Stem + ".zone");
            string before = await File.ReadAllTextAsync(served, cancellationToken).ConfigureAwait(false);
            string? failure = await mutator.ApplyAsync(mutation, random, cancellationToken).ConfigureAwait(false)
                ?? await CheckZoneAsync(mutation.Zone, served, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                applied.Add(mutation);
            }
            else
            {
                // An edit named would refuse to load would take the whole batch down: the zone stays as it was.
                await File.WriteAllTextAsync(served, before, cancellationToken).ConfigureAwait(false);
                notApplied.Add($"{mutation}: {failure}");
            }
        }

        // The proxy applies these; they always take effect on the questions they target.
        applied.AddRange(spec.Mutations.Where(m => MutationKinds.IsWire(m.Kind) || MutationKinds.IsBenign(m.Kind)));

        ZoneSpec root = spec.Zones[0];
        await WriteAnchorsAsync(directory, keys[root.Name], cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "root.hints"),
            $"; Root hints of generated hierarchy {spec.Number} (seed {spec.Seed}): its private root.\n" +
            $".                 3600000 NS a.root-servers.\na.root-servers.   3600000 A  {AddressPlan.Authority(slot, root.Octet)}\n",
            cancellationToken).ConfigureAwait(false);
        return new BuiltHierarchy
        {
            Spec = spec,
            Slot = slot,
            Directory = directory,
            Keys = keys,
            Applied = applied,
            NotApplied = notApplied,
            SignedByLdns = byLdns,
        };
    }

    /// <summary>Whether named would load the zone file: null when it would, named-checkzone's complaint when not.</summary>
    private static async Task<string?> CheckZoneAsync(string zone, string file, CancellationToken cancellationToken)
    {
        ToolResult result = await Tool.RunAsync("named-checkzone", ["-q", zone, file], ToolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? null : "named-checkzone refuses the edited zone: " + result.Combined.Split('\n')[0].Trim();
    }

    /// <summary>The unsigned zone file of <paramref name="zone"/>.</summary>
    public static string SourceFile(string directory, ZoneSpec zone) => Path.Combine(directory, "zones", zone.Stem + ".zone");

    /// <summary>The keys that sign (the rest are only published).</summary>
    public static IReadOnlyList<ZoneKey> Signing(IReadOnlyList<ZoneKey> keys) => [.. keys.Where(k => k.Spec.Signs)];

    /// <summary>
    /// The zone's text before signing: SOA, NS and the server's address, the data (with <paramref name="replace"/>
    /// standing in for one RRset when an earlier version is made), each child's NS, glue and DS, and every DNSKEY.
    /// </summary>
    public static string ZoneText(HierarchySpec spec, ZoneSpec zone, int slot, IReadOnlyDictionary<string, IReadOnlyList<ZoneKey>> keys, IReadOnlyDictionary<string, List<string>> ds, (string Owner, string Type, string[] Data)? replace)
    {
        var text = new StringBuilder();
        int ttl = RecordSpec.DefaultTtl;
        string mailbox = zone.Name == "." ? "hostmaster.root-servers." : "hostmaster." + zone.Name;
        text.Append(CultureInfo.InvariantCulture, $"$TTL {ttl}\n");
        text.Append(CultureInfo.InvariantCulture, $"{zone.Name} {ttl} IN SOA {zone.ServerName} {mailbox} 1 3600 600 86400 {ttl}\n");
        text.Append(CultureInfo.InvariantCulture, $"{zone.Name} {ttl} IN NS {zone.ServerName}\n");
        text.Append(CultureInfo.InvariantCulture, $"{zone.ServerName} {ttl} IN A {AddressPlan.Authority(slot, zone.Octet)}\n");
        bool replaced = false;
        foreach (RecordSpec record in zone.Records)
        {
            if (replace is { } r && record.Owner == r.Owner && record.Type == r.Type)
            {
                if (!replaced)
                {
                    foreach (string data in r.Data)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{record.Owner} {record.Ttl} IN {record.Type} {data}\n");
                    }
                }

                replaced = true;
                continue;
            }

            text.Append(record).Append('\n');
        }

        foreach (ZoneSpec child in spec.Children(zone))
        {
            text.Append(CultureInfo.InvariantCulture, $"{child.Name} {ttl} IN NS {child.ServerName}\n");
            text.Append(CultureInfo.InvariantCulture, $"{child.ServerName} {ttl} IN A {AddressPlan.Authority(slot, child.Octet)}\n");
            foreach (string line in ds[child.Name])
            {
                text.Append(line).Append('\n');
            }
        }

        if (keys.TryGetValue(zone.Name, out IReadOnlyList<ZoneKey>? own))
        {
            foreach (ZoneKey key in own)
            {
                text.Append(key.DnskeyLine).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>DS records for each key of <paramref name="zone"/> that its spec puts in the parent, in each digest type, by dnssec-dsfromkey.</summary>
    public static async Task<List<string>> DsRecordsAsync(ZoneSpec zone, IReadOnlyDictionary<string, IReadOnlyList<ZoneKey>> keys, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (!keys.TryGetValue(zone.Name, out IReadOnlyList<ZoneKey>? own))
        {
            return lines;
        }

        foreach (ZoneKey key in own.Where(k => k.Spec.InDs))
        {
            foreach (int digest in zone.DsDigests)
            {
                lines.Add(await DsAsync(key, digest, cancellationToken).ConfigureAwait(false));
            }
        }

        return lines;
    }

    /// <summary>The DS record of <paramref name="key"/> with <paramref name="digest"/> (1, 2 or 4), as dnssec-dsfromkey writes it.</summary>
    public static async Task<string> DsAsync(ZoneKey key, int digest, CancellationToken cancellationToken)
    {
        string name = digest switch { 1 => "SHA-1", 2 => "SHA-256", 4 => "SHA-384", _ => throw new ArgumentOutOfRangeException(nameof(digest)) };
        string output = await Tool.CheckedAsync("dnssec-dsfromkey", ["-a", name, key.KeyFile], ToolTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        // BIND 9.18 warns that digest type 0 is deprecated on every run; the DS is the one line that is not a warning.
        return output.Split('\n').Single(l => l.Contains(" DS ", StringComparison.Ordinal) && !l.StartsWith("WARNING", StringComparison.Ordinal)).Trim();
    }

    private List<ZoneKey> MaterializeKeys(ZoneSpec zone, string directory, Random random, HashSet<PoolKey> used)
    {
        var chosen = new Dictionary<string, PoolKey>();
        // Pairs first: the colliding key and the key whose tag it shares come from one collision of the pool.
        foreach (KeySpec key in zone.Keys.Where(k => k.SameTagAs is not null))
        {
            KeySpec partner = zone.Keys.Single(k => k.Id == key.SameTagAs);
            (PoolKey first, PoolKey second) = pool.Collision(key.Algorithm, Flags(partner), Flags(key), random);
            chosen[partner.Id] = first;
            chosen[key.Id] = second;
            used.Add(first);
            used.Add(second);
        }

        var made = new List<ZoneKey>();
        foreach (KeySpec key in zone.Keys)
        {
            if (!chosen.TryGetValue(key.Id, out PoolKey? poolKey))
            {
                poolKey = pool.Pick(key.Algorithm, key.Bits, random, used);
            }

            string folder = Path.Combine(directory, key.Signs ? "keys" : "published", zone.Stem);
            made.Add(KeyPool.Materialize(poolKey, key, zone.Name, Flags(key), folder));
        }

        return made;
    }

    /// <summary>The DNSKEY flags of a key: 257 with the SEP bit for KSK and CSK, 256 for a ZSK, plus REVOKE (RFC 5011 §2.1).</summary>
    public static ushort Flags(KeySpec key) =>
        (ushort)((key.Role == KeyRole.Zsk ? 256 : 257) | (key.Revoked ? DnskeyData.RevokeFlag : 0));

    private static bool MutateDs(HierarchySpec spec, MutationSpec mutation, IReadOnlyDictionary<string, IReadOnlyList<ZoneKey>> keys, Dictionary<string, List<string>> ds)
    {
        string child = mutation.Owner!;
        List<string> lines = ds[child];
        if (lines.Count == 0)
        {
            return false;
        }

        var random = new Random(mutation.Seed);
        if (mutation.Kind == MutationKind.DsWrongDigest)
        {
            // One DS of the set, so that a set with several digests or keys keeps its other entries right.
            int index = random.Next(lines.Count);
            string[] fields = lines[index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            char[] digest = fields[^1].ToCharArray();
            int at = random.Next(digest.Length);
            digest[at] = digest[at] == '0' ? '1' : '0';
            fields[^1] = new string(digest);
            lines[index] = string.Join(' ', fields);
            return true;
        }

        // Swapped: the DS set of another zone's keys under this child's name.
        string[] others = keys.Keys.Where(z => z != child && ds.TryGetValue(z, out List<string>? d) && d.Count > 0).Order(StringComparer.Ordinal).ToArray();
        string? donor = others.Length > 0 ? others[random.Next(others.Length)] : keys.Keys.FirstOrDefault(z => z != child);
        if (donor is null)
        {
            return false;
        }

        List<string> replacement = ds.TryGetValue(donor, out List<string>? donorDs) && donorDs.Count > 0
            ? donorDs
            : [];
        if (replacement.Count == 0)
        {
            return false;
        }

        ds[child] = [.. replacement.Select(l => child + " " + string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)))];
        return true;
    }

    private static async Task WriteAnchorsAsync(string directory, IReadOnlyList<ZoneKey> rootKeys, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (ZoneKey key in rootKeys.Where(k => k.Spec.InDs))
        {
            lines.Add(await DsAsync(key, 2, cancellationToken).ConfigureAwait(false));
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, "root.ds"), lines, cancellationToken).ConfigureAwait(false);
        var delv = new StringBuilder("trust-anchors {\n");
        foreach (string line in lines)
        {
            // ". IN DS tag alg digest-type HEX" becomes a static-ds entry.
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            delv.Append(CultureInfo.InvariantCulture, $"    \".\" static-ds {f[3]} {f[4]} {f[5]} \"{string.Concat(f[6..])}\";\n");
        }

        delv.Append("};\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "delv-anchors.conf"), delv.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
