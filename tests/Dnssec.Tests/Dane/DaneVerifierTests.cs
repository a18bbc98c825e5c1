using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>DaneVerifier on chains made in the test: every usage, selector and matching type, and each RFC 7671 rule.</summary>
public sealed class DaneVerifierTests
{
    private static readonly string[] Names = ["www.example.test"];

    public static TheoryData<TestKeyKind, int, int, int> EveryParameter()
    {
        var data = new TheoryData<TestKeyKind, int, int, int>();
        foreach (TestKeyKind kind in Enum.GetValues<TestKeyKind>())
        {
            for (int usage = 0; usage < 4; usage++)
            {
                for (int selector = 0; selector < 2; selector++)
                {
                    for (int matchingType = 0; matchingType < 3; matchingType++)
                    {
                        data.Add(kind, usage, selector, matchingType);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryParameter))]
    public void Verify_RecordForTheRightCertificate_Authenticates(TestKeyKind kind, int usage, int selector, int matchingType)
    {
        TestPki pki = TestPki.Shared(kind);
        X509Certificate2 target = usage is 1 or 3 ? pki.Leaf : pki.Intermediate;
        DaneResult result = Verifier(pki).Verify(pki.Chain, [TlsaRecords.For(target, usage, selector, matchingType)], Names);
        Assert.True(result.Authenticated, result.Reason);
        Assert.Equal(usage is 1 or 3 ? 0 : 1, result.Depth);
        Assert.Equal(1, result.UsableRecords);
    }

    [Theory]
    [MemberData(nameof(EveryParameter))]
    public void Verify_RecordForAnotherCertificate_DoesNotMatch(TestKeyKind kind, int usage, int selector, int matchingType)
    {
        TestPki pki = TestPki.Shared(kind);
        TestPki other = TestPki.Shared(kind, 1);
        X509Certificate2 target = usage is 1 or 3 ? other.Leaf : other.Intermediate;
        DaneResult result = Verifier(pki).Verify(pki.Chain, [TlsaRecords.For(target, usage, selector, matchingType)], Names);
        Assert.Equal(DaneFailure.NoMatch, result.Failure);
        Assert.Null(result.Depth);
    }

    [Fact]
    public void Verify_UnusableRecordsBesideAUsableOne_IgnoresThem()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa);
        TlsaData good = TlsaRecords.For(pki.Leaf, 3, 1, 1);
        TlsaData[] records =
        [
            TlsaRecords.Raw(4, 1, 1, new byte[32]),
            TlsaRecords.Raw(255, 1, 1, new byte[32]),
            TlsaRecords.Raw(3, 2, 1, new byte[32]),
            TlsaRecords.Raw(3, 1, 3, new byte[32]),
            TlsaRecords.Raw(3, 1, 1, new byte[31]),
            TlsaRecords.Raw(2, 0, 0, [0x30, 0x03, 0x02, 0x01, 0x01]),
            good,
        ];
        DaneResult result = new DaneVerifier().Verify(pki.Chain, records, Names);
        Assert.True(result.Authenticated, result.Reason);
        Assert.Equal(1, result.UsableRecords);
        Assert.Equal(TlsaText.Format(good), TlsaText.Format(result.MatchedRecord!.Value));
    }

    [Fact]
    public void Verify_OnlyUnusableRecords_SaysSo()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa);
        DaneResult result = new DaneVerifier().Verify(pki.Chain, [TlsaRecords.Raw(3, 1, 1, new byte[20]), TlsaRecords.Raw(7, 1, 1, new byte[32])], Names);
        Assert.Equal(DaneFailure.NoUsableRecords, result.Failure);
    }

    [Theory]
    [InlineData(TestKeyKind.Rsa)]
    [InlineData(TestKeyKind.Ecdsa)]
    [InlineData(TestKeyKind.Ed25519)]
    public void Verify_DaneTaRootNotInChain_NeedsTheRecordToCarryIt(TestKeyKind kind)
    {
        using TestPki pki = TestPki.Create(kind);
        var verifier = new DaneVerifier();
        Assert.Equal(DaneFailure.NoMatch, verifier.Verify(pki.Chain, [TlsaRecords.For(pki.Root, 2, 0, 1)], Names).Failure);
        Assert.Equal(DaneFailure.NoMatch, verifier.Verify(pki.Chain, [TlsaRecords.For(pki.Root, 2, 1, 1)], Names).Failure);

        DaneResult certificate = verifier.Verify(pki.Chain, [TlsaRecords.For(pki.Root, 2, 0, 0)], Names);
        Assert.True(certificate.Authenticated, certificate.Reason);
        Assert.Equal(2, certificate.Depth);

        DaneResult key = verifier.Verify(pki.Chain, [TlsaRecords.For(pki.Root, 2, 1, 0)], Names);
        Assert.True(key.Authenticated, key.Reason);
        Assert.Equal(1, key.Depth);

        DaneResult inChain = verifier.Verify([pki.Leaf, pki.Intermediate, pki.Root], [TlsaRecords.For(pki.Root, 2, 0, 1)], Names);
        Assert.True(inChain.Authenticated, inChain.Reason);
        Assert.Equal(2, inChain.Depth);
    }

    [Fact]
    public void Verify_DaneTaIntermediateMissingFromChain_NeedsTheRecordToCarryIt()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Rsa);
        var verifier = new DaneVerifier();
        Assert.Equal(DaneFailure.NoMatch, verifier.Verify([pki.Leaf], [TlsaRecords.For(pki.Intermediate, 2, 0, 1)], Names).Failure);
        DaneResult carried = verifier.Verify([pki.Leaf], [TlsaRecords.For(pki.Intermediate, 2, 0, 0)], Names);
        Assert.True(carried.Authenticated, carried.Reason);
        Assert.Equal(1, carried.Depth);
        DaneResult key = verifier.Verify([pki.Leaf], [TlsaRecords.For(pki.Intermediate, 2, 1, 0)], Names);
        Assert.True(key.Authenticated, key.Reason);
        Assert.Equal(0, key.Depth);
    }

    [Fact]
    public void Verify_DaneTaWithForeignLeaf_FailsTheChain()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa);
        using TestPki other = TestPki.Create(TestKeyKind.Ecdsa);
        DaneResult result = new DaneVerifier().Verify([other.Leaf, pki.Intermediate], [TlsaRecords.For(pki.Intermediate, 2, 1, 1)], Names);
        Assert.Equal(DaneFailure.ChainInvalid, result.Failure);
        Assert.Equal(1, result.Depth);
    }

    [Theory]
    [InlineData(3, DaneFailure.None)]
    [InlineData(2, DaneFailure.Expired)]
    [InlineData(1, DaneFailure.PkixInvalid)]
    public void Verify_ExpiredLeaf_OnlyDaneEeIgnoresDates(int usage, DaneFailure expected)
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, expiredLeaf: true);
        X509Certificate2 target = usage == 2 ? pki.Intermediate : pki.Leaf;
        DaneResult result = Verifier(pki).Verify(pki.Chain, [TlsaRecords.For(target, usage, 1, 1)], Names);
        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData(3, false, DaneFailure.None)]
    [InlineData(3, true, DaneFailure.NameMismatch)]
    [InlineData(2, false, DaneFailure.NameMismatch)]
    [InlineData(1, false, DaneFailure.NameMismatch)]
    [InlineData(0, false, DaneFailure.NameMismatch)]
    public void Verify_WrongName_OnlyDaneEeIgnoresNamesByDefault(int usage, bool eeNameChecks, DaneFailure expected)
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Rsa, ["other.example.test"]);
        X509Certificate2 target = usage is 1 or 3 ? pki.Leaf : pki.Intermediate;
        DaneVerifier verifier = Verifier(pki, options => options.DaneEeNameChecks = eeNameChecks);
        DaneResult result = verifier.Verify(pki.Chain, [TlsaRecords.For(target, usage, 1, 1)], Names);
        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData("www.example.test", true)]
    [InlineData("mail.example.test", true)]
    [InlineData("example.test", false)]
    [InlineData("a.b.example.test", false)]
    public void Verify_WildcardName_StandsForOneLabel(string name, bool matches)
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, ["*.example.test"]);
        DaneResult result = new DaneVerifier().Verify(pki.Chain, [TlsaRecords.For(pki.Intermediate, 2, 1, 1)], [name]);
        Assert.Equal(matches, result.Authenticated);
    }

    [Fact]
    public void Verify_SecondReferenceIdentifier_IsAccepted()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, ["mx.example.net"]);
        DaneResult result = new DaneVerifier().Verify(pki.Chain, [TlsaRecords.For(pki.Intermediate, 2, 1, 1)], ["example.org", "mx.example.net"]);
        Assert.True(result.Authenticated, result.Reason);
    }

    [Fact]
    public void Verify_SelfSignedLeaf_DaneEeOnly()
    {
        using X509Certificate2 leaf = TestPki.SelfSigned(TestKeyKind.Ecdsa, "www.example.test");
        var verifier = new DaneVerifier(new DaneVerifierOptions { PkixTrustAnchors = [] });
        Assert.True(verifier.Verify([leaf], [TlsaRecords.For(leaf, 3, 1, 1)], Names).Authenticated);
        Assert.Equal(DaneFailure.PkixInvalid, verifier.Verify([leaf], [TlsaRecords.For(leaf, 1, 1, 1)], Names).Failure);
    }

    [Fact]
    public void Verify_PkixTaRootFromTrustStore_MatchesAtItsDepth()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Rsa);
        DaneResult result = Verifier(pki).Verify(pki.Chain, [TlsaRecords.For(pki.Root, 0, 0, 1)], Names);
        Assert.True(result.Authenticated, result.Reason);
        Assert.Equal(2, result.Depth);
        DaneResult untrusted = new DaneVerifier(new DaneVerifierOptions { PkixTrustAnchors = [] }).Verify(pki.Chain, [TlsaRecords.For(pki.Intermediate, 0, 0, 1)], Names);
        Assert.Equal(DaneFailure.PkixInvalid, untrusted.Failure);
    }

    [Fact]
    public void Verify_DigestAgility_StrongestPresentDigestDecides()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa);
        TlsaData sha256 = TlsaRecords.For(pki.Leaf, 3, 1, 1);
        TlsaData wrongSha512 = TlsaRecords.Raw(3, 1, 2, new byte[64]);

        // RFC 7671 §9: a SHA2-512 record beside the SHA2-256 one retires SHA2-256 for this usage and selector.
        Assert.Equal(DaneFailure.NoMatch, new DaneVerifier().Verify(pki.Chain, [sha256, wrongSha512], Names).Failure);

        DaneVerifier sha256First = Verifier(pki, options => SetPreference(options, TlsaMatchingType.SHA2256, TlsaMatchingType.SHA2512));
        Assert.True(sha256First.Verify(pki.Chain, [sha256, wrongSha512], Names).Authenticated);

        DaneResult both = new DaneVerifier().Verify(pki.Chain, [sha256, TlsaRecords.For(pki.Leaf, 3, 1, 2)], Names);
        Assert.True(both.Authenticated);
        Assert.Equal(2, both.MatchedRecord!.Value.MatchingType);

        // Agility is per usage and selector: a SHA2-512 record for the SPKI does not retire a SHA2-256 one for the certificate.
        Assert.True(new DaneVerifier().Verify(pki.Chain, [TlsaRecords.For(pki.Leaf, 3, 0, 1), wrongSha512], Names).Authenticated);

        DaneVerifier sha512Only = Verifier(pki, options => SetPreference(options, TlsaMatchingType.SHA2512));
        Assert.Equal(DaneFailure.NoUsableRecords, sha512Only.Verify(pki.Chain, [sha256], Names).Failure);
    }

    [Fact]
    public void Verify_SeveralMatches_LowestDepthSuccessWins()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Rsa);
        TlsaData[] records = [TlsaRecords.For(pki.Intermediate, 2, 1, 1), TlsaRecords.For(pki.Leaf, 3, 1, 1)];
        DaneResult result = new DaneVerifier().Verify([pki.Leaf, pki.Intermediate, pki.Root], records, Names);
        Assert.Equal(0, result.Depth);
        Assert.Equal(3, result.MatchedRecord!.Value.CertificateUsage);
    }

    [Fact]
    public void Verify_DaneTaLeafWithTwoSubjectAltNames_IsRefused()
    {
        // RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension. OpenSSL refuses such a
        // chain too: 3.0 takes the leaf for invalid and finds no issuer for it (verify error 65, then 20), later
        // versions say X509_V_ERR_DUPLICATE_EXTENSION.
        using OpenSslChain chain = OpenSslChain.Create(OpenSslChain.Ca, null, "/CN=www.example.test", "subjectAltName=DNS:www.example.test");
        using ECDsa intermediateKey = ECDsa.Create();
        intermediateKey.ImportFromPem(File.ReadAllText(OpenSslChain.IntermediateKeyPath));
        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("www.example.test");
        X509Extension alternativeNames = names.Build();
        using X509Certificate2 leaf = HandMadeCertificate.Issue(chain.Intermediate, intermediateKey, "CN=www.example.test", leafKey, [alternativeNames, alternativeNames]);

        DaneResult result = new DaneVerifier().Verify([leaf, chain.Intermediate], [TlsaRecords.For(chain.Intermediate, 2, 1, 1)], Names);
        Assert.Equal(DaneFailure.ChainInvalid, result.Failure);
        Assert.Contains("appears twice (RFC 5280 §4.2)", result.Reason, StringComparison.Ordinal);

        // DANE-EE reads nothing but the key (RFC 7671 §5.1).
        Assert.True(new DaneVerifier().Verify([leaf, chain.Intermediate], [TlsaRecords.For(leaf, 3, 1, 1)], Names).Authenticated);
    }

    [Fact]
    public void Verify_DaneTaLeafWithWrongPurposeAndWrongName_ReportsThePurpose()
    {
        // A name mismatch must mean that all else passed: SMTP's "secure" level accepts one when the leaf names a
        // subdomain of the next hop, and must not accept a chain that fails anything else with it.
        using OpenSslChain chain = OpenSslChain.Create(OpenSslChain.Ca, null, "/CN=mx.example.net", "subjectAltName=DNS:mx.example.net\nextendedKeyUsage=clientAuth");
        DaneResult result = new DaneVerifier().Verify(chain.Sent(withRoot: false), [TlsaRecords.For(chain.Intermediate, 2, 1, 1)], Names);
        Assert.Equal(DaneFailure.InvalidPurpose, result.Failure);
        Assert.Contains("extended key usage does not include serverAuth", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Depth);
    }

    [Fact]
    public void Verify_DaneTaKeyThatSignedTheLeaf_ChecksOnlyTheLeaf()
    {
        // RFC 7671 §5.2.1: with a 2 1 0 record for the intermediate's key and only the leaf sent, the chain is the leaf
        // alone; the intermediate's clientAuth restriction is in no certificate that is checked.
        using OpenSslChain chain = OpenSslChain.Create(OpenSslChain.Ca, OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth", "/CN=www.example.test", "subjectAltName=DNS:www.example.test");
        DaneResult result = new DaneVerifier().Verify([chain.Leaf], [TlsaRecords.For(chain.Intermediate, 2, 1, 0)], Names);
        Assert.True(result.Authenticated, result.Reason);
        Assert.Equal(0, result.Depth);

        DaneResult carried = new DaneVerifier().Verify([chain.Leaf], [TlsaRecords.For(chain.Intermediate, 2, 0, 0)], Names);
        Assert.Equal(DaneFailure.InvalidPurpose, carried.Failure);
        Assert.Contains("the certificate of the record at depth 1", carried.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EmptyChain_IsMalformed()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa);
        Assert.Equal(DaneFailure.MalformedCertificate, new DaneVerifier().Verify([], [TlsaRecords.For(pki.Leaf, 3, 1, 1)], Names).Failure);
    }

    private static DaneVerifier Verifier(TestPki pki, Action<DaneVerifierOptions>? configure = null)
    {
        var options = new DaneVerifierOptions { PkixTrustAnchors = [pki.Root] };
        configure?.Invoke(options);
        return new DaneVerifier(options);
    }

    private static void SetPreference(DaneVerifierOptions options, params TlsaMatchingType[] types)
    {
        options.DigestPreference.Clear();
        foreach (TlsaMatchingType type in types)
        {
            options.DigestPreference.Add(type);
        }
    }
}
