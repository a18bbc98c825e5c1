using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

/// <summary>
/// Zones signed by BIND's dnssec-signzone (algorithms 5, 7, 8, 10, 13, 14, 15, 16) and ldns-signzone (DSA, 6), made by
/// <c>Fixtures/make-signed-zones.sh</c>: every RRSIG verifies, every DS matches its key, and every NSEC3 owner is the
/// hash of a name of the zone.
/// </summary>
public class ToolSignedZoneTests
{
    private static readonly AlgorithmPolicy DsaAllowed = new() { AllowDsa = true };

    [Fact]
    public void Fixtures_Directory_HoldsEveryZoneTheScriptMakes()
    {
        var names = Directory.GetFiles(ToolSignedZone.Directory, "*.zone").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(ToolSignedZone.Names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void Verify_EveryRrsigOfTheZone_IsValid(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        RrsetVerifier verifier = Verifier(zone.IsDsa ? DsaAllowed : AlgorithmPolicy.Default);
        Dictionary<(DnsName, RecordType), List<DnsRecord>> rrsets = RRsets(zone.Records);
        var covered = new HashSet<(DnsName, RecordType)>();
        int checkedSignatures = 0;

        foreach (DnsRecord rrsig in zone.Records.Where(r => r.Type == RecordType.RRSIG))
        {
            RrsigData fields = RrsigData.From(rrsig);
            Assert.Equal(zone.Algorithm, fields.Algorithm);
            DnsRecord key = zone.Keys.Single(k => KeyTag.Compute(k) == fields.KeyTag);

            SignatureCheck check = verifier.Verify(rrsets[(rrsig.Owner, fields.TypeCovered)], rrsig, key);

            Assert.True(check.IsValid, $"{name}: {check.Reason}");
            covered.Add((rrsig.Owner, fields.TypeCovered));
            checkedSignatures++;
        }

        // RFC 4035 §2.2: every authoritative RRset is signed; NS at a delegation and glue are not.
        var delegations = Delegations(zone.Records);
        var unsigned = rrsets.Keys.Where(k => k.Item2 != RecordType.RRSIG && !covered.Contains(k)).ToList();
        Assert.All(unsigned, k => Assert.True(
            (k.Item2 == RecordType.NS && delegations.Contains(k.Item1)) || delegations.Any(d => k.Item1.IsStrictSubdomainOf(d)),
            $"{name}: {k.Item1} {k.Item2} has no RRSIG"));
        Assert.True(checkedSignatures >= 20, $"{name}: only {checkedSignatures} RRSIGs");
    }

    [Fact]
    public void Verify_DsaZoneUnderTheDefaultPolicy_EveryRrsigFailsUnsupportedAlgorithm()
    {
        // RFC 8624 §3.1: validators must not use DSA, so the default policy leaves it off; the test above allows it.
        ToolSignedZone zone = ToolSignedZone.Get("06-dsansec3sha1-nsec3");
        RrsetVerifier verifier = Verifier(AlgorithmPolicy.Default);
        Dictionary<(DnsName, RecordType), List<DnsRecord>> rrsets = RRsets(zone.Records);

        foreach (DnsRecord rrsig in zone.Records.Where(r => r.Type == RecordType.RRSIG))
        {
            RrsigData fields = RrsigData.From(rrsig);
            DnsRecord key = zone.Keys.Single(k => KeyTag.Compute(k) == fields.KeyTag);

            SignatureCheck check = verifier.Verify(rrsets[(rrsig.Owner, fields.TypeCovered)], rrsig, key);

            Assert.Equal(SignatureFailure.UnsupportedAlgorithm, check.Failure);
            // ldns writes RRSIG owners in lower case (mixed.example.) beside the record's own case (MiXeD.example.).
            Assert.StartsWith($"RRSIG for {rrsig.Owner} {fields.TypeCovered} ", check.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("algorithm 6 (DSANSEC3SHA1) is disabled", check.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void Verify_WildcardOfTheZoneServedUnderAnotherName_IsValid(string name)
    {
        // RFC 4035 §5.3.2: *.wild.example. is signed with labels 2 and verifies as host.wild.example. and a.b.wild.example.
        ToolSignedZone zone = ToolSignedZone.Get(name);
        RrsetVerifier verifier = Verifier(zone.IsDsa ? DsaAllowed : AlgorithmPolicy.Default);
        DnsName wildcard = DnsName.Parse("*.wild.example.");

        foreach (string served in new[] { "host.wild.example.", "a.b.wild.example." })
        {
            DnsName owner = DnsName.Parse(served);
            foreach (RecordType type in new[] { RecordType.A, RecordType.TXT })
            {
                List<DnsRecord> rrset = zone.Records.Where(r => r.Type == type && r.Owner.Equals(wildcard)).Select(r => r.WithOwner(owner)).ToList();
                DnsRecord rrsig = zone.Records.Single(r => r.Type == RecordType.RRSIG && r.Owner.Equals(wildcard) && RrsigData.From(r).TypeCovered == type && RrsigData.From(r).KeyTag != Ksk(zone).Item2);
                Assert.Equal(2, RrsigData.From(rrsig).Labels);
                DnsRecord key = zone.Keys.Single(k => KeyTag.Compute(k) == RrsigData.From(rrsig).KeyTag);

                SignatureCheck check = verifier.Verify(rrset, rrsig.WithOwner(owner), key);

                Assert.True(check.IsValid, $"{name}: {check.Reason}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void Matches_ParentSideDsOfTheZone_MatchesItsKeySigningKey(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        (DnsRecord ksk, ushort kskTag) = Ksk(zone);

        Assert.Equal(3, zone.ParentDs.Count);
        foreach (DnsRecord ds in zone.ParentDs)
        {
            DsData fields = DsData.From(ds);
            Assert.Equal(kskTag, fields.KeyTag);
            Assert.True(DsDigest.Matches(fields, ds.Owner, ksk.Data.Span), $"{name}: {ds}");
            Assert.All(zone.Keys.Where(k => k != ksk), other => Assert.False(DsDigest.Matches(fields, ds.Owner, other.Data.Span)));
        }
    }

    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void Matches_DsOfTheDelegation_MatchesTheChildKey(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        DnsRecord ds = zone.Records.Single(r => r.Type == RecordType.DS);
        DnsRecord child = zone.ChildKey;

        Assert.Equal(DnsName.Parse("sub.example."), ds.Owner);
        Assert.Equal(ds.Owner, child.Owner);
        Assert.True(DsDigest.Matches(DsData.From(ds), child.Owner, child.Data.Span), name);
        Assert.All(zone.Keys, key => Assert.False(DsDigest.Matches(DsData.From(ds), child.Owner, key.Data.Span)));
        Assert.Equal(Convert.ToHexString(ds.Data.Span), Convert.ToHexString(DsDigest.CreateDs(child, DsData.From(ds).DigestType).Data.Span));
    }

    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void Denial_OwnersOfTheChain_AreTheNamesOfTheZone(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        HashSet<DnsName> delegations = Delegations(zone.Records);
        var secure = zone.Records.Where(r => r.Type == RecordType.DS).Select(r => r.Owner).ToHashSet();
        DnsRecord? parameters = zone.Records.SingleOrDefault(r => r.Type == RecordType.NSEC3PARAM);
        var nsec3 = zone.Records.Where(r => r.Type == RecordType.NSEC3).ToList();
        var nsec = zone.Records.Where(r => r.Type == RecordType.NSEC).ToList();

        if (parameters is null)
        {
            // RFC 4034 §4: one NSEC per authoritative name and delegation point, none for empty non-terminals or glue.
            Assert.Empty(nsec3);
            var owners = ToolSignedZone.ReadSource().Select(r => r.Owner).Where(n => !Occluded(n, delegations)).ToHashSet();
            Assert.Equal(Sorted(owners), Sorted(nsec.Select(r => r.Owner)));
            AssertNsecChain(nsec);
            return;
        }

        // RFC 5155 §7.1: one NSEC3 per authoritative name, delegation point and empty non-terminal; opt-out (§6)
        // leaves out delegations without DS. Each owner is the base32hex hash of the name as the first label.
        Assert.Empty(nsec);
        Nsec3ParamData param = Nsec3ParamData.From(parameters);
        bool optOut = Nsec3Data.From(nsec3[0]).IsOptOut;
        Assert.Equal(name.Contains("optout", StringComparison.Ordinal), optOut);
        var names = new HashSet<DnsName>();
        foreach (DnsRecord record in ToolSignedZone.ReadSource())
        {
            for (DnsName n = record.Owner; n.IsSubdomainOf(ToolSignedZone.Origin); n = n.Parent)
            {
                if (!Occluded(n, delegations) && !(optOut && delegations.Contains(n) && !secure.Contains(n)))
                {
                    names.Add(n);
                }

                if (n.Equals(ToolSignedZone.Origin))
                {
                    break;
                }
            }
        }

        var expected = new HashSet<DnsName>();
        foreach (DnsName n in names)
        {
            byte[] hash = new byte[Nsec3Hasher.HashLength];
            Nsec3Hasher.Compute(n, param.Salt.Span, param.Iterations, hash);
            expected.Add(ToolSignedZone.Origin.Prepend(System.Text.Encoding.ASCII.GetBytes(Nsec3Hasher.ToLabel(hash))));
        }

        Assert.Contains(DnsName.Parse("ent.example."), names);
        Assert.Contains(DnsName.Parse("wild.example."), names);
        Assert.Equal(Sorted(expected), Sorted(nsec3.Select(r => r.Owner)));
        Assert.All(nsec3, r =>
        {
            Nsec3Data data = Nsec3Data.From(r);
            Assert.Equal(param.HashAlgorithm, data.HashAlgorithm);
            Assert.Equal(param.Iterations, data.Iterations);
            Assert.Equal(param.Salt.ToArray(), data.Salt.ToArray());
        });
        AssertNsec3Chain(nsec3);
    }

    private static RrsetVerifier Verifier(AlgorithmPolicy policy) =>
        new(new VerifierCache(policy), new FakeTimeProvider(ToolSignedZone.ValidationTime));

    private static Dictionary<(DnsName, RecordType), List<DnsRecord>> RRsets(IEnumerable<DnsRecord> records)
    {
        var rrsets = new Dictionary<(DnsName, RecordType), List<DnsRecord>>();
        foreach (DnsRecord record in records)
        {
            if (!rrsets.TryGetValue((record.Owner, record.Type), out List<DnsRecord>? rrset))
            {
                rrset = [];
                rrsets.Add((record.Owner, record.Type), rrset);
            }

            rrset.Add(record);
        }

        return rrsets;
    }

    private static (DnsRecord Key, ushort Tag) Ksk(ToolSignedZone zone)
    {
        DnsRecord ksk = zone.Keys.Single(k => DnskeyData.From(k).IsSecureEntryPoint);
        return (ksk, KeyTag.Compute(ksk));
    }

    private static HashSet<DnsName> Delegations(IEnumerable<DnsRecord> records) =>
        records.Where(r => r.Type == RecordType.NS && !r.Owner.Equals(ToolSignedZone.Origin)).Select(r => r.Owner).ToHashSet();

    private static bool Occluded(DnsName name, HashSet<DnsName> delegations) =>
        delegations.Any(d => name.IsStrictSubdomainOf(d));

    private static List<string> Sorted(IEnumerable<DnsName> names) =>
        names.Distinct().Order().Select(n => n.ToString().ToLowerInvariant()).ToList();

    private static void AssertNsecChain(List<DnsRecord> nsec)
    {
        // RFC 4034 §4.1.1: each next name is the following owner in canonical order (RFC 4034 §6.1), the last
        // pointing back to the apex.
        var ordered = nsec.OrderBy(r => r.Owner).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[(i + 1) % ordered.Count].Owner, NsecData.From(ordered[i]).NextDomainName);
        }
    }

    private static void AssertNsec3Chain(List<DnsRecord> nsec3)
    {
        // RFC 5155 §3.1.7: each next hashed owner is the following hash in order, the last pointing to the first.
        var ordered = nsec3.Select(r => (Hash: Convert.FromHexString(Base32HexToHex(r.Owner.ToString()[..32])), Record: r))
            .OrderBy(x => x.Hash, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[(i + 1) % ordered.Count].Hash, Nsec3Data.From(ordered[i].Record).NextHashedOwnerName.ToArray());
        }
    }

    private static string Base32HexToHex(string label)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
        var bits = new System.Text.StringBuilder();
        foreach (char c in label.ToUpperInvariant())
        {
            bits.Append(Convert.ToString(Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0'));
        }

        var hex = new System.Text.StringBuilder();
        for (int i = 0; i + 8 <= bits.Length; i += 8)
        {
            hex.Append(Convert.ToByte(bits.ToString(i, 8), 2).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
