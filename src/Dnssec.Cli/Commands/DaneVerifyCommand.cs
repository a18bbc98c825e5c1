using System.CommandLine;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec dane verify HOST PORT`: resolves, connects, handshakes and explains the DANE verdict, like posttls-finger.
/// Exit status 0 when DANE authenticated the server, 1 when DANE does not apply, 2 when the server was refused, 3 for
/// usage or I/O errors.
/// </summary>
internal static class DaneVerifyCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The server's host name, or with --mx the next-hop (recipient) domain." };
        var port = new Argument<int>("port") { Description = "The TCP port (25 for SMTP, 443 for HTTPS)." };
        var startTls = new Option<string?>("--starttls") { Description = "Negotiate TLS inside a protocol first; only 'smtp'." };
        startTls.AcceptOnlyFromAmong("smtp");
        var mx = new Option<bool>("--mx") { Description = "With --starttls smtp: treat HOST as a domain and try its MX hosts (RFC 7672)." };
        var level = new Option<string>("--level") { Description = "With --starttls smtp: Postfix security level may, encrypt, dane, dane-only, fingerprint, verify or secure (default dane).", DefaultValueFactory = _ => "dane" };
        level.AcceptOnlyFromAmong("may", "encrypt", "dane", "dane-only", "fingerprint", "verify", "secure");
        var fingerprints = new Option<string[]>("--fingerprint") { Description = "With --level fingerprint: a SHA-256 fingerprint of the certificate or its key; repeat for several." };
        var trustAnchors = new Option<FileInfo?>("--trust-anchor-file") { Description = "With --level verify or secure: PEM CA certificates or public keys used instead of the system store." };
        var servers = new Option<string[]>("--server") { Description = "A recursive upstream, IP[:PORT]; repeat for several (default: /etc/resolv.conf)." };
        var anchors = new Option<FileInfo?>("--anchors") { Description = "DNSSEC trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var caFile = new Option<FileInfo?>("--ca-file") { Description = "PEM trust anchors for PKIX-TA(0) and PKIX-EE(1) records (default: the system store)." };
        var command = new Command("verify", "Resolve, connect, handshake and explain the DANE verdict for a live server. Exit status: 0 authenticated by DANE, 1 connected but DANE does not apply, 2 refused (bogus or failed DANE), 3 usage, I/O or network error.")
        {
            host, port, startTls, mx, level, fingerprints, trustAnchors, servers, anchors, caFile,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(result.GetValue(host)!, result.GetValue(port), result.GetValue(startTls) is not null, result.GetValue(mx), result.GetValue(level)!,
                result.GetValue(fingerprints) ?? [], result.GetValue(trustAnchors), result.GetValue(servers) ?? [], result.GetValue(anchors), result.GetValue(caFile)),
            cancellationToken));
        return command;
    }

    private sealed record Request(string Host, int Port, bool Smtp, bool Mx, string Level, string[] Fingerprints, FileInfo? TrustAnchorFile, string[] Servers, FileInfo? Anchors, FileInfo? CaFile);

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        TextWriter error = Console.Error;
        if (request.Port is < 1 or > ushort.MaxValue)
        {
            error.WriteLine($"dnssec dane verify: {request.Port} is not a port");
            return ExitCodes.UsageOrIo;
        }

        if (request.Mx && !request.Smtp)
        {
            error.WriteLine("dnssec dane verify: --mx needs --starttls smtp");
            return ExitCodes.UsageOrIo;
        }

        if (!NameArgument.TryParse(request.Host, "dnssec dane verify:", "host name", error, out Dnssec.Wire.DnsName? host))
        {
            return ExitCodes.UsageOrIo;
        }

        // Lookups, SNI and the certificate's names all use the A-labels.
        request = request with { Host = host.ToString().TrimEnd('.') };
        var options = new ResolverOptions();
        foreach (string text in request.Servers)
        {
            if (!UpstreamArguments.TryParseServer(text, out IPEndPoint? server))
            {
                error.WriteLine($"dnssec dane verify: --server '{text}' is not IP[:PORT]");
                return ExitCodes.UsageOrIo;
            }

            options.Servers.Add(server);
        }

        try
        {
            if (request.Anchors is not null)
            {
                var set = new TrustAnchorSet();
                set.Add(TrustAnchorFile.Load(request.Anchors.FullName, DateTimeOffset.UtcNow));
                options.TrustAnchors = set;
            }

            var verifier = new DaneVerifierOptions();
            if (request.CaFile is not null)
            {
                verifier.PkixTrustAnchors = [.. PemCertificates.ReadCertificates(request.CaFile.FullName)];
            }

            await using var resolver = new DnssecResolver(options);
            return request.Smtp
                ? await SmtpAsync(request, resolver, verifier, cancellationToken)
                : await TlsAsync(request, resolver, verifier, cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"dnssec dane verify: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    private static async Task<int> TlsAsync(Request request, DnssecResolver resolver, DaneVerifierOptions verifier, CancellationToken cancellationToken)
    {
        TextWriter output = Console.Out;
        TlsaLookupResult lookup = await new TlsaLookup(resolver).LookupAsync(request.Host, request.Port, "tcp", cancellationToken);
        output.WriteLine($"; TLSA: {lookup.Reason}");
        foreach (Dnssec.Wire.TlsaData record in lookup.Records)
        {
            output.WriteLine($";   {TlsaText.Format(record)}");
        }

        if (lookup.Status == TlsaLookupStatus.Failed)
        {
            output.WriteLine($"{request.Host}: refused: the TLSA lookup failed closed");
            return ExitCodes.Bogus;
        }

        if (lookup.Addresses.Count == 0)
        {
            Console.Error.WriteLine($"dnssec dane verify: {request.Host} has no address");
            return ExitCodes.UsageOrIo;
        }

        DaneResult? verdict = null;
        List<X509Certificate2> sent = [];
        var client = DaneTls.CreateClientOptions(lookup, verifier, result => verdict = result);
        RemoteCertificateValidationCallback inner = client.RemoteCertificateValidationCallback!;
        client.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            if (certificate is not null)
            {
                // SslStream disposes the certificates it passed once the handshake ends; keep copies to print.
                sent = [.. DaneTls.ServerChain(certificate, chain).Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
            }

            return inner(sender, certificate, chain, errors);
        };

        IPAddress address = lookup.Addresses[0];
        output.WriteLine($"; connecting to {request.Host}[{address}]:{request.Port}");
        using var tcp = new TcpClient(address.AddressFamily);
        try
        {
            await tcp.ConnectAsync(address, request.Port, cancellationToken);
            await using var ssl = new SslStream(tcp.GetStream());
            bool established = true;
            try
            {
                await ssl.AuthenticateAsClientAsync(client, cancellationToken);
            }
            catch (AuthenticationException)
            {
                established = false;
            }

            WriteChain(output, sent);
            return Explain(output, request.Host, lookup, verdict, established);
        }
        catch (SocketException exception)
        {
            Console.Error.WriteLine($"dnssec dane verify: cannot connect to {request.Host}[{address}]:{request.Port}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    private static async Task<int> SmtpAsync(Request request, DnssecResolver resolver, DaneVerifierOptions verifier, CancellationToken cancellationToken)
    {
        TextWriter output = Console.Out;
        var policy = new SmtpTlsPolicy { Level = ParseLevel(request.Level), Verifier = verifier };
        foreach (string fingerprint in request.Fingerprints)
        {
            policy.Fingerprints.Add(fingerprint);
        }

        if (request.TrustAnchorFile is not null)
        {
            policy.LoadTrustAnchorFile(request.TrustAnchorFile.FullName);
        }

        var client = new SmtpDaneClient(resolver) { Port = request.Port };
        SmtpDeliveryResult result = await client.DeliverAsync(request.Host, policy, null, request.Mx, cancellationToken);
        foreach (string line in result.Transcript)
        {
            output.WriteLine(line);
        }

        if (result.Dane is { } dane)
        {
            output.WriteLine($"; {(dane.Authenticated ? "verified" : "not verified")}: {dane.Reason}");
        }

        string host = result.MxHost ?? request.Host;
        output.WriteLine(result.Delivered
            ? $"{host}: {(result.Tls ? "TLS" : "plain-text")} session at level {Level(result.EffectiveLevel)}: {result.Reason}"
            : $"{host}: refused at level {Level(result.EffectiveLevel)}: {result.Reason}");
        if (!result.Delivered)
        {
            return ExitCodes.Bogus;
        }

        return result.Dane is { Authenticated: true } && result.EffectiveLevel is SmtpSecurityLevel.Dane or SmtpSecurityLevel.DaneOnly ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static int Explain(TextWriter output, string host, TlsaLookupResult lookup, DaneResult? verdict, bool established)
    {
        if (verdict is not null)
        {
            string by = verdict.MatchedRecord is { } record ? $" by {TlsaText.Format(record)} at depth {verdict.Depth}" : "";
            output.WriteLine($"; DANE: {(verdict.Authenticated ? "authenticated" : $"not authenticated ({verdict.Failure})")}{by}");
            output.WriteLine($";   {verdict.Reason}");
        }

        switch (lookup.Status)
        {
            case TlsaLookupStatus.Dane when established:
                output.WriteLine($"{host}: verified TLS connection (DANE)");
                return ExitCodes.Success;
            case TlsaLookupStatus.Dane:
                output.WriteLine($"{host}: refused: the certificate does not match the TLSA records");
                return ExitCodes.Bogus;
            default:
                output.WriteLine(established ? $"{host}: no DANE; TLS connection verified by PKIX" : $"{host}: no DANE; PKIX validation failed");
                return established ? ExitCodes.Invalid : ExitCodes.Bogus;
        }
    }

    private static void WriteChain(TextWriter output, List<X509Certificate2> sent)
    {
        output.WriteLine("; certificate chain as sent:");
        for (int i = 0; i < sent.Count; i++)
        {
            output.WriteLine($";   {i} s:{sent[i].Subject}");
            output.WriteLine($";     i:{sent[i].Issuer}");
        }
    }

    private static SmtpSecurityLevel ParseLevel(string text) => text switch
    {
        "may" => SmtpSecurityLevel.May,
        "encrypt" => SmtpSecurityLevel.Encrypt,
        "dane-only" => SmtpSecurityLevel.DaneOnly,
        "fingerprint" => SmtpSecurityLevel.Fingerprint,
        "verify" => SmtpSecurityLevel.Verify,
        "secure" => SmtpSecurityLevel.Secure,
        _ => SmtpSecurityLevel.Dane,
    };

    private static string Level(SmtpSecurityLevel level) => level == SmtpSecurityLevel.DaneOnly ? "dane-only" : level.ToString().ToLowerInvariant();
}
