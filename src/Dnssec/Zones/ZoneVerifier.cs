using System.Collections.Concurrent;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Zones;

/// <summary>
/// Checks a whole signed zone as BIND's dnssec-verify and ldns-verify-zone do: every RRSIG, that every authoritative
/// RRset is signed by each algorithm of the zone keys (RFC 6840 §5.11), that the DNSKEY RRset is signed by a trusted
/// or secure-entry-point key, and that the NSEC or NSEC3 chain is complete and correct. Signatures are checked on all
/// cores, beginning while the zone is still being read.
/// </summary>
public sealed partial class ZoneVerifier
{
    private readonly RrsetVerifier _verifier;

    /// <summary>Creates a zone verifier that checks signatures with <paramref name="verifier"/> (its clock and policy apply).</summary>
    public ZoneVerifier(RrsetVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
    }

    /// <summary>The most threads that check signatures at once; every core by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Verifies the zone at <paramref name="origin"/>.</summary>
    /// <param name="origin">The apex.</param>
    /// <param name="records">Every record of the signed zone; read once, while the signatures of the names already read are checked.</param>
    /// <param name="trustAnchors">DS or DNSKEY records one of which must match a key that signs the DNSKEY RRset; when empty, a secure-entry-point key of the zone must.</param>
    /// <param name="progress">Receives the number of RRsets checked so far.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <exception cref="ArgumentException">A record lies outside the zone.</exception>
    public ZoneVerificationResult Verify(DnsName origin, IEnumerable<DnsRecord> records, IReadOnlyList<DnsRecord>? trustAnchors = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(records);
        var zone = new ZoneIndex(origin);
        var early = new EarlyChecks(this, zone, trustAnchors, progress, cancellationToken);
        try
        {
            early.Read(records);
        }
        catch
        {
            early.Abandon();
            throw;
        }

        var problems = new ConcurrentBag<ZoneProblem>();

        // The denial chain does not depend on the signatures, so it is checked while they are.
        ZoneCuts cuts = early.Cuts();
        Task<DenialOfExistence> denialCheck = Task.Run(() => CheckDenial(zone, cuts, problems), cancellationToken);
        List<DnsRecord> keys = ZoneKeys(zone, problems);
        var algorithms = keys.Where(k => !DnskeyData.From(k).IsRevoked).Select(k => DnskeyData.From(k).Algorithm).Distinct().Order().ToList();
        HashSet<DnsRecord> trustedKeys = TrustedKeys(keys, trustAnchors, origin);
        if (trustedKeys.Count == 0 && keys.Count > 0)
        {
            problems.Add(new ZoneProblem(origin, RecordType.DNSKEY, ZoneProblemKind.UntrustedKeys, $"No DNSKEY of {origin} matches the trust anchors"));
        }

        CheckOrphanSignatures(zone, problems);

        // What the early checks could not cover (names read again later, or all of them when the keys changed) is checked
        // now, beside the denial chain and the early checks still under way. Only those RRsets are listed: a list of every
        // RRset would be a large-object allocation, and the full collection it sets off, at the end of every run.
        var late = new List<LateRRset>();
        int position = 0;
        foreach ((DnsName owner, SortedDictionary<RecordType, List<DnsRecord>> sets) in zone.Names)
        {
            NameWork? work = early.Find(owner);
            NameKind kind = cuts.Classify(owner);
            foreach ((RecordType type, List<DnsRecord> rrset) in sets)
            {
                if (IsSignable(kind, type) && work?.Find(type) is null)
                {
                    late.Add(new LateRRset(position, owner, type, rrset));
                }

                position++;
            }
        }

        var zoneKeys = ZoneKeysWithTags(keys);
        if (late.Count > 0)
        {
            Parallel.ForEach(
                Partitioner.Create(0, late.Count, Math.Max(16, late.Count / (MaxDegreeOfParallelism * 8) + 1)),
                new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken },
                range =>
                {
                    for (int i = range.Item1; i < range.Item2; i++)
                    {
                        LateRRset set = late[i];
                        set.Check = CheckSignatures(set.Owner, set.Type, set.Records, zone.SignaturesOf(set.Owner, set.Type), zoneKeys, trustedKeys);
                        early.Report();
                    }
                });
        }

        early.WaitForWorkers();

        // The same walk again, in the same order, so that each late check is found by its position.
        int rrsetCount = 0;
        int signatureCount = 0;
        int validCount = 0;
        int lateIndex = 0;
        position = 0;
        foreach ((DnsName owner, SortedDictionary<RecordType, List<DnsRecord>> sets) in zone.Names)
        {
            NameWork? work = early.Find(owner);
            NameKind kind = cuts.Classify(owner);
            foreach (RecordType type in sets.Keys)
            {
                RRsetCheck? check = null;
                if (lateIndex < late.Count && late[lateIndex].Position == position)
                {
                    check = late[lateIndex++].Check;
                }
                else if (IsSignable(kind, type))
                {
                    check = work!.Find(type)!.Check;
                }

                position++;
                if (check is null)
                {
                    if (zone.SignaturesOf(owner, type).Count > 0)
                    {
                        problems.Add(new ZoneProblem(owner, type, ZoneProblemKind.UnexpectedSignature,
                            $"{owner} {type} is {(kind == NameKind.Occluded ? "glue or occluded data" : "the delegation's NS RRset")} and must not be signed"));
                    }

                    continue;
                }

                rrsetCount++;
                signatureCount += check.Checked;
                validCount += check.Valid;
                ReportRRset(owner, type, check, algorithms, trustedKeys, problems);
            }
        }

        progress?.Report(position);
        DenialOfExistence denial = denialCheck.GetAwaiter().GetResult();
        var ordered = problems.OrderBy(p => p.Owner).ThenBy(p => (ushort)p.Type).ThenBy(p => p.Message, StringComparer.Ordinal).ToList();
        return new ZoneVerificationResult(origin, denial, algorithms, rrsetCount, signatureCount, validCount, ordered);
    }

    /// <summary>The zone's keys that can sign: DNSKEYs at the apex with the Zone Key flag and protocol 3.</summary>
    private static List<DnsRecord> ZoneKeyRecords(ZoneIndex zone) =>
        zone.Names.TryGetValue(zone.Origin, out var apex) && apex.TryGetValue(RecordType.DNSKEY, out var dnskeys)
            ? dnskeys.Where(k => DnskeyData.From(k) is { IsZoneKey: true, Protocol: DnskeyData.DnssecProtocol }).ToList()
            : [];

    private static List<ZoneKey> ZoneKeysWithTags(List<DnsRecord> keys) =>
        keys.Select(k => new ZoneKey(k, KeyTag.Compute(k), DnskeyData.From(k).Algorithm)).ToList();

    /// <summary>Whether an RRset of this type at a name of this kind is signed (RFC 4035 §2.2): not glue, not a delegation's NS.</summary>
    private static bool IsSignable(NameKind kind, RecordType type) =>
        kind == NameKind.Authoritative || (kind == NameKind.Delegation && type is RecordType.DS or RecordType.NSEC);

    private static List<DnsRecord> ZoneKeys(ZoneIndex zone, ConcurrentBag<ZoneProblem> problems)
    {
        if (zone.Soa is null)
        {
            problems.Add(new ZoneProblem(zone.Origin, RecordType.SOA, ZoneProblemKind.UntrustedKeys, $"{zone.Origin} has no SOA record: is the origin right?"));
        }

        List<DnsRecord> keys = ZoneKeyRecords(zone);
        if (keys.Count == 0)
        {
            problems.Add(new ZoneProblem(zone.Origin, RecordType.DNSKEY, ZoneProblemKind.UntrustedKeys, $"{zone.Origin} has no DNSKEY with the Zone Key flag"));
        }

        return keys;
    }

    private static HashSet<DnsRecord> TrustedKeys(List<DnsRecord> keys, IReadOnlyList<DnsRecord>? anchors, DnsName origin)
    {
        if (anchors is { Count: > 0 })
        {
            return keys.Where(key => anchors.Any(anchor => anchor.Owner.Equals(origin) && anchor.Type switch
            {
                RecordType.DS => DsDigest.Matches(DsData.From(anchor), origin, key.Data.Span),
                RecordType.DNSKEY => anchor.Data.Span.SequenceEqual(key.Data.Span),
                _ => false,
            })).ToHashSet();
        }

        var entryPoints = keys.Where(k => DnskeyData.From(k) is { IsSecureEntryPoint: true, IsRevoked: false }).ToHashSet();
        return entryPoints.Count > 0 ? entryPoints : keys.ToHashSet();
    }

    /// <summary>Checks every RRSIG over one RRset against the zone keys: the costly part, which needs nothing of the rest of the zone.</summary>
    private RRsetCheck CheckSignatures(DnsName owner, RecordType type, IReadOnlyList<DnsRecord> rrset, IReadOnlyList<DnsRecord> signatures, List<ZoneKey> keys, HashSet<DnsRecord> trustedKeys)
    {
        var result = new RRsetCheck { Checked = signatures.Count };
        foreach (DnsRecord rrsig in signatures)
        {
            RrsigData data = RrsigData.From(rrsig);
            SignatureCheck? outcome = null;
            foreach (ZoneKey key in keys)
            {
                if (key.Algorithm != data.Algorithm || key.Tag != data.KeyTag)
                {
                    continue;
                }

                SignatureCheck check = _verifier.Verify(rrset, rrsig, key.Record);
                outcome = check;
                if (check.IsValid)
                {
                    break;
                }
            }

            if (outcome is { IsValid: true } success)
            {
                result.Valid++;
                result.SignedBy.Add((byte)data.Algorithm);
                result.Trusted |= trustedKeys.Contains(success.Key!);
            }
            else
            {
                string reason = outcome?.Reason ?? $"RRSIG for {owner} {type} names key {data.KeyTag} (algorithm {(byte)data.Algorithm}) by {data.SignerName}, which is not a zone key of {keys.FirstOrDefault()?.Record.Owner}";
                (result.Failures ??= []).Add(reason);
            }
        }

        return result;
    }

    /// <summary>The problems of one signed RRset: signatures that failed, algorithms without a valid one, and a DNSKEY RRset no trusted key signs.</summary>
    private static void ReportRRset(DnsName owner, RecordType type, RRsetCheck check, List<DnssecAlgorithm> algorithms, HashSet<DnsRecord> trustedKeys, ConcurrentBag<ZoneProblem> problems)
    {
        foreach (string reason in check.Failures ?? [])
        {
            problems.Add(new ZoneProblem(owner, type, ZoneProblemKind.BadSignature, reason));
        }

        foreach (DnssecAlgorithm algorithm in algorithms)
        {
            if (!check.SignedBy.Contains((byte)algorithm))
            {
                problems.Add(new ZoneProblem(owner, type, ZoneProblemKind.MissingSignature,
                    $"{owner} {type} has no valid signature by algorithm {(byte)algorithm} ({Mnemonics.FormatAlgorithm(algorithm)})"));
            }
        }

        if (type == RecordType.DNSKEY && !check.Trusted && trustedKeys.Count > 0)
        {
            problems.Add(new ZoneProblem(owner, type, ZoneProblemKind.UntrustedKeys,
                $"{owner} DNSKEY is not signed by a trusted key (tags {string.Join(", ", trustedKeys.Select(k => KeyTag.Compute(k)))})"));
        }
    }

    /// <summary>An RRset the early checks did not cover, its position in the walk over the index, and what checking it found.</summary>
    private sealed class LateRRset(int position, DnsName owner, RecordType type, List<DnsRecord> records)
    {
        public int Position { get; } = position;

        public DnsName Owner { get; } = owner;

        public RecordType Type { get; } = type;

        public List<DnsRecord> Records { get; } = records;

        public RRsetCheck? Check { get; set; }
    }

    /// <summary>What checking one RRset's signatures found.</summary>
    private sealed class RRsetCheck
    {
        /// <summary>The number of RRSIGs over the RRset.</summary>
        public int Checked;

        /// <summary>The number that verified.</summary>
        public int Valid;

        /// <summary>The algorithms of the signatures that verified.</summary>
        public AlgorithmSet SignedBy;

        /// <summary>Whether a trusted key made one of them.</summary>
        public bool Trusted;

        /// <summary>Why each of the others failed, or null when none did.</summary>
        public List<string>? Failures;
    }

    /// <summary>A set of algorithm numbers as 256 bits, so that an RRset's check allocates no set.</summary>
    private struct AlgorithmSet
    {
        private ulong _bits0;
        private ulong _bits1;
        private ulong _bits2;
        private ulong _bits3;

        public void Add(byte algorithm) => Word(algorithm >> 6) |= 1UL << (algorithm & 63);

        public readonly bool Contains(byte algorithm) => ((algorithm >> 6) switch { 0 => _bits0, 1 => _bits1, 2 => _bits2, _ => _bits3 } & (1UL << (algorithm & 63))) != 0;

        [System.Diagnostics.CodeAnalysis.UnscopedRef]
        private ref ulong Word(int index)
        {
            switch (index)
            {
                case 0:
                    return ref _bits0;
                case 1:
                    return ref _bits1;
                case 2:
                    return ref _bits2;
                default:
                    return ref _bits3;
            }
        }
    }

    /// <summary>A zone key with its tag and algorithm worked out once.</summary>
    private sealed record ZoneKey(DnsRecord Record, ushort Tag, DnssecAlgorithm Algorithm);

    private static void CheckOrphanSignatures(ZoneIndex zone, ConcurrentBag<ZoneProblem> problems)
    {
        foreach ((DnsName owner, Dictionary<RecordType, List<DnsRecord>> byType) in zone.Signatures)
        {
            foreach (RecordType covered in byType.Keys)
            {
                if (!zone.Names.TryGetValue(owner, out var sets) || !sets.ContainsKey(covered))
                {
                    problems.Add(new ZoneProblem(owner, covered, ZoneProblemKind.BadSignature, $"RRSIG at {owner} covers {covered}, which is not in the zone"));
                }
            }
        }
    }

    private static DenialOfExistence CheckDenial(ZoneIndex zone, ZoneCuts cuts, ConcurrentBag<ZoneProblem> problems)
    {
        bool hasNsec3 = zone.Names.Values.Any(sets => sets.ContainsKey(RecordType.NSEC3) || sets.ContainsKey(RecordType.NSEC3PARAM));
        bool hasNsec = zone.Names.Values.Any(sets => sets.ContainsKey(RecordType.NSEC));
        if (hasNsec3)
        {
            new Nsec3ChainCheck(zone, cuts, problems).Run();
            return DenialOfExistence.Nsec3;
        }

        if (hasNsec)
        {
            CheckNsecChain(zone, cuts, problems);
            return DenialOfExistence.Nsec;
        }

        problems.Add(new ZoneProblem(zone.Origin, RecordType.NSEC, ZoneProblemKind.NsecChain, $"{zone.Origin} has neither NSEC nor NSEC3 records"));
        return DenialOfExistence.None;
    }

    private static void CheckNsecChain(ZoneIndex zone, ZoneCuts cuts, ConcurrentBag<ZoneProblem> problems)
    {
        IReadOnlyList<DnsName> sortedOwners = zone.SortedOwners;
        var owners = new List<DnsName>(sortedOwners.Count);
        foreach (DnsName name in sortedOwners)
        {
            if (cuts.Classify(name) != NameKind.Occluded)
            {
                owners.Add(name);
            }
        }

        for (int i = 0; i < owners.Count; i++)
        {
            DnsName owner = owners[i];
            SortedDictionary<RecordType, List<DnsRecord>> sets = zone.Names[owner];
            if (!sets.TryGetValue(RecordType.NSEC, out var nsecs))
            {
                problems.Add(new ZoneProblem(owner, RecordType.NSEC, ZoneProblemKind.NsecChain, $"{owner} has no NSEC record"));
                continue;
            }

            NsecData nsec = NsecData.From(nsecs[0]);
            DnsName expectedNext = owners[(i + 1) % owners.Count];
            if (!PointsTo(nsecs[0], expectedNext) && !nsec.NextDomainName.Equals(expectedNext))
            {
                problems.Add(new ZoneProblem(owner, RecordType.NSEC, ZoneProblemKind.NsecChain, $"NSEC at {owner} points to {nsec.NextDomainName}, but the next name is {expectedNext}"));
            }

            CheckTypes(zone, owner, owner, RecordType.NSEC, ZoneProblemKind.NsecChain, nsec.Types, forNsec3: false, problems);
        }

        foreach ((DnsName owner, SortedDictionary<RecordType, List<DnsRecord>> sets) in zone.Names)
        {
            if (sets.ContainsKey(RecordType.NSEC) && cuts.Classify(owner) == NameKind.Occluded)
            {
                problems.Add(new ZoneProblem(owner, RecordType.NSEC, ZoneProblemKind.NsecChain, $"{owner} is below a delegation and must not have an NSEC"));
            }
        }
    }

    /// <summary>Whether the NSEC's next name is <paramref name="next"/>, compared in wire form so that a correct link makes no name; false sends the caller to the full comparison.</summary>
    private static bool PointsTo(DnsRecord nsec, DnsName next)
    {
        ReadOnlySpan<byte> data = nsec.Data.Span;
        ReadOnlySpan<byte> wire = next.WireForm;
        return data.Length >= wire.Length && AsciiCase.EqualsIgnoreCase(data[..wire.Length], wire);
    }

    /// <summary>
    /// Reports a bitmap that does not list exactly the types of <paramref name="name"/> (see <see cref="ExpectedTypes"/>). The
    /// usual case, a bitmap that lists them all and nothing else, is recognised without building a set; anything else goes
    /// through the sets, which also write the message.
    /// </summary>
    private static void CheckTypes(ZoneIndex zone, DnsName name, DnsName owner, RecordType type, ZoneProblemKind kind, TypeBitmap bitmap, bool forNsec3, ConcurrentBag<ZoneProblem> problems)
    {
        if (!ListsExactly(zone, name, bitmap, forNsec3))
        {
            CompareTypes(owner, type, kind, bitmap, ExpectedTypes(zone, name, forNsec3), problems);
        }
    }

    /// <summary>Whether the bitmap lists exactly the types <see cref="ExpectedTypes"/> would give, found without building a set.</summary>
    private static bool ListsExactly(ZoneIndex zone, DnsName name, TypeBitmap bitmap, bool forNsec3)
    {
        int expected = 0;
        if (zone.Names.TryGetValue(name, out var sets))
        {
            foreach (RecordType present in sets.Keys)
            {
                if (forNsec3 && present == RecordType.NSEC3)
                {
                    continue;
                }

                if (!bitmap.Contains(present))
                {
                    return false;
                }

                expected++;
            }
        }

        if (zone.Signatures.TryGetValue(name, out var signed) && (!forNsec3 || HasTypeOtherThanNsec3(signed)))
        {
            if (!bitmap.Contains(RecordType.RRSIG))
            {
                return false;
            }

            expected++;
        }

        // Every expected type is listed, and a record's windows are in order and each written once (RFC 4034 §4.1.2,
        // checked when the record was made): as many bits set as types expected means nothing else is listed.
        return CountListed(bitmap.RawData.Span) == expected;
    }

    private static bool HasTypeOtherThanNsec3(Dictionary<RecordType, List<DnsRecord>> signed)
    {
        foreach (RecordType covered in signed.Keys)
        {
            if (covered != RecordType.NSEC3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of bits set in a type bitmap's windows (RFC 4034 §4.1.2), or -1 when a window runs past the end.</summary>
    private static int CountListed(ReadOnlySpan<byte> bitmap)
    {
        int count = 0;
        int position = 0;
        while (position + 2 <= bitmap.Length)
        {
            int length = bitmap[position + 1];
            if (position + 2 + length > bitmap.Length)
            {
                return -1;
            }

            foreach (byte bits in bitmap.Slice(position + 2, length))
            {
                count += System.Numerics.BitOperations.PopCount(bits);
            }

            position += 2 + length;
        }

        return position == bitmap.Length ? count : -1;
    }

    /// <summary>The types an NSEC or NSEC3 bitmap must list for a name: its RRsets, and RRSIG when any of them is signed.</summary>
    private static SortedSet<RecordType> ExpectedTypes(ZoneIndex zone, DnsName owner, bool forNsec3 = false)
    {
        var types = new SortedSet<RecordType>();
        if (zone.Names.TryGetValue(owner, out var sets))
        {
            foreach (RecordType type in sets.Keys)
            {
                // RFC 5155 §7.1: an NSEC3 lists the types of its original name, never NSEC3 itself.
                if (!(forNsec3 && type == RecordType.NSEC3))
                {
                    types.Add(type);
                }
            }
        }

        if (zone.Signatures.TryGetValue(owner, out var signed) && signed.Keys.Any(t => !forNsec3 || t != RecordType.NSEC3))
        {
            types.Add(RecordType.RRSIG);
        }

        return types;
    }

    private static void CompareTypes(DnsName owner, RecordType type, ZoneProblemKind kind, TypeBitmap bitmap, SortedSet<RecordType> expected, ConcurrentBag<ZoneProblem> problems)
    {
        var listed = new SortedSet<RecordType>(bitmap.ToList());
        if (!listed.SetEquals(expected))
        {
            problems.Add(new ZoneProblem(owner, type, kind,
                $"{type} at {owner} lists types [{string.Join(' ', listed.Select(Mnemonics.FormatRecordType))}], but the name has [{string.Join(' ', expected.Select(Mnemonics.FormatRecordType))}]"));
        }
    }

    /// <summary>The NSEC3 checks (RFC 5155 §7.1): one NSEC3 per name and empty non-terminal, one parameter set, a closed chain.</summary>
    private sealed class Nsec3ChainCheck(ZoneIndex zone, ZoneCuts cuts, ConcurrentBag<ZoneProblem> problems)
    {
        public void Run()
        {
            var nsec3s = new List<(byte[] Hash, DnsRecord Record)>();
            foreach ((byte[] hash, _, List<DnsRecord> records) in zone.Nsec3Records)
            {
                nsec3s.Add((hash, records[0]));
            }

            foreach (DnsName owner in zone.MalformedNsec3Owners)
            {
                problems.Add(new ZoneProblem(owner, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain, $"NSEC3 owner {owner} is not a base32hex hash directly below {zone.Origin}"));
            }

            var originals = new List<DnsName>();
            foreach ((DnsName owner, SortedDictionary<RecordType, List<DnsRecord>> sets) in zone.Names)
            {
                if (sets.Keys.Any(t => t != RecordType.NSEC3) && cuts.Classify(owner) != NameKind.Occluded)
                {
                    originals.Add(owner);
                }
            }

            Nsec3ParamData? parameters = zone.Nsec3Param;
            if (parameters is null)
            {
                problems.Add(new ZoneProblem(zone.Origin, RecordType.NSEC3PARAM, ZoneProblemKind.Nsec3Chain, $"{zone.Origin} has NSEC3 records but no NSEC3PARAM"));
                if (nsec3s.Count == 0)
                {
                    return;
                }
            }

            Nsec3Data reference = Nsec3Data.From(nsec3s.Count > 0 ? nsec3s[0].Record : zone.Names[zone.Origin][RecordType.NSEC3PARAM][0]);
            byte algorithm = parameters?.HashAlgorithm ?? reference.HashAlgorithm;
            ushort iterations = parameters?.Iterations ?? reference.Iterations;
            ReadOnlyMemory<byte> salt = parameters?.Salt ?? reference.Salt;
            if (algorithm != Nsec3Hasher.Sha1)
            {
                problems.Add(new ZoneProblem(zone.Origin, RecordType.NSEC3PARAM, ZoneProblemKind.Nsec3Chain, $"NSEC3 hash algorithm {algorithm} is not SHA-1"));
                return;
            }

            for (int i = 0; i < nsec3s.Count; i++)
            {
                Nsec3Data data = Nsec3Data.From(nsec3s[i].Record);
                DnsName owner = nsec3s[i].Record.Owner;
                if (data.HashAlgorithm != algorithm || data.Iterations != iterations || !data.Salt.Span.SequenceEqual(salt.Span))
                {
                    problems.Add(new ZoneProblem(owner, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain, $"NSEC3 at {owner} has parameters that differ from the NSEC3PARAM"));
                }

                byte[] expectedNext = nsec3s[(i + 1) % nsec3s.Count].Hash;
                if (!data.NextHashedOwnerName.Span.SequenceEqual(expectedNext))
                {
                    problems.Add(new ZoneProblem(owner, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain,
                        $"NSEC3 at {owner} points to {Nsec3Hasher.ToLabel(data.NextHashedOwnerName.Span)}, but the next hash is {Nsec3Hasher.ToLabel(expectedNext)}"));
                }
            }

            var byHash = new Dictionary<string, DnsRecord>(StringComparer.Ordinal);
            foreach ((byte[] hash, DnsRecord record) in nsec3s)
            {
                byHash[Convert.ToHexString(hash)] = record;
            }

            var matched = new HashSet<string>(StringComparer.Ordinal);
            Span<byte> computed = stackalloc byte[Nsec3Hasher.HashLength];
            foreach (DnsName name in zone.WithEmptyNonTerminals(originals))
            {
                if (cuts.Classify(name) == NameKind.Occluded)
                {
                    continue;
                }

                Nsec3Hasher.Compute(name, salt.Span, iterations, computed);
                string key = Convert.ToHexString(computed);
                if (byHash.TryGetValue(key, out DnsRecord? record))
                {
                    matched.Add(key);
                    CheckTypes(zone, name, record.Owner, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain, Nsec3Data.From(record).Types, forNsec3: true, problems);
                    continue;
                }

                // RFC 5155 §7.1: with opt-out, an unsigned delegation may be left out if an opt-out NSEC3 covers it.
                bool unsignedDelegation = cuts.Classify(name) == NameKind.Delegation && !zone.Names[name].ContainsKey(RecordType.DS);
                bool emptyNonTerminal = !zone.Names.ContainsKey(name);
                if ((unsignedDelegation || emptyNonTerminal) && CoveredByOptOut(nsec3s, computed))
                {
                    continue;
                }

                problems.Add(new ZoneProblem(name, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain, $"{name} has no NSEC3 (expected owner {Nsec3Hasher.ToLabel(computed)}.{zone.Origin})"));
            }

            foreach ((byte[] hash, DnsRecord record) in nsec3s)
            {
                if (!matched.Contains(Convert.ToHexString(hash)))
                {
                    problems.Add(new ZoneProblem(record.Owner, RecordType.NSEC3, ZoneProblemKind.Nsec3Chain, $"NSEC3 at {record.Owner} matches no name of the zone"));
                }
            }
        }

        private static bool CoveredByOptOut(List<(byte[] Hash, DnsRecord Record)> chain, ReadOnlySpan<byte> hash)
        {
            for (int i = 0; i < chain.Count; i++)
            {
                Nsec3Data data = Nsec3Data.From(chain[i].Record);
                bool covers = Nsec3Hasher.Covers(chain[i].Hash, data.NextHashedOwnerName.Span, hash);
                if (covers)
                {
                    return data.IsOptOut;
                }
            }

            return false;
        }
    }
}
