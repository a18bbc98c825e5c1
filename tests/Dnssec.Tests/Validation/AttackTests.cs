using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using Xunit.Abstractions;

namespace Dnssec.Tests.Validation;

/// <summary>
/// Resource-exhaustion attacks on the validator (KeyTrap, CVE-2023-50387; NSEC3 hashing, CVE-2023-50868; long alias
/// chains): each must end in a defined status after a bounded amount of work. Work is counted through
/// <see cref="AnswerValidation.SignaturesChecked"/> and <see cref="AnswerValidation.Nsec3HashesComputed"/>, never timed.
/// </summary>
public sealed class AttackTests(ITestOutputHelper output)
{
    private const int Colliding = 300;
    private static readonly DnsName Example = DnsName.Parse("example.test.");

    /// <summary>Limits to run the signature attacks under: the defaults, tight ones, and absurd ones that clamping must tame.</summary>
    public static TheoryData<string, ValidationLimits> SignatureLimits => new()
    {
        { "default limits", ValidationLimits.Default },
        { "two checks per RRset, one key per tag", new ValidationLimits { SignatureAttemptsPerRRset = 2, KeyTagCollisions = 1 } },
        { "absurd limits clamped to 64 per RRset, 32 keys per tag, 1024 per answer", new ValidationLimits { SignatureAttemptsPerRRset = 100_000, KeyTagCollisions = 100_000, SignatureAttemptsPerAnswer = int.MaxValue } },
        { "zero checks per RRset clamped to one", new ValidationLimits { SignatureAttemptsPerRRset = 0 } },
    };

    [Theory]
    [MemberData(nameof(SignatureLimits))]
    public async Task ValidateAsync_HundredsOfCollidingKeysAndSignaturesOverAnswer_BogusWithinSignatureLimits(string description, ValidationLimits limits)
    {
        // The ZSK's tag is shared by 300 more DNSKEYs (published after it) and claimed by 300 RRSIGs over www A.
        TestHierarchy h = KeyTrapHierarchy(RecordType.A, zsk: true, fakesFirst: false);
        DnssecValidator validator = h.Validator(new ValidatorOptions { Limits = limits });

        // Warm the chain of trust and the walk for www with a clean RRset of the same name, so only www A is counted.
        AnswerValidation clean = await h.ValidateAsync("www.example.test.", RecordType.TXT, validator);
        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        output.WriteLine($"{description}: warm-up {clean.SignaturesChecked} checks; attack {attack.SignaturesChecked} checks: {attack.Result}");
        Assert.True(clean.Status == SecurityStatus.Secure, clean.Result.ToString());
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.Contains("work limit", attack.Result.Reason, StringComparison.Ordinal);
        Assert.InRange(attack.SignaturesChecked, 1, limits.SignatureAttemptsPerRRset);
        Assert.InRange(clean.SignaturesChecked, 1, limits.SignatureAttemptsPerAnswer);
    }

    [Theory]
    [MemberData(nameof(SignatureLimits))]
    public async Task ValidateAsync_HundredsOfCollidingKeysPublishedFirstColdCache_BogusWithinAnswerLimit(string description, ValidationLimits limits)
    {
        // The colliding keys come before the real ZSK, so even the zone's honest signatures need more tries than allowed.
        TestHierarchy h = KeyTrapHierarchy(RecordType.A, zsk: true, fakesFirst: true);

        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A, h.Validator(new ValidatorOptions { Limits = limits }));

        output.WriteLine($"{description}: {attack.SignaturesChecked} checks: {attack.Result}");
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.InRange(attack.SignaturesChecked, 1, limits.SignatureAttemptsPerAnswer);
    }

    [Theory]
    [MemberData(nameof(SignatureLimits))]
    public async Task ValidateAsync_HundredsOfSignaturesOverDnskeySet_BogusWithinLimits(string description, ValidationLimits limits)
    {
        // 300 RRSIGs over the DNSKEY RRset claim the KSK's tag, ahead of the real one. (Keys sharing the KSK's tag
        // would be stopped earlier, by the DS mismatch limit: see the next test.)
        TestHierarchy h = KeyTrapHierarchy(RecordType.DNSKEY, zsk: false, fakesFirst: false, collidingKeys: 0);
        DnssecValidator validator = h.Validator(new ValidatorOptions { Limits = limits });
        AnswerValidation parent = await h.ValidateAsync("test.", RecordType.SOA, validator);

        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        output.WriteLine($"{description}: {attack.SignaturesChecked} checks after a warm parent: {attack.Result}");
        Assert.True(parent.Status == SecurityStatus.Secure, parent.Result.ToString());
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.Contains("example.test.", attack.Result.Reason, StringComparison.Ordinal);

        // The parent's DS check, then the DNSKEY RRset's own per-RRset allowance.
        Assert.InRange(attack.SignaturesChecked, 1, 1 + limits.SignatureAttemptsPerRRset);
    }

    [Theory]
    [InlineData("published before the KSK", true)]
    [InlineData("published after the KSK", false)]
    public async Task ValidateAsync_HundredsOfKeysWithTheDsTag_BogusAfterDsMismatchLimitWithoutSignatureChecks(string description, bool fakesFirst)
    {
        // Every DNSKEY carrying the DS's tag and algorithm costs a digest; the zone is declared bogus after a few
        // mismatches, before any signature over the DNSKEY RRset is tried, wherever the real KSK stands.
        TestHierarchy h = KeyTrapHierarchy(RecordType.DNSKEY, zsk: false, fakesFirst);
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("test.", RecordType.SOA, validator);

        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        output.WriteLine($"{description}: {attack.SignaturesChecked} checks: {attack.Result}");
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.Contains($"more than {ValidationLimits.DefaultDsMismatches} DNSKEYs", attack.Result.Reason, StringComparison.Ordinal);

        // Only the DS RRset in the parent was verified; the colliding keys cost digests, not signatures.
        Assert.Equal(1, attack.SignaturesChecked);
    }

    [Theory]
    [InlineData("three checks per answer", 3)]
    [InlineData("ten checks per answer", 10)]
    [InlineData("zero checks per answer, clamped to one", 0)]
    public async Task ValidateAsync_AnswerAllowanceSmallerThanTheWork_BogusAfterExactlyTheAllowance(string description, int allowance)
    {
        // Cold cache: the chain of trust alone needs five checks, the walk below the apex one, and the attack the rest.
        TestHierarchy h = KeyTrapHierarchy(RecordType.A, zsk: true, fakesFirst: false);
        var limits = new ValidationLimits { SignatureAttemptsPerAnswer = allowance };

        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A, h.Validator(new ValidatorOptions { Limits = limits }));

        output.WriteLine($"{description}: {attack.SignaturesChecked} checks: {attack.Result}");
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.Contains("work limit", attack.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(limits.SignatureAttemptsPerAnswer, attack.SignaturesChecked);
    }

    [Fact]
    public async Task ValidateAsync_HundredsOfDsRecordsNamingTheKsk_BogusAfterDsMismatchLimit()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.AlterDs = ds => [.. Enumerable.Range(0, Colliding).Select(i => WrongDigest(ds[0], i)), ds[0]];
        });
        h.Build();

        AnswerValidation attack = await h.ValidateAsync("www.example.test.", RecordType.A);

        output.WriteLine($"{attack.SignaturesChecked} checks: {attack.Result}");
        Assert.Equal(SecurityStatus.Bogus, attack.Status);
        Assert.Contains("work limit", attack.Result.Reason, StringComparison.Ordinal);
        Assert.InRange(attack.SignaturesChecked, 1, ValidationLimits.DefaultSignatureAttemptsPerAnswer);
    }

    [Theory]
    [InlineData("the policy's limit", (ushort)(AlgorithmPolicy.DefaultMaxNsec3Iterations + 1), AlgorithmPolicy.DefaultMaxNsec3Iterations)]
    [InlineData("2500 iterations, the RFC 5155 maximum for 4096-bit keys", (ushort)2500, AlgorithmPolicy.DefaultMaxNsec3Iterations)]
    [InlineData("65535 iterations with the policy's limit raised beyond its clamp of 2500", ushort.MaxValue, int.MaxValue)]
    public async Task ValidateAsync_Nsec3IterationsAboveLimit_InsecureWithEde27AndNoHashing(string description, ushort iterations, int policyLimit)
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.Denial = DenialOfExistence.Nsec3;
            z.Nsec3Iterations = iterations;
        });
        h.Build();
        var options = new ValidatorOptions { Policy = new AlgorithmPolicy { MaxNsec3Iterations = policyLimit } };

        AnswerValidation nxdomain = await h.ValidateAsync("nothere.example.test.", RecordType.A, h.Validator(options));
        AnswerValidation nodata = await h.ValidateAsync("www.example.test.", RecordType.MX, h.Validator(options));

        output.WriteLine($"{description}: NXDOMAIN {nxdomain.Nsec3HashesComputed} hashes, {nxdomain.Result}; NODATA {nodata.Nsec3HashesComputed} hashes, {nodata.Result}");
        foreach (AnswerValidation result in new[] { nxdomain, nodata })
        {
            Assert.Equal(SecurityStatus.Insecure, result.Status);
            Assert.Equal(ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, result.Result.Error);
            Assert.Equal(0, result.Nsec3HashesComputed);
        }
    }

    [Theory]
    [InlineData("default budget", ValidationLimits.DefaultNsec3HashesPerAnswer)]
    [InlineData("budget of 5", 5)]
    [InlineData("budget of 0, clamped to 1", 0)]
    public async Task ValidateAsync_NxdomainForVeryDeepName_BogusWhenHashBudgetRunsOut(string description, int budget)
    {
        // 110 labels below the apex: the closest encloser proof would hash every ancestor of the name.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.Denial = DenialOfExistence.Nsec3;
        });
        h.Build();
        string deep = string.Concat(Enumerable.Repeat("a.", 110)) + "example.test.";
        var limits = new ValidationLimits { Nsec3HashesPerAnswer = budget };

        AnswerValidation result = await h.ValidateAsync(deep, RecordType.A, h.Validator(new ValidatorOptions { Limits = limits }));

        output.WriteLine($"{description}: {result.Nsec3HashesComputed} hashes: {result.Result}");
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Contains("NSEC3 hashes ran out", result.Result.Reason, StringComparison.Ordinal);
        Assert.InRange(result.Nsec3HashesComputed, 1, limits.Nsec3HashesPerAnswer);
    }

    [Fact]
    public async Task ValidateAsync_NxdomainForModeratelyDeepName_SecureWithinHashBudget()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.Denial = DenialOfExistence.Nsec3;
        });
        h.Build();
        string deep = string.Concat(Enumerable.Repeat("a.", 20)) + "example.test.";

        AnswerValidation result = await h.ValidateAsync(deep, RecordType.A);

        output.WriteLine($"{result.Nsec3HashesComputed} hashes: {result.Result}");
        Assert.True(result.Status == SecurityStatus.Secure, result.Result.ToString());

        // Every ancestor from the name to the apex once, then the wildcard: no name is hashed twice.
        Assert.Equal(20 + 1 + 1, result.Nsec3HashesComputed);
    }

    [Theory]
    [InlineData("at the default limit", ValidationLimits.DefaultChainLength, ValidationLimits.DefaultChainLength, SecurityStatus.Secure)]
    [InlineData("one above the default limit", ValidationLimits.DefaultChainLength + 1, ValidationLimits.DefaultChainLength, SecurityStatus.Bogus)]
    [InlineData("above a limit of 3", 5, 3, SecurityStatus.Bogus)]
    [InlineData("a limit of 0 clamped to 1", 2, 0, SecurityStatus.Bogus)]
    public async Task ValidateAsync_CnameChain_BogusWhenLongerThanLimit(string description, int links, int limit, SecurityStatus expected)
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = string.Join("\n", Enumerable.Range(1, links).Select(i => i == links ? $"c{i} CNAME www" : $"c{i} CNAME c{i + 1}")) + "\nwww A 192.0.2.1";
            z.Denial = DenialOfExistence.Nsec;
        });
        h.Build();
        var limits = new ValidationLimits { ChainLength = limit };

        AnswerValidation result = await h.ValidateAsync("c1.example.test.", RecordType.A, h.Validator(new ValidatorOptions { Limits = limits }));

        output.WriteLine($"{description}: {links} links, {result.SignaturesChecked} checks: {result.Result}");
        Assert.True(expected == result.Status, result.Result.ToString());
        Assert.InRange(result.SignaturesChecked, 1, limits.SignatureAttemptsPerAnswer);
        if (expected == SecurityStatus.Bogus)
        {
            Assert.Contains($"longer than {limits.ChainLength} links", result.Result.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// example.test., signed with Ed25519, with <paramref name="collidingKeys"/> extra DNSKEYs sharing the tag of its
    /// ZSK (or KSK), published after the real key or before it, the DNSKEY RRset re-signed by the KSK, and
    /// <see cref="Colliding"/> RRSIGs with that tag and garbage signatures over www A (or over the DNSKEY RRset),
    /// ahead of the real one. Every fake key is a valid curve point and every fake signature well formed, so each
    /// check the validator makes is a real Ed25519 verification.
    /// </summary>
    private static TestHierarchy KeyTrapHierarchy(RecordType target, bool zsk, bool fakesFirst, int collidingKeys = Colliding)
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Algorithm = DnssecAlgorithm.ED25519;
            z.Records = """
                www A 192.0.2.1
                www TXT "clean"
                """;
            z.AfterSigning = zone =>
            {
                SigningKey victim = zsk ? h.ZoneSigningKeys[Example] : h.KeySigningKeys[Example];
                var random = new Random(20231212);
                List<DnsRecord> fakes = [.. Enumerable.Range(0, collidingKeys).Select(_ => CollidingKey(victim, random))];
                int firstKey = zone.FindIndex(r => r.Type == RecordType.DNSKEY);
                int lastKey = zone.FindLastIndex(r => r.Type == RecordType.DNSKEY);
                zone.InsertRange(fakesFirst ? firstKey : lastKey + 1, fakes);
                HostileUpstream.Resign(zone, "example.test.", RecordType.DNSKEY, h.KeySigningKeys[Example]);

                DnsName owner = target == RecordType.DNSKEY ? Example : DnsName.Parse("www.example.test.");
                int at = zone.FindIndex(r => r.Owner.Equals(owner) && r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == target);
                zone.InsertRange(at, Enumerable.Range(0, Colliding).Select(_ => GarbageSignature(owner, target, victim, random)));
            };
        });
        return h.Build();
    }

    /// <summary>
    /// An Ed25519 DNSKEY that is a valid point of the prime-order group, with the flags and tag of
    /// <paramref name="victim"/>. The tag is a folded 16-bit sum of the RDATA (RFC 4034 Appendix B) and the RDATA has
    /// an even length, so the last two octets add one word to the sum: that word is solved for, and the key kept if
    /// it is a valid public key (about one random string in sixteen is).
    /// </summary>
    private static DnsRecord CollidingKey(SigningKey victim, Random random)
    {
        while (true)
        {
            byte[] key = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.PublicKeySize];
            random.NextBytes(key);
            byte[] rdata = DnskeyData.Encode(victim.Flags, DnskeyData.DnssecProtocol, victim.Algorithm, key);
            rdata[^2] = 0;
            rdata[^1] = 0;
            uint sum = 0;
            for (int i = 0; i < rdata.Length; i++)
            {
                sum += (i & 1) == 0 ? (uint)rdata[i] << 8 : rdata[i];
            }

            // tag = (total + (total >> 16)) & 0xFFFF with total = sum + word: pick the high half, solve for the low half.
            for (uint high = sum >> 16; high <= (sum >> 16) + 1; high++)
            {
                uint total = (high << 16) | ((victim.KeyTag - high) & 0xFFFF);
                if (total < sum || total - sum > ushort.MaxValue)
                {
                    continue;
                }

                uint word = total - sum;
                rdata[^2] = (byte)(word >> 8);
                rdata[^1] = (byte)word;
                if (KeyTag.Compute(rdata) == victim.KeyTag && Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.ValidatePublicKeyFull(rdata, 4))
                {
                    return new DnsRecord(victim.Zone, RecordType.DNSKEY, RecordClass.IN, 3600, rdata);
                }
            }
        }
    }

    /// <summary>An RRSIG naming <paramref name="victim"/>'s tag, with a well-formed Ed25519 signature (S below the group order) that verifies nothing.</summary>
    private static DnsRecord GarbageSignature(DnsName owner, RecordType type, SigningKey victim, Random random)
    {
        byte[] signature = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize];
        random.NextBytes(signature);
        signature[^1] &= 0x0F;
        byte[] rdata = RrsigData.Encode(type, victim.Algorithm, (byte)owner.LabelCount, 3600,
            SerialNumber.FromTime(TestHierarchy.Now + TimeSpan.FromDays(30)), SerialNumber.FromTime(TestHierarchy.Now - TimeSpan.FromDays(1)),
            victim.KeyTag, victim.Zone, signature);
        return new DnsRecord(owner, RecordType.RRSIG, RecordClass.IN, 3600, rdata);
    }

    /// <summary>A DS with the tag and algorithm of <paramref name="ds"/> and a digest that matches nothing.</summary>
    private static DnsRecord WrongDigest(DnsRecord ds, int seed)
    {
        DsData data = DsData.From(ds);
        byte[] digest = data.Digest.ToArray();
        digest[0] ^= (byte)(seed + 1);
        digest[1] ^= (byte)((seed >> 8) + 1);
        return new DnsRecord(ds.Owner, RecordType.DS, RecordClass.IN, ds.Ttl, DsData.Encode(data.KeyTag, data.Algorithm, data.DigestType, digest));
    }
}
