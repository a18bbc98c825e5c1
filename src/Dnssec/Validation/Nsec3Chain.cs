using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The NSEC3 records of one zone that one proof may use, grouped by their hash parameters (a zone changing its salt
/// serves two chains for a while, and a response may mix them: each record is judged with the hash its own parameters
/// give, as Unbound does), with the answer's hash budget and a cache so that no name is hashed twice with the same
/// parameters in one call (RFC 5155 §8).
/// </summary>
internal sealed class Nsec3Chain
{
    private readonly List<ParameterSet> _sets;
    private readonly ValidationBudget _budget;
    private readonly Dictionary<(DnsName Name, int Set), byte[]> _hashes = [];

    private Nsec3Chain(DnsName apex, List<ParameterSet> sets, ValidationBudget budget)
    {
        Apex = apex;
        _sets = sets;
        _budget = budget;
    }

    public DnsName Apex { get; }

    /// <summary>Whether a hash was refused because the budget ran out; after that no more hashing is tried.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The hash limit of the answer, for reasons.</summary>
    public int HashLimit => _budget.Limits.Nsec3HashesPerAnswer;

    /// <summary>
    /// Collects the usable NSEC3 records, or says why there are none to use: <paramref name="chain"/> is null and
    /// <paramref name="status"/> and <paramref name="problem"/> explain. No hash is computed here.
    /// </summary>
    public static bool TryCreate(DnsName apex, IReadOnlyList<DnsRRset> rrsets, AlgorithmPolicy policy, ValidationBudget budget,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Nsec3Chain? chain, out DenialStatus status, out string? problem)
    {
        chain = null;
        var gathered = new Gathering();
        for (int i = 0; i < rrsets.Count; i++)
        {
            DnsRRset rrset = rrsets[i];
            if (rrset.Type != RecordType.NSEC3)
            {
                continue;
            }

            // RFC 5155 §8.1 (RFC 7129 §5): an NSEC3 owner is one hashed label directly below the apex of its zone.
            if (rrset.Owner.LabelCount != apex.LabelCount + 1 || !rrset.Owner.IsSubdomainOf(apex))
            {
                gathered.Outside += rrset.Records.Count;
                continue;
            }

            for (int r = 0; r < rrset.Records.Count; r++)
            {
                gathered.Add(rrset.Owner, rrset.Records[r]);
            }
        }

        if (gathered.Usable == 0)
        {
            status = DenialStatus.NotProven;
            problem = $"no usable NSEC3 record of the zone {apex} was given{Ignored(gathered.UnknownAlgorithm, gathered.UnknownFlags, gathered.Outside, gathered.Malformed)}";
            return false;
        }

        // RFC 9276 §3.2: above the limit the answer is Insecure (EDE 27), decided before any hash is computed. Any record
        // over it decides, as Unbound checks every NSEC3 of the response: its span might be the one the proof needs.
        if (gathered.MostIterations > policy.MaxNsec3Iterations)
        {
            status = DenialStatus.IterationsTooHigh;
            problem = $"the NSEC3 records of the zone {apex} use {gathered.MostIterations} iterations, above the limit of {policy.MaxNsec3Iterations}";
            return false;
        }

        chain = new Nsec3Chain(apex, gathered.Sets, budget);
        status = DenialStatus.Proven;
        problem = null;
        return true;
    }

    /// <summary>The usable NSEC3 records of a response, by parameter set, and the count of each kind left out (for the reason).</summary>
    private sealed class Gathering
    {
        public List<ParameterSet> Sets { get; } = [];

        public int UnknownAlgorithm { get; private set; }

        public int UnknownFlags { get; private set; }

        public int Outside { get; set; }

        public int Malformed { get; private set; }

        public int Usable { get; private set; }

        public int MostIterations { get; private set; }

        public void Add(DnsName owner, DnsRecord record)
        {
            Nsec3Data data = Nsec3Data.From(record);

            // RFC 5155 §8.1: NSEC3 records with an unknown hash algorithm are ignored.
            if (data.HashAlgorithm != Nsec3Hasher.Sha1)
            {
                UnknownAlgorithm++;
                return;
            }

            // RFC 5155 §8.2: NSEC3 records with flags other than 0 or 1 (Opt-Out) are ignored.
            if ((data.Flags & ~Nsec3Data.OptOutFlag) != 0)
            {
                UnknownFlags++;
                return;
            }

            if (data.NextHashedOwnerName.Length != Nsec3Hasher.HashLength || !TryDecodeOwner(owner, out byte[]? ownerHash))
            {
                Malformed++;
                return;
            }

            ParameterSet? set = Find(data.Iterations, data.Salt.Span);
            if (set is null)
            {
                set = new ParameterSet(data.Salt.ToArray(), data.Iterations);
                Sets.Add(set);
            }

            Usable++;
            MostIterations = Math.Max(MostIterations, data.Iterations);
            set.Records.Add(new Nsec3Record(owner, ownerHash, data.NextHashedOwnerName, data.IsOptOut, data.Types));
        }

        // A loop: a predicate over the record's parameters would put them in a closure for every record gathered.
        private ParameterSet? Find(int iterations, ReadOnlySpan<byte> salt)
        {
            foreach (ParameterSet set in Sets)
            {
                if (set.Iterations == iterations && set.Salt.AsSpan().SequenceEqual(salt))
                {
                    return set;
                }
            }

            return null;
        }
    }

    /// <summary>The NSEC3 whose owner is the hash of <paramref name="name"/>; null when none is, or the budget ran out.</summary>
    public Nsec3Record? FindMatch(DnsName name) => Find(name, static (record, hash) => record.Matches(hash));

    /// <summary>The NSEC3 that covers the hash of <paramref name="name"/>; null when none does, or the budget ran out.</summary>
    public Nsec3Record? FindCover(DnsName name) => Find(name, static (record, hash) => record.Covers(hash));

    /// <summary>The base32hex hash of a name already hashed in this call (with the first parameters), for reasons; never computes one.</summary>
    public string HashLabel(DnsName name) =>
        _hashes.TryGetValue((name, 0), out byte[]? hash) ? Nsec3Hasher.ToLabel(hash).ToLowerInvariant() : "?";

    /// <summary>
    /// The closest encloser proof for <paramref name="qname"/> (RFC 5155 §8.3): the longest ancestor (or the name
    /// itself) with a matching NSEC3, which must not be a delegation or a DNAME, and an NSEC3 covering the next closer name.
    /// </summary>
    public ClosestEncloserProof ProveClosestEncloser(DnsName qname)
    {
        DnsName? encloser = null;
        Nsec3Record? match = null;
        for (int labels = qname.LabelCount; labels >= Apex.LabelCount; labels--)
        {
            DnsName candidate = qname.GetAncestor(labels);
            match = FindMatch(candidate);
            if (Exhausted)
            {
                return ClosestEncloserProof.Fail(EncloserOutcome.BudgetExceeded, "");
            }

            if (match is not null)
            {
                encloser = candidate;
                break;
            }
        }

        if (encloser is null || match is null)
        {
            return ClosestEncloserProof.Fail(EncloserOutcome.NoEncloser, $"no NSEC3 matches {qname} or any of its ancestors in the zone {Apex}");
        }

        if (encloser.Equals(qname))
        {
            return new ClosestEncloserProof(EncloserOutcome.NameExists, encloser, match, null, null, $"{match} matches {qname}, so {qname} exists");
        }

        // RFC 5155 §8.3: a delegation or DNAME at the closest encloser would have been a referral or a DNAME answer.
        if (match.IsDelegation)
        {
            return new ClosestEncloserProof(EncloserOutcome.Delegation, encloser, match, null, null,
                $"the closest encloser {encloser} ({match}) is a delegation (NS without SOA), so names below it are not in this zone");
        }

        if (match.HasDname)
        {
            return new ClosestEncloserProof(EncloserOutcome.Dname, encloser, match, null, null,
                $"the closest encloser {encloser} ({match}) has a DNAME, so names below it should have been redirected");
        }

        DnsName nextCloser = qname.GetAncestor(encloser.LabelCount + 1);
        Nsec3Record? cover = FindCover(nextCloser);
        if (Exhausted)
        {
            return ClosestEncloserProof.Fail(EncloserOutcome.BudgetExceeded, "");
        }

        if (cover is null)
        {
            return new ClosestEncloserProof(EncloserOutcome.NextCloserNotCovered, encloser, match, nextCloser, null,
                $"{match} matches the candidate closest encloser {encloser}, but no NSEC3 covers the next closer name {nextCloser} (hash {HashLabel(nextCloser)})");
        }

        return new ClosestEncloserProof(EncloserOutcome.Proven, encloser, match, nextCloser, cover, null);
    }

    /// <summary>The first record that <paramref name="test"/> accepts against the hash of the name with its own parameters.</summary>
    private Nsec3Record? Find(DnsName name, Func<Nsec3Record, byte[], bool> test)
    {
        for (int set = 0; set < _sets.Count; set++)
        {
            if (!TryHash(name, set, out byte[]? hash))
            {
                return null;
            }

            foreach (Nsec3Record record in _sets[set].Records)
            {
                if (test(record, hash))
                {
                    return record;
                }
            }
        }

        return null;
    }

    private bool TryHash(DnsName name, int set, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? hash)
    {
        if (_hashes.TryGetValue((name, set), out hash))
        {
            return true;
        }

        // CVE-2023-50868: every hash costs 1 + iterations SHA-1 runs, so each one is paid for from the answer's budget,
        // and once it is spent the proof stops without trying again. Each parameter set costs its own hash.
        if (Exhausted || !_budget.TrySpendHash())
        {
            Exhausted = true;
            return false;
        }

        hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(name, _sets[set].Salt, _sets[set].Iterations, hash);
        _hashes.Add((name, set), hash);
        return true;
    }

    /// <summary>Decodes the first label of an NSEC3 owner from base32hex (RFC 5155 §3.3); false when it is no SHA-1 hash.</summary>
    private static bool TryDecodeOwner(DnsName owner, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? hash)
    {
        hash = null;
        ReadOnlySpan<byte> label = owner.GetLabel(0);
        const int EncodedLength = (Nsec3Hasher.HashLength * 8 + 4) / 5;
        if (label.Length != EncodedLength || !Nsec3Hasher.TryDecodeLabel(label, out byte[]? decoded) || decoded.Length != Nsec3Hasher.HashLength)
        {
            return false;
        }

        hash = decoded;
        return true;
    }

    private static string Ignored(int unknownAlgorithm, int unknownFlags, int outside, int malformed)
    {
        var parts = new List<string>(4);
        if (unknownAlgorithm > 0)
        {
            parts.Add($"{unknownAlgorithm} with an unknown hash algorithm");
        }

        if (unknownFlags > 0)
        {
            parts.Add($"{unknownFlags} with unknown flags");
        }

        if (outside > 0)
        {
            parts.Add($"{outside} outside the zone");
        }

        if (malformed > 0)
        {
            parts.Add($"{malformed} whose owner or next hash is no SHA-1 hash");
        }

        return parts.Count == 0 ? "" : " (ignored: " + string.Join(", ", parts) + ")";
    }

    /// <summary>The records that share one salt and iteration count, which hash a name alike.</summary>
    private sealed class ParameterSet(byte[] salt, int iterations)
    {
        public byte[] Salt { get; } = salt;

        public int Iterations { get; } = iterations;

        public List<Nsec3Record> Records { get; } = [];
    }
}
