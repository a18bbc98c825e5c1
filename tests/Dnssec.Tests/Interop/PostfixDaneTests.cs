using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.Versioning;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.TrustAnchors;
using Xunit.Abstractions;

namespace Dnssec.Tests.Interop;

/// <summary>
/// Postfix trusting the loopback validating resolver. A <see cref="DnsServer"/> in this process, on 127.0.0.1:53 in
/// front of a <see cref="DnssecResolver"/> that iterates from the BIND hierarchy's root with its anchor, is the only
/// name server of a resolv.conf that Postfix sees in a private mount namespace (<c>unshare -m</c>, the file bind-mounted
/// on <c>/etc/resolv.conf</c>; the host's file is untouched). Postfix believes the AD bit of 127.0.0.1 (glibc passes it
/// on with <c>options trust-ad</c>), so DANE works only if the server validates. dane.test.'s MX, mx.dane.test., has a
/// TLSA <c>3 1 1</c> record matching the certificate of a receiving Postfix on the hierarchy's mail host;
/// forged.dane.test.'s MX, the same host, has a TLSA for another key. <c>posttls-finger</c> must verify the first and not
/// the second, and a sending Postfix (<c>smtp_tls_security_level = dane</c>) must deliver to the first over verified TLS
/// and defer mail to the second.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
[SupportedOSPlatform("linux")]
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the server and the resolver through IAsyncLifetime.DisposeAsync.")]
public sealed class PostfixDaneTests(BindHierarchy hierarchy, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Domain = "dane.test";
    private const string ForgedDomain = "forged.dane.test";
    private static readonly IPEndPoint ServerEndPoint = new(IPAddress.Loopback, DnsServerOptions.DnsPort);
    private static readonly TimeSpan FingerTimeout = TimeSpan.FromSeconds(200);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(hierarchy.Directory, $"postfix-{Guid.NewGuid():N}");
    private DnssecResolver? _resolver;
    private DnsServer? _server;
    private PostfixInstance? _receiver;
    private PostfixInstance? _sender;

    private string ResolvConf => Path.Combine(_directory, "resolv.conf");

    public async Task InitializeAsync()
    {
        // xunit does not dispose a test class whose initialisation failed: what was started is stopped here.
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(_directory);
        // Postfix's daemons and the virtual mailbox owner walk down to their files through the hierarchy's directory.
        File.SetUnixFileMode(hierarchy.Directory, File.GetUnixFileMode(hierarchy.Directory) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_directory, File.GetUnixFileMode(_directory) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        // Only the validating service; trust-ad, or glibc (2.31 and later) clears the AD bit before Postfix sees it.
        File.WriteAllText(ResolvConf, "nameserver 127.0.0.1\noptions trust-ad\n");

        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
        _resolver = new DnssecResolver(new ResolverOptions
        {
            Mode = ResolutionMode.Iterative,
            FallbackToIterative = false,
            TrustAnchors = anchors,
            RootHintsPath = hierarchy.RootHintsFile,
            AuthorityPort = hierarchy.AuthorityPort,
            Timeout = TimeSpan.FromSeconds(2),
        });
        var options = new DnsServerOptions();
        options.Listen.Add(ServerEndPoint);
        _server = new DnsServer(_resolver, options);
        try
        {
            await _server.StartAsync();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The Postfix DANE tests need {ServerEndPoint} (UDP and TCP), the server a resolv.conf implies, and cannot bind it ({e.Message}): is another resolver listening there?", e);
        }

        string mailHost = hierarchy.MailHost.ToString();
        _receiver = PostfixInstance.Create(
            Path.Combine(_directory, "receiver"),
            "mx.dane.test",
            [
                $"inet_interfaces = {mailHost}",
                "mynetworks = 127.0.0.0/8",
                "smtpd_peername_lookup = no",
                "smtpd_tls_security_level = may",
                $"smtpd_tls_cert_file = {hierarchy.MailHostCertificateFile}",
                $"smtpd_tls_key_file = {hierarchy.MailHostKeyFile}",
                "smtpd_tls_loglevel = 1",
                $"virtual_mailbox_domains = {Domain} {ForgedDomain}",
                $"virtual_mailbox_base = {Path.Combine(_directory, "receiver")}",
                "virtual_mailbox_maps = static:Maildir/",
                "virtual_uid_maps = static:65534",
                "virtual_gid_maps = static:65534",
                // It resolves nothing; should it try, the host's resolv.conf is not the service under test.
                "smtp_dns_support_level = disabled",
            ],
            smtpdAddress: mailHost);
        _receiver.Start();
        Directory.CreateDirectory(Path.Combine(_directory, "receiver", "Maildir"));
        File.SetUnixFileMode(Path.Combine(_directory, "receiver", "Maildir"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        ExternalTool.Run("chown", ["65534:65534", Path.Combine(_directory, "receiver", "Maildir")]);

        _sender = PostfixInstance.Create(
            Path.Combine(_directory, "sender"),
            "sender.test",
            [
                // 127.0.0.1 only: were the mail host's address its own, it would refuse to deliver there ("loops back to myself").
                "inet_interfaces = 127.0.0.1",
                "smtp_dns_support_level = dnssec",
                "smtp_host_lookup = dns",
                "smtp_tls_security_level = dane",
                "smtp_tls_loglevel = 1",
                "smtp_address_preference = ipv4",
            ]);
    }

    public async Task DisposeAsync()
    {
        try
        {
            _sender?.Dispose();
            _receiver?.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            if (_resolver is not null)
            {
                await _resolver.DisposeAsync();
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DNSSEC_KEEP_HIERARCHY") is null && Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    [Fact]
    public void PosttlsFinger_DomainWithMatchingTlsa_VerifiesTheMxViaDane()
    {
        string finger = PosttlsFinger(Domain);

        Assert.Contains("Matched DANE EE certificate", finger, StringComparison.Ordinal);
        Assert.Contains("Verified TLS connection established to mx.dane.test[" + hierarchy.MailHost + "]:25", finger, StringComparison.Ordinal);
    }

    [Fact]
    public void PosttlsFinger_DomainWithForgedTlsa_DoesNotVerifyTheMx()
    {
        string finger = PosttlsFinger(ForgedDomain);

        // The TLSA record was found (the DNS data is secure) but names another key: no verified connection.
        Assert.Contains("mx.forged.dane.test", finger, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified TLS connection", finger, StringComparison.Ordinal);
        Assert.DoesNotContain("Matched DANE", finger, StringComparison.Ordinal);
        Assert.Contains("server certificate verification failed for mx.forged.dane.test[" + hierarchy.MailHost + "]:25: num=65:no matching DANE TLSA records", finger, StringComparison.Ordinal);
        Assert.Contains("Untrusted TLS connection established to mx.forged.dane.test[", finger, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_DomainWithMatchingTlsa_DeliversOverVerifiedTls()
    {
        PostfixInstance sender = StartSender();

        sender.Submit("root@sender.test", "user@" + Domain, "DANE");

        string? verified = sender.WaitForLogLine(DeliveryTimeout, "Verified TLS connection established to mx.dane.test[");
        string? sent = sender.WaitForLogLine(DeliveryTimeout, "to=<user@" + Domain + ">", "status=");
        string? received = _receiver!.WaitForLogLine(DeliveryTimeout, "to=<user@" + Domain + ">", "status=sent", "delivered to maildir");
        output.WriteLine($"{verified}\n{sent}\n{received}");
        Assert.True(verified is not null, $"no verified TLS connection in the sender's log:\n{sender.Log}");
        Assert.True(sent is not null && sent.Contains("status=sent", StringComparison.Ordinal), $"not sent:\n{sender.Log}");
        Assert.True(received is not null, $"not delivered to the maildir:\n{_receiver.Log}");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "receiver", "Maildir", "new")));
    }

    [Fact]
    public void Smtp_DomainWithForgedTlsa_DefersWithoutVerifiedTls()
    {
        PostfixInstance sender = StartSender();

        sender.Submit("root@sender.test", "user@" + ForgedDomain, "forged TLSA");

        string? deferred = sender.WaitForLogLine(DeliveryTimeout, "to=<user@" + ForgedDomain + ">", "status=");
        output.WriteLine(deferred);
        Assert.True(deferred is not null, $"no delivery attempt in the sender's log:\n{sender.Log}");
        Assert.Contains("status=deferred", deferred, StringComparison.Ordinal);
        Assert.Contains("Server certificate not verified", deferred, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified TLS connection", sender.Log, StringComparison.Ordinal);
        Assert.Null(_receiver!.WaitForLogLine(TimeSpan.Zero, "to=<user@" + ForgedDomain + ">"));
    }

    private PostfixInstance StartSender()
    {
        _sender!.Start(ResolvConf);
        return _sender;
    }

    /// <summary>
    /// Runs <c>posttls-finger -l dane</c> for a mail domain in a mount namespace whose resolv.conf names only the service;
    /// it reads the sender's main.cf (its DNSSEC and DANE settings) through MAIL_CONFIG.
    /// </summary>
    private string PosttlsFinger(string domain)
    {
        ExternalTool.Result result = ExternalTool.Run(
            "unshare",
            ["-m", "sh", "-c", PostfixInstance.InNamespace("MAIL_CONFIG=\"$2\" exec posttls-finger -t30 -T180 -c -l dane -L routine,certmatch \"$3\" 2>&1"), "sh", ResolvConf, _sender!.ConfigDirectory, domain],
            timeout: FingerTimeout);
        output.WriteLine(result.Combined);
        return result.Combined;
    }
}
