using System.Collections.Concurrent;

namespace Dnssec.Crypto;

/// <summary>
/// Keeps each DNSKEY decoded once: importing a key costs more than verifying with it (RSA drops from ~50k to ~7k
/// verifications a second when keys are imported every time). Keyed by DNSKEY RDATA; safe for concurrent use.
/// </summary>
public sealed class VerifierCache
{
    /// <summary>The default number of keys kept.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<byte[], CachedKey> _entries = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], CachedKey>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly int _capacity;
    private readonly SignatureBackend _backend;

    /// <summary>Creates a cache that decodes keys under <paramref name="policy"/> and holds at most <paramref name="capacity"/> of them.</summary>
    public VerifierCache(AlgorithmPolicy? policy = null, int capacity = DefaultCapacity)
        : this(policy, capacity, SignatureBackend.Measured)
    {
    }

    /// <summary>Creates a cache whose keys all verify through <paramref name="backend"/>, so that tests can run whole RRset checks on each.</summary>
    internal VerifierCache(AlgorithmPolicy? policy, int capacity, SignatureBackend backend)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Policy = policy ?? AlgorithmPolicy.Default;
        _capacity = capacity;
        _backend = backend;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The policy keys are decoded under.</summary>
    public AlgorithmPolicy Policy { get; }

    /// <summary>The number of keys held.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the verifier for DNSKEY RDATA, decoding it on first use; null with a reason when the key cannot be used.</summary>
    public DnskeyVerifier? Get(ReadOnlySpan<byte> dnskeyRecordData, out string? error)
    {
        CachedKey entry = Lookup(dnskeyRecordData);
        error = entry.Error;
        return entry.Verifier;
    }

    /// <summary>Returns the decoded key with its key tag, decoding it on first use.</summary>
    internal CachedKey Lookup(ReadOnlySpan<byte> dnskeyRecordData)
    {
        if (_lookup.TryGetValue(dnskeyRecordData, out CachedKey? entry))
        {
            return entry;
        }

        DnskeyVerifier? verifier = null;
        string? reason;
        if (dnskeyRecordData.Length < 4)
        {
            reason = "DNSKEY RDATA is shorter than 4 octets";
        }
        else
        {
            verifier = DnskeyVerifier.Create((Wire.DnssecAlgorithm)dnskeyRecordData[3], dnskeyRecordData[4..], Policy, _backend, out reason);
        }

        // A full cache is emptied rather than tracked per entry: the working set of keys is small and refills quickly.
        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        entry = new CachedKey(verifier, dnskeyRecordData.Length < 4 ? (ushort)0 : KeyTag.Compute(dnskeyRecordData), reason);
        _entries.TryAdd(dnskeyRecordData.ToArray(), entry);
        return entry;
    }

    /// <summary>A decoded key, its key tag, and why it cannot be used when it cannot.</summary>
    internal sealed record CachedKey(DnskeyVerifier? Verifier, ushort KeyTag, string? Error);

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
