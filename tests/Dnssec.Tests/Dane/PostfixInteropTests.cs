using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;

namespace Dnssec.Tests.Dane;

/// <summary>Two Postfix instances for the interop tests: one offering STARTTLS, one with TLS off (a stripped STARTTLS).</summary>
public sealed class PostfixFixture : IDisposable
{
    internal TestPki Pki { get; } = TestPki.Create(TestKeyKind.Ecdsa, ["mx.example.test"]);

    internal PostfixServer WithTls { get; }

    internal PostfixServer WithoutTls { get; }

    public PostfixFixture()
    {
        WithTls = new PostfixServer(Pki, offerStartTls: true);
        WithoutTls = new PostfixServer(Pki, offerStartTls: false);
    }

    public void Dispose()
    {
        WithTls.Dispose();
        WithoutTls.Dispose();
        Pki.Dispose();
    }
}

/// <summary>
/// SmtpDaneClient against real Postfix smtpd with STARTTLS on loopback, the MX and TLSA records published in a signed
/// in-process hierarchy: `dane` and `dane-only` deliver with good records and refuse with a wrong TLSA record, a
/// bogus TLSA RRset, or STARTTLS missing.
/// </summary>
[Trait("Category", "Interop")]
public sealed class PostfixInteropTests(PostfixFixture postfix) : IClassFixture<PostfixFixture>
{
    private static readonly SmtpMessage Message = new("sender@example.org", ["user@example.test"], "Subject: DANE interop\r\n\r\nhello\r\n");

    [Theory]
    [InlineData(SmtpSecurityLevel.Dane)]
    [InlineData(SmtpSecurityLevel.DaneOnly)]
    public async Task Deliver_GoodTlsa_PostfixAcceptsOverAuthenticatedTls(SmtpSecurityLevel level)
    {
        SmtpDeliveryResult result = await Client(postfix.WithTls.Port).DeliverAsync("example.test", new SmtpTlsPolicy { Level = level }, Message);
        Assert.True(result.Delivered, result.Reason + "\n" + string.Join('\n', result.Transcript));
        Assert.True(result.Tls);
        Assert.True(result.Dane!.Authenticated);
        Assert.Contains(result.Transcript, line => line.StartsWith("< 250", StringComparison.Ordinal) && line.Contains("queued", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SmtpSecurityLevel.Dane, "wrong.example.test", true, "no usable TLSA record matched")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "wrong.example.test", true, "no usable TLSA record matched")]
    [InlineData(SmtpSecurityLevel.Dane, "bogus.example.test", true, "is bogus")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "bogus.example.test", true, "is bogus")]
    [InlineData(SmtpSecurityLevel.Dane, "example.test", false, "did not offer STARTTLS")]
    [InlineData(SmtpSecurityLevel.DaneOnly, "example.test", false, "did not offer STARTTLS")]
    public async Task Deliver_WrongOrBogusTlsaOrDowngrade_NothingReachesPostfix(SmtpSecurityLevel level, string domain, bool withTls, string reason)
    {
        PostfixServer server = withTls ? postfix.WithTls : postfix.WithoutTls;
        SmtpDeliveryResult result = await Client(server.Port).DeliverAsync(domain, new SmtpTlsPolicy { Level = level }, Message);
        Assert.False(result.Delivered);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Transcript, line => line.StartsWith("> MAIL FROM", StringComparison.Ordinal));
    }

    private SmtpDaneClient Client(int port) => new(Resolver(port)) { Port = port, Timeout = TimeSpan.FromSeconds(20), HeloName = "client.example.org" };

    private DnssecResolver Resolver(int port)
    {
        string good = TlsaText.Format(TlsaRecords.For(postfix.Pki.Leaf, 3, 1, 1));
        string wrong = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa).Leaf, 3, 1, 1));
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Records = DaneTestZones.MailRecords(port, good, wrong);
            z.AfterSigning = DaneTestZones.CorruptTlsa(port, "mxbogus");
        });
        return DaneTestZones.Resolver(hierarchy);
    }
}
