using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using MailKitDane;
using MimeKit;

namespace Dnssec.Tests.Dane;

/// <summary>
/// The MailKit sample's <see cref="DaneMailSender"/> against a real Postfix smtpd on loopback, the MX and TLSA records
/// published in a signed in-process hierarchy: delivered with the right TLSA record, refused before any mail command
/// with a forged one, a bogus one, or a server that does not offer STARTTLS.
/// </summary>
[Trait("Category", "Interop")]
public sealed class MailKitDaneTests(PostfixFixture postfix) : IClassFixture<PostfixFixture>
{
    [Fact]
    public async Task Send_RightTlsa_PostfixQueuesTheMessage()
    {
        DaneDelivery delivery = await Sender(postfix.WithTls.Port).SendAsync(Message("user@example.test"), "example.test");

        Assert.True(delivery.Delivered, delivery.Reason);
        Assert.Equal("mx.example.test", delivery.Host);
        Assert.True(delivery.Verdict!.Authenticated);
        Assert.Contains("queued", delivery.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("wrong.example.test", true, "DANE refused the certificate: no usable TLSA record matched")]
    [InlineData("bogus.example.test", true, "is bogus")]
    [InlineData("example.test", false, "did not offer STARTTLS")]
    public async Task Send_ForgedOrBogusTlsaOrNoStartTls_Refused(string domain, bool withTls, string reason)
    {
        PostfixServer server = withTls ? postfix.WithTls : postfix.WithoutTls;
        string before = server.Log;

        DaneDelivery delivery = await Sender(server.Port).SendAsync(Message($"user@{domain}"), domain);

        Assert.False(delivery.Delivered);
        Assert.Contains(reason, delivery.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("from=<sender@example.org>", server.Log[before.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_InsecureDomain_RefusedWithoutConnecting()
    {
        DaneDelivery delivery = await Sender(postfix.WithTls.Port).SendAsync(Message("user@unsigned.test"), "unsigned.test");

        Assert.False(delivery.Delivered);
        Assert.Null(delivery.Host);
        Assert.Contains("the MX RRset of unsigned.test is insecure", delivery.Reason, StringComparison.Ordinal);
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "DANE with MailKit";
        message.Body = new TextPart("plain") { Text = "hello" };
        return message;
    }

    private DaneMailSender Sender(int port) => new(Resolver(port)) { Port = port, HeloName = "client.example.org", Timeout = TimeSpan.FromSeconds(20) };

    private DnssecResolver Resolver(int port)
    {
        string good = TlsaText.Format(TlsaRecords.For(postfix.Pki.Leaf, 3, 1, 1));
        string forged = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa).Leaf, 3, 1, 1));
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Records = DaneTestZones.MailRecords(port, good, forged);
            z.AfterSigning = DaneTestZones.CorruptTlsa(port, "mxbogus");
        });
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = $"@ MX 10 mx\nmx A 127.0.0.1\n_{port}._tcp.mx TLSA {good}"; });
        return DaneTestZones.Resolver(hierarchy);
    }
}
