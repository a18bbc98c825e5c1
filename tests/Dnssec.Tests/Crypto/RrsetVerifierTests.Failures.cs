using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

/// <summary>Every way an RRSIG can fail RFC 4035 §5.3, one fault at a time, with the reason naming RRset and fault.</summary>
public partial class RrsetVerifierTests
{
    [Fact]
    public void Verify_Expired_FailsExpiredNamingTheExpiration()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-30), Now.AddDays(-2));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.Expired, "www.example. A", "expired 2026-05-30T00:00:00Z", $"key {Key.KeyTag}");
    }

    [Fact]
    public void Verify_NotYetValid_FailsNotYetValidNamingTheInception()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(2), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.NotYetValid, "www.example. A", "not valid before 2026-06-03T00:00:00Z");
    }

    [Fact]
    public void Verify_InceptionAfterExpiration_FailsNamingBothTimes()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(1), Now.AddDays(-1));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.InceptionAfterExpiration, "www.example. A",
            "inception 2026-06-02T00:00:00Z after expiration 2026-05-31T00:00:00Z");
    }

    [Fact]
    public void Verify_KeyWithAnotherTag_FailsKeyTagMismatchNamingBothTags()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, OtherKey.Dnskey);

        AssertFails(check, SignatureFailure.KeyTagMismatch, "www.example. A",
            $"names key tag {Key.KeyTag}, but the DNSKEY's tag is {OtherKey.KeyTag}");
        Assert.Same(OtherKey.Dnskey, check.Key);
    }

    [Fact]
    public void Verify_KeyTagFieldAltered_FailsKeyTagMismatch()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = TestSignatures.WithKeyTag(RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30)), unchecked((ushort)(Key.KeyTag + 1)));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.KeyTagMismatch, "www.example. A", $"names key tag {unchecked((ushort)(Key.KeyTag + 1))}");
    }

    [Fact]
    public void Verify_SignerNameIsNotTheKeyOwner_FailsSignerMismatch()
    {
        // RFC 4035 §5.3.1: the signer name must be the DNSKEY's owner; here both are ancestors of the RRset.
        List<DnsRecord> rrset = AddressSet("www.sub.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        DnsRecord keyElsewhere = Key.Dnskey.WithOwner(DnsName.Parse("sub.example."));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, keyElsewhere);

        AssertFails(check, SignatureFailure.SignerMismatch, "www.sub.example. A", "names signer example., but the DNSKEY belongs to sub.example.");
    }

    [Theory]
    [InlineData("a sibling zone signs", "other.", "www.example.")]
    [InlineData("a child zone signs its parent's data", "sub.example.", "www.example.")]
    [InlineData("the signer is below the owner", "www.example.", "example.")]
    public void Verify_SignerNotAnAncestorOfTheOwner_FailsSignerNotAncestor(string description, string signer, string owner)
    {
        Assert.NotNull(description);
        SigningKey key = SigningKey.Generate(DnsName.Parse(signer), DnssecAlgorithm.ED25519);
        List<DnsRecord> rrset = AddressSet(owner);
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, key.Dnskey);

        AssertFails(check, SignatureFailure.SignerNotAncestor, $"{owner} A", $"names signer {signer}, which is not an ancestor of the owner");
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_CorruptedSignatureOrRRset_FailsInvalidSignature(DnssecAlgorithm algorithm)
    {
        SigningKey key = SigningKey.Generate(Zone, algorithm, rsaBits: 1024);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));
        List<DnsRecord> changedData = [rrset[0], TestSignatures.FlipData(rrset[1], 3)];
        List<DnsRecord> oneLess = [rrset[0]];
        List<DnsRecord> oneMore = [.. rrset, TestSignatures.FlipData(rrset[1], 2)];

        Assert.True(Verifier().Verify(rrset, rrsig, key.Dnskey).IsValid);
        foreach (int index in new[] { RrsigData.FixedLength + Zone.WireLength, -1, -17 })
        {
            AssertFails(Verifier().Verify(rrset, TestSignatures.FlipData(rrsig, index), key.Dnskey),
                SignatureFailure.InvalidSignature, "www.example. A", $"does not verify with DNSKEY {key.KeyTag}");
        }

        AssertFails(Verifier().Verify(changedData, rrsig, key.Dnskey), SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
        AssertFails(Verifier().Verify(oneLess, rrsig, key.Dnskey), SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
        AssertFails(Verifier().Verify(oneMore, rrsig, key.Dnskey), SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
    }

    [Fact]
    public void Verify_SignedFieldAltered_FailsInvalidSignature()
    {
        // The RRSIG RDATA before the signature is signed too (RFC 4034 §3.1.8.1): an expiration pushed later breaks it.
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, TestSignatures.FlipData(rrsig, 9), Key.Dnskey);

        AssertFails(check, SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
    }

    [Fact]
    public void Verify_LabelsGreaterThanTheOwners_FailsLabelsMismatch()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30), labels: 3);

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.LabelsMismatch, "www.example. A", "has labels 3, more than the owner's 2");
    }

    [Fact]
    public void Verify_OriginalTtlAltered_FailsInvalidSignatureMentioningTheOriginalTtl()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = TestSignatures.WithOriginalTtl(RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30)), 7200);

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.InvalidSignature, "www.example. A", "original TTL 7200 differs from the RRset's 3600");
    }

    [Fact]
    public void Verify_OriginalTtlAboveTheRRsets_IsValid()
    {
        // RFC 4035 §5.3.3: the signature covers the original TTL; the RRset's own TTL may be lower (a cache counts it
        // down) and only caps how long the data is kept.
        List<DnsRecord> rrset = AddressSet("www.example.", ttl: 600);
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30), originalTtl: 7200);

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_RevokedKeyOverOtherData_FailsKeyRevoked()
    {
        SigningKey revoked = Key.WithFlags(DnskeyData.ZoneKeyFlag | DnskeyData.RevokeFlag | DnskeyData.SecureEntryPointFlag);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, revoked, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, revoked.Dnskey);

        AssertFails(check, SignatureFailure.KeyRevoked, "www.example. A", $"DNSKEY {revoked.KeyTag}, which is revoked");
    }

    [Fact]
    public void Verify_RevokedKeyOverTheDnskeyRRsetHoldingIt_IsValid()
    {
        // RFC 5011 §7 (and §2.1): a revoked key signs the DNSKEY RRset that announces its own revocation.
        SigningKey revoked = Key.WithFlags(DnskeyData.ZoneKeyFlag | DnskeyData.RevokeFlag | DnskeyData.SecureEntryPointFlag);
        List<DnsRecord> keys = [OtherKey.Dnskey, revoked.Dnskey];
        DnsRecord rrsig = RrsetSigner.Sign(keys, revoked, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(keys, rrsig, revoked.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_RevokedKeyOverADnskeyRRsetWithoutIt_FailsKeyRevoked()
    {
        SigningKey revoked = Key.WithFlags(DnskeyData.ZoneKeyFlag | DnskeyData.RevokeFlag | DnskeyData.SecureEntryPointFlag);
        List<DnsRecord> keys = [OtherKey.Dnskey, Key.Dnskey];
        DnsRecord rrsig = RrsetSigner.Sign(keys, revoked, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(keys, rrsig, revoked.Dnskey);

        AssertFails(check, SignatureFailure.KeyRevoked, "example. DNSKEY", "which is revoked");
    }

    [Theory]
    [InlineData("no flags at all", 0)]
    [InlineData("only the SEP flag", DnskeyData.SecureEntryPointFlag)]
    [InlineData("REVOKE without the Zone Key flag", DnskeyData.RevokeFlag)]
    public void Verify_KeyWithoutTheZoneFlag_FailsNotZoneKey(string description, ushort flags)
    {
        // RFC 4034 §2.1.1: a key without the Zone Key flag must not be used to verify RRSIGs.
        Assert.NotNull(description);
        SigningKey notZone = Key.WithFlags(flags);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, notZone, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, notZone.Dnskey);

        AssertFails(check, SignatureFailure.NotZoneKey, "www.example. A", "without the Zone Key flag");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(255)]
    public void Verify_KeyProtocolNot3_FailsInvalidKeyProtocol(byte protocol)
    {
        // RFC 4034 §2.1.2: the protocol field must be 3, or the key is treated as invalid.
        var dnskey = new DnsRecord(Zone, RecordType.DNSKEY, RecordClass.IN, 3600, DnskeyData.Encode(DnskeyData.ZoneKeyFlag, protocol, Key.Algorithm, Key.PublicKey.Span));
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = TestSignatures.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30), keyTag: KeyTag.Compute(dnskey));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, dnskey);

        AssertFails(check, SignatureFailure.InvalidKeyProtocol, "www.example. A", "protocol is not 3");
    }

    [Fact]
    public void Verify_RrsigAlgorithmNotTheKeys_FailsAlgorithmMismatch()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = TestSignatures.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30), algorithm: DnssecAlgorithm.RSASHA256);

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.AlgorithmMismatch, "www.example. A", "uses algorithm 8, but the DNSKEY is algorithm 13");
    }

    [Fact]
    public void Verify_RrsigOfAnotherOwnerOrType_FailsOwnerOrTypeCoveredMismatch()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        List<DnsRecord> aaaa = [new(DnsName.Parse("www.example."), RecordType.AAAA, RecordClass.IN, 3600, new byte[16])];

        AssertFails(Verifier().Verify(AddressSet("ftp.example."), rrsig, Key.Dnskey), SignatureFailure.OwnerMismatch, "ftp.example. A", "different owner or class");
        AssertFails(Verifier().Verify(aaaa, rrsig, Key.Dnskey), SignatureFailure.TypeCoveredMismatch, "www.example. AAAA", "covers type A, not AAAA");
    }

    [Theory]
    [MemberData(nameof(DnskeyVerifierTests.RefusedAlgorithms), MemberType = typeof(DnskeyVerifierTests))]
    public void Verify_AlgorithmThePolicyRefuses_FailsUnsupportedAlgorithm(string description, byte algorithm, bool allowSha1, bool allowDsa, AlgorithmSupport support)
    {
        Assert.NotNull(description);
        var dnskey = new DnsRecord(Zone, RecordType.DNSKEY, RecordClass.IN, 3600, DnskeyData.Encode(DnskeyData.ZoneKeyFlag, 3, (DnssecAlgorithm)algorithm, Key.PublicKey.Span));
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = Unsigned(rrset, (DnssecAlgorithm)algorithm, KeyTag.Compute(dnskey));

        SignatureCheck check = Verifier(new AlgorithmPolicy { AllowSha1 = allowSha1, AllowDsa = allowDsa }).Verify(rrset, rrsig, dnskey);

        AssertFails(check, SignatureFailure.UnsupportedAlgorithm, "www.example. A",
            $"cannot be checked: algorithm {algorithm} ({(DnssecAlgorithm)algorithm}) is {support.ToString().ToLowerInvariant()}");
    }

    [Theory]
    [InlineData(DnssecAlgorithm.RSASHA1)]
    [InlineData(DnssecAlgorithm.RSASHA1NSEC3SHA1)]
    public void Verify_Sha1AlgorithmWithSha1Refused_FailsUnsupportedAlgorithm(DnssecAlgorithm algorithm)
    {
        // RFC 8624 §3.1 still has validators accept 5 and 7; a policy may refuse SHA-1 (as some operating systems do).
        SigningKey key = SigningKey.Generate(Zone, algorithm, rsaBits: 1024);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck allowed = Verifier().Verify(rrset, rrsig, key.Dnskey);
        SignatureCheck refused = Verifier(new AlgorithmPolicy { AllowSha1 = false }).Verify(rrset, rrsig, key.Dnskey);

        Assert.True(allowed.IsValid, allowed.Reason);
        AssertFails(refused, SignatureFailure.UnsupportedAlgorithm, "www.example. A", $"algorithm {(byte)algorithm} ({algorithm}) is disabled");
    }

    [Theory]
    [MemberData(nameof(DnskeyVerifierTests.MalformedKeys), MemberType = typeof(DnskeyVerifierTests))]
    public void Verify_MalformedKey_FailsInvalidKeyWithTheDecodingError(string description, byte algorithm, byte[] key, bool allowDsa, string expected)
    {
        Assert.NotNull(description);
        var dnskey = new DnsRecord(Zone, RecordType.DNSKEY, RecordClass.IN, 3600, DnskeyData.Encode(DnskeyData.ZoneKeyFlag, 3, (DnssecAlgorithm)algorithm, key));
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = Unsigned(rrset, (DnssecAlgorithm)algorithm, KeyTag.Compute(dnskey));

        SignatureCheck check = Verifier(new AlgorithmPolicy { AllowDsa = allowDsa }).Verify(rrset, rrsig, dnskey);

        AssertFails(check, SignatureFailure.InvalidKey, "www.example. A", "cannot be checked: " + expected);
    }

    /// <summary>An RRSIG with every field right for the key but a signature of zeros, for keys that cannot sign.</summary>
    private static DnsRecord Unsigned(List<DnsRecord> rrset, DnssecAlgorithm algorithm, ushort keyTag)
    {
        byte[] data = RrsigData.Encode(RecordType.A, algorithm, 2, 3600,
            SerialNumber.FromTime(Now.AddDays(30)), SerialNumber.FromTime(Now.AddDays(-1)), keyTag, Zone, new byte[64]);
        return new DnsRecord(rrset[0].Owner, RecordType.RRSIG, RecordClass.IN, 3600, data);
    }
}
