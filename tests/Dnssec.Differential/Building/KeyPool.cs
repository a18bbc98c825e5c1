using System.Collections.Concurrent;
using System.Globalization;
using Dnssec.Crypto;
using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Building;

/// <summary>
/// Keys made once per campaign by dnssec-keygen and handed to the zones of every hierarchy: a zone's keys are pool keys
/// written out under the zone's name with the flags and algorithm its spec asks for (RSA material serves algorithms 5, 7,
/// 8 and 10 alike). Making keys is the slow part of signing, and a pool of a few hundred keys of one algorithm also holds
/// pairs whose tags collide (RFC 4034 Appendix B), which no single dnssec-keygen run would make.
/// </summary>
public sealed class KeyPool
{
    /// <summary>Keys per algorithm (and per RSA size 1024) for ordinary use.</summary>
    public const int KeysPerAlgorithm = 24;

    /// <summary>2048-bit RSA keys, slow to make.</summary>
    public const int LargeRsaKeys = 6;

    /// <summary>Collision pairs wanted per algorithm of <see cref="HierarchyGenerator.CollisionAlgorithms"/> and flag combination.</summary>
    public const int WantedCollisions = 2;

    /// <summary>The most keys made per algorithm while looking for collisions.</summary>
    public const int MaxCollisionKeys = 2000;

    private static readonly TimeSpan KeygenTimeout = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(DnssecAlgorithm Family, int Bits), List<PoolKey>> _keys;

    private KeyPool(Dictionary<(DnssecAlgorithm, int), List<PoolKey>> keys) => _keys = keys;

    /// <summary>How many keys the pool holds.</summary>
    public int Count => _keys.Values.Sum(k => k.Count);

    /// <summary>Makes the pool in <paramref name="directory"/>, running <paramref name="jobs"/> dnssec-keygen at a time.</summary>
    public static async Task<KeyPool> CreateAsync(string directory, int jobs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var keys = new Dictionary<(DnssecAlgorithm, int), List<PoolKey>>();
        var plan = new List<(DnssecAlgorithm Algorithm, int Bits, int Count)>
        {
            (DnssecAlgorithm.RSASHA256, 1024, KeysPerAlgorithm),
            (DnssecAlgorithm.RSASHA256, 2048, LargeRsaKeys),
            (DnssecAlgorithm.ECDSAP384SHA384, 0, KeysPerAlgorithm),
            (DnssecAlgorithm.ED448, 0, KeysPerAlgorithm),
        };
        foreach ((DnssecAlgorithm algorithm, int bits, int count) in plan)
        {
            keys[(algorithm, bits)] = await MakeAsync(directory, algorithm, bits, 0, count, jobs, cancellationToken).ConfigureAwait(false);
        }

        foreach (DnssecAlgorithm algorithm in HierarchyGenerator.CollisionAlgorithms)
        {
            var made = new List<PoolKey>();
            while (made.Count < MaxCollisionKeys && !EnoughCollisions(made))
            {
                made.AddRange(await MakeAsync(directory, algorithm, 0, made.Count, 100, jobs, cancellationToken).ConfigureAwait(false));
            }

            keys[(algorithm, 0)] = made;
        }

        return new KeyPool(keys);
    }

    /// <summary>A key for <paramref name="algorithm"/> at <paramref name="bits"/>, one not in <paramref name="used"/> while the pool has such.</summary>
    public PoolKey Pick(DnssecAlgorithm algorithm, int bits, Random random, HashSet<PoolKey> used)
    {
        List<PoolKey> keys = _keys[Family(algorithm, bits)];
        PoolKey[] fresh = keys.Where(k => !used.Contains(k)).ToArray();
        PoolKey key = fresh.Length > 0 ? fresh[random.Next(fresh.Length)] : keys[random.Next(keys.Count)];
        used.Add(key);
        return key;
    }

    /// <summary>Two keys whose tags are equal once they carry <paramref name="firstFlags"/> and <paramref name="secondFlags"/>.</summary>
    public (PoolKey First, PoolKey Second) Collision(DnssecAlgorithm algorithm, ushort firstFlags, ushort secondFlags, Random random)
    {
        List<(PoolKey, PoolKey)> pairs = Collisions(_keys[Family(algorithm, 0)], algorithm, firstFlags, secondFlags);
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException($"the key pool has no {algorithm} keys whose tags collide with flags {firstFlags} and {secondFlags}");
        }

        return pairs[random.Next(pairs.Count)];
    }

    /// <summary>
    /// Writes <paramref name="key"/> as a key of <paramref name="zone"/> with <paramref name="flags"/> and
    /// the algorithm of <paramref name="spec"/> into <paramref name="directory"/>: K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key and .private.
    /// </summary>
    public static ZoneKey Materialize(PoolKey key, KeySpec spec, string zone, ushort flags, string directory)
    {
        DnssecAlgorithm algorithm = spec.Algorithm;
        ushort tag = Tag(key, flags, algorithm);
        string basePath = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"K{zone}+{(int)algorithm:D3}+{tag:D5}"));
        string dnskey = string.Create(CultureInfo.InvariantCulture, $"{zone} IN DNSKEY {flags} 3 {(int)algorithm} {Convert.ToBase64String(key.PublicKey)}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(basePath + ".key", $"; {spec.Id} of {zone}, pool key {key}\n{dnskey}\n");
        // Only the key material and the algorithm: without timing metadata every key is simply active.
        var lines = key.PrivateText.Split('\n')
            .Where(l => l.StartsWith("Private-key-format:", StringComparison.Ordinal) || (l.Contains(':', StringComparison.Ordinal) && !l.StartsWith("Algorithm:", StringComparison.Ordinal) && !IsTiming(l)))
            .ToList();
        lines.Insert(1, string.Create(CultureInfo.InvariantCulture, $"Algorithm: {(int)algorithm} ({Mnemonic(algorithm)})"));
        File.WriteAllText(basePath + ".private", string.Join('\n', lines) + "\n");
        return new ZoneKey(spec, key, basePath, flags, algorithm, tag, dnskey);
    }

    /// <summary>The tag <paramref name="key"/> has with <paramref name="flags"/> under <paramref name="algorithm"/> (RFC 4034 Appendix B).</summary>
    public static ushort Tag(PoolKey key, ushort flags, DnssecAlgorithm algorithm) =>
        KeyTag.Compute(DnskeyData.Encode(flags, DnskeyData.DnssecProtocol, algorithm, key.PublicKey));

    /// <summary>BIND's mnemonic for an algorithm, as its .private files write it.</summary>
    public static string Mnemonic(DnssecAlgorithm algorithm) => algorithm switch
    {
        DnssecAlgorithm.RSASHA1 => "RSASHA1",
        DnssecAlgorithm.RSASHA1NSEC3SHA1 => "NSEC3RSASHA1",
        DnssecAlgorithm.RSASHA256 => "RSASHA256",
        DnssecAlgorithm.RSASHA512 => "RSASHA512",
        DnssecAlgorithm.ECDSAP256SHA256 => "ECDSAP256SHA256",
        DnssecAlgorithm.ECDSAP384SHA384 => "ECDSAP384SHA384",
        DnssecAlgorithm.ED25519 => "ED25519",
        DnssecAlgorithm.ED448 => "ED448",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an algorithm the campaign signs with"),
    };

    private static bool IsTiming(string line) =>
        line.StartsWith("Created:", StringComparison.Ordinal) || line.StartsWith("Publish:", StringComparison.Ordinal) || line.StartsWith("Activate:", StringComparison.Ordinal);

    /// <summary>RSA keys serve every RSA algorithm: the pool keeps them under RSASHA256.</summary>
    private static (DnssecAlgorithm, int) Family(DnssecAlgorithm algorithm, int bits) => algorithm switch
    {
        DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512 => (DnssecAlgorithm.RSASHA256, bits == 2048 ? 2048 : 1024),
        _ => (algorithm, 0),
    };

    private static bool EnoughCollisions(List<PoolKey> keys) =>
        keys.Count > 0
        && Collisions(keys, keys[0].Algorithm, 257, 257).Count >= WantedCollisions
        && Collisions(keys, keys[0].Algorithm, 257, 256).Count >= WantedCollisions;

    private static List<(PoolKey, PoolKey)> Collisions(List<PoolKey> keys, DnssecAlgorithm algorithm, ushort firstFlags, ushort secondFlags)
    {
        var byTag = new Dictionary<ushort, List<PoolKey>>();
        foreach (PoolKey key in keys)
        {
            ushort tag = Tag(key, secondFlags, algorithm);
            if (!byTag.TryGetValue(tag, out List<PoolKey>? list))
            {
                byTag[tag] = list = [];
            }

            list.Add(key);
        }

        var pairs = new List<(PoolKey, PoolKey)>();
        foreach (PoolKey first in keys)
        {
            if (byTag.TryGetValue(Tag(first, firstFlags, algorithm), out List<PoolKey>? matches))
            {
                pairs.AddRange(matches.Where(m => m != first).Select(m => (first, m)));
            }
        }

        return pairs;
    }

    private static async Task<List<PoolKey>> MakeAsync(string directory, DnssecAlgorithm algorithm, int bits, int first, int count, int jobs, CancellationToken cancellationToken)
    {
        var made = new ConcurrentBag<PoolKey>();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, async (index, token) =>
        {
            // A name per key: dnssec-keygen would otherwise refuse to make two keys of one name with the same tag.
            string owner = string.Create(CultureInfo.InvariantCulture, $"k{index}.a{(int)algorithm}b{bits}.pool.");
            var arguments = new List<string> { "-q", "-K", directory, "-a", Mnemonic(algorithm), "-n", "ZONE" };
            if (bits > 0)
            {
                arguments.AddRange(["-b", bits.ToString(CultureInfo.InvariantCulture)]);
            }

            arguments.Add(owner);
            string name = (await Tool.CheckedAsync("dnssec-keygen", arguments, KeygenTimeout, cancellationToken: token).ConfigureAwait(false)).Trim();
            string basePath = Path.Combine(directory, name);
            string keyLine = File.ReadAllLines(basePath + ".key").Last(l => l.Length > 0 && !l.StartsWith(';'));
            string[] fields = keyLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            byte[] publicKey = Convert.FromBase64String(string.Concat(fields[6..]));
            made.Add(new PoolKey(index, algorithm, bits, publicKey, await File.ReadAllTextAsync(basePath + ".private", token).ConfigureAwait(false)));
        }).ConfigureAwait(false);
        return [.. made.OrderBy(k => k.Index)];
    }
}
