using System.Security.Cryptography;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;

namespace Dnssec.Tests.Dane;

/// <summary>
/// RFC 7672 and Postfix's security levels against an SMTP server with STARTTLS on loopback, its MX and TLSA records in
/// a signed in-process hierarchy: good records deliver, a wrong or bogus TLSA RRset or a stripped STARTTLS refuse.
/// </summary>
public sealed class SmtpDaneClientTests
{
    private static readonly Lazy<TestPki> Pki = new(() => TestPki.Create(TestKeyKind.Ecdsa, ["mx.example.test"]));
    private static readonly SmtpMessage Message = new("sender@example.org", ["user@example.test"], "Subject: test\r\n\r\n.hello\r\n");

    [Theory]
    [InlineData(SmtpSecurityLevel.Dane)]
    [InlineData(SmtpSecurityLevel.DaneOnly)]
    public async Task Deliver_GoodTlsa_DeliversOverAuthenticatedTls(SmtpSecurityLevel level)
    {
        await using SmtpTestServer server = Server();
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("example.test", new SmtpTlsPolicy { Level = level }, Message);
        Assert.True(result.Delivered, result.Reason);
        Assert.True(result.Tls);
        Assert.True(result.Dane!.Authenticated);
        Assert.Equal("mx.example.test", result.MxHost);
        Assert.Single(server.Messages);
        Assert.StartsWith("Subject: test\n\n..hello", server.Messages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpSecurityLevel.Dane, "wrong.example.test", true, "no usable TLSA record matched")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "wrong.example.test", true, "no usable TLSA record matched")]
    [InlineData(SmtpSecurityLevel.Dane, "bogus.example.test", true, "is bogus")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "bogus.example.test", true, "is bogus")]
    [InlineData(SmtpSecurityLevel.Dane, "example.test", false, "did not offer STARTTLS")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "example.test", false, "did not offer STARTTLS")]
    public async Task Deliver_WrongOrBogusTlsaOrDowngrade_RefusesToDeliver(SmtpSecurityLevel level, string domain, bool offerStartTls, string reason)
    {
        await using SmtpTestServer server = Server(offerStartTls);
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync(domain, new SmtpTlsPolicy { Level = level }, Message);
        Assert.False(result.Delivered);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Theory]
    [InlineData(SmtpSecurityLevel.Dane, true)]
    [InlineData(SmtpSecurityLevel.DaneOnly, false)]
    public async Task Deliver_UnsignedDomain_DaneFallsBackToMayAndDaneOnlyRefuses(SmtpSecurityLevel level, bool delivered)
    {
        await using SmtpTestServer server = Server();
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("unsigned.test", new SmtpTlsPolicy { Level = level }, Message);
        Assert.True(delivered == result.Delivered, result.Reason);
        if (delivered)
        {
            Assert.Equal(SmtpSecurityLevel.May, result.EffectiveLevel);
            Assert.True(result.Tls);
        }
    }

    [Theory]
    [InlineData(SmtpSecurityLevel.May, true)]
    [InlineData(SmtpSecurityLevel.Encrypt, false)]
    [InlineData(SmtpSecurityLevel.Verify, false)]
    public async Task Deliver_StartTlsStripped_OnlyMaySendsInClear(SmtpSecurityLevel level, bool delivered)
    {
        await using SmtpTestServer server = Server(offerStartTls: false);
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("unsigned.test", new SmtpTlsPolicy { Level = level }, Message);
        Assert.True(delivered == result.Delivered, result.Reason);
        Assert.False(result.Tls);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Deliver_Fingerprint_PinsCertificateOrKey(bool certificate, bool right)
    {
        await using SmtpTestServer server = Server();
        byte[] der = right ? Pki.Value.Leaf.RawData : TestPki.Shared(TestKeyKind.Ecdsa).Leaf.RawData;
        Assert.True(CertificateDer.TryLocateSubjectPublicKeyInfo(der, out Range spki));
        var policy = new SmtpTlsPolicy { Level = SmtpSecurityLevel.Fingerprint };
        policy.Fingerprints.Add(Convert.ToHexString(SHA256.HashData(certificate ? der : der[spki])));
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("unsigned.test", policy, Message);
        Assert.True(right == result.Delivered, result.Reason);
    }

    [Theory]
    [InlineData(SmtpSecurityLevel.Verify, "certificate", true)]
    [InlineData(SmtpSecurityLevel.Verify, "key", true)]
    [InlineData(SmtpSecurityLevel.Secure, "certificate", true)]
    [InlineData(SmtpSecurityLevel.Verify, "other", false)]
    public async Task Deliver_LocalTrustAnchorFile_ActsAsDaneTa(SmtpSecurityLevel level, string anchor, bool delivered)
    {
        await using SmtpTestServer server = Server();
        using var directory = new TemporaryDirectory();
        string pem = anchor switch
        {
            "certificate" => Pki.Value.Root.ExportCertificatePem(),
            "key" => PemEncodingText("PUBLIC KEY", Pki.Value.Root.PublicKey.ExportSubjectPublicKeyInfo()),
            _ => TestPki.Shared(TestKeyKind.Ecdsa).Root.ExportCertificatePem(),
        };
        var policy = new SmtpTlsPolicy { Level = level };
        policy.LoadTrustAnchorFile(directory.Write("anchors.pem", pem + "\n"));
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("example.test", policy, Message);
        Assert.True(delivered == result.Delivered, result.Reason);
    }

    [Fact]
    public async Task Deliver_Probe_StopsAfterTls()
    {
        await using SmtpTestServer server = Server();
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync("example.test", new SmtpTlsPolicy { Level = SmtpSecurityLevel.DaneOnly });
        Assert.True(result.Delivered, result.Reason);
        Assert.Empty(server.Messages);
        Assert.Contains(result.Transcript, line => line.StartsWith("> STARTTLS", StringComparison.Ordinal));
    }

    private static string PemEncodingText(string label, byte[] der) => new(PemEncoding.Write(label, der));

    private static SmtpTestServer Server(bool offerStartTls = true) => new(Pki.Value.Leaf, [Pki.Value.Intermediate], offerStartTls);

    private static SmtpDaneClient Client(int port) => new(Resolver(port)) { Port = port, Timeout = TimeSpan.FromSeconds(10) };

    private static DnssecResolver Resolver(int port)
    {
        string good = TlsaText.Format(TlsaRecords.For(Pki.Value.Intermediate, 2, 1, 1));
        string wrong = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa).Intermediate, 2, 1, 1));
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Records = DaneTestZones.MailRecords(port, good, wrong);
            z.AfterSigning = DaneTestZones.CorruptTlsa(port, "mxbogus");
        });
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "@ MX 10 mx\nmx A 127.0.0.1"; });
        return DaneTestZones.Resolver(hierarchy);
    }
}
