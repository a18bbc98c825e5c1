using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>
/// A synthetic NSEC3 chain: the names of a zone with their types, hashed with the given parameters, sorted and linked
/// the way a signer would (RFC 5155 §7.1), so tests can pick the records a proof needs or leave one out.
/// </summary>
internal sealed class Nsec3Zone
{
    private readonly List<(string Hash, string Name, string Types)> _chain;

    /// <summary>Builds the chain for <paramref name="names"/> ("name" → "types"), each record with <paramref name="flags"/>.</summary>
    public Nsec3Zone(string apex, IReadOnlyDictionary<string, string> names, byte flags = 0, ushort iterations = 0, string salt = "")
    {
        Apex = apex;
        Flags = flags;
        Iterations = iterations;
        Salt = salt;
        _chain = [.. names.Select(n => (DenialRecords.HashLabel(n.Key, salt, iterations), n.Key, n.Value)).OrderBy(e => e.Item1, StringComparer.Ordinal)];
    }

    public string Apex { get; }

    public byte Flags { get; }

    public ushort Iterations { get; }

    public string Salt { get; }

    /// <summary>Every record of the chain.</summary>
    public List<DnsRRset> All => [.. _chain.Select((_, i) => Record(i, Flags))];

    /// <summary>The record whose owner is the hash of <paramref name="name"/>.</summary>
    public DnsRRset Matching(string name, byte? flags = null)
    {
        string hash = DenialRecords.HashLabel(name, Salt, Iterations);
        int index = _chain.FindIndex(e => e.Hash == hash);
        Assert.True(index >= 0, $"{name} has no NSEC3 in the test zone");
        return Record(index, flags ?? Flags);
    }

    /// <summary>The record whose span covers the hash of <paramref name="name"/>.</summary>
    public DnsRRset Covering(string name, byte? flags = null)
    {
        string hash = DenialRecords.HashLabel(name, Salt, Iterations);
        Assert.DoesNotContain(_chain, e => e.Hash == hash);
        int index = _chain.FindLastIndex(e => string.CompareOrdinal(e.Hash, hash) < 0);
        return Record(index < 0 ? _chain.Count - 1 : index, flags ?? Flags);
    }

    private DnsRRset Record(int index, byte flags)
    {
        var (hash, _, types) = _chain[index];
        string next = _chain[(index + 1) % _chain.Count].Hash;
        return DenialRecords.Nsec3($"{hash}.{Apex}", next, types, flags, Iterations, Salt);
    }
}
