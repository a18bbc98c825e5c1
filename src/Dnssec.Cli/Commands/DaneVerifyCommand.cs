using System.CommandLine;
using System.Globalization;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec dane verify HOST PORT`: resolves, connects to every address, handshakes and explains the DANE verdict of
/// each, like ldns-dane verify and posttls-finger; the exit status is decided from all the attempts (<see cref="ExitStatus"/>).
/// </summary>
internal static partial class DaneVerifyCommand
{
    private const string Name = "dnssec dane verify";

    // tlsa --from and SmtpDaneClient wait as long for one server.
    private static readonly TimeSpan DefaultAddressTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The exit statuses, for --help and the README's table.</summary>
    public const string ExitStatus =
        "Exit status: 0 every address tried was reached and authenticated by DANE, 1 every address was reached but DANE does not apply, " +
        "2 refused (a bogus TLSA lookup, or any address failed DANE or PKIX), 3 usage or I/O error, or any address could not be reached (refused, timed out, no handshake). " +
        "As ldns-dane, every address must succeed; an unreachable one is not skipped.";

    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "The server's host name, or with --mx the next-hop (recipient) domain; its TLSA records are looked up at _PORT._tcp.HOST." };
        var port = new Argument<int>("port") { Description = "The TCP port (25 for SMTP, 443 for HTTPS)." };
        var startTls = new Option<string?>("--starttls") { Description = "Negotiate TLS inside a protocol first; only 'smtp'." };
        startTls.AcceptOnlyFromAmong("smtp");
        var mx = new Option<bool>("--mx") { Description = "With --starttls smtp: treat HOST as a domain and try its MX hosts (RFC 7672)." };
        var level = new Option<string>("--level") { Description = "With --starttls smtp: Postfix security level may, encrypt, dane, dane-only, fingerprint, verify or secure (default dane).", DefaultValueFactory = _ => "dane" };
        level.AcceptOnlyFromAmong("may", "encrypt", "dane", "dane-only", "fingerprint", "verify", "secure");
        var fingerprints = new Option<string[]>("--fingerprint") { Description = "With --level fingerprint: a SHA-256 fingerprint of the certificate or its key; repeat for several." };
        var trustAnchors = new Option<FileInfo?>("--trust-anchor-file") { Description = "With --level verify or secure: PEM CA certificates or public keys used instead of the system store." };
        var servers = new Option<string[]>("--server") { Description = "A recursive upstream, IP[:PORT], or tls://IP[:PORT][#AUTH-NAME] for DNS over TLS (authenticated by the name against the system store, or unauthenticated without one), or https://HOST[:PORT]/PATH for DNS over HTTPS (a name without #IP is looked up through the system resolver, with a warning); repeat for several (default: /etc/resolv.conf)." };
        var anchors = new Option<FileInfo?>("--anchors") { Description = "DNSSEC trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var caFile = new Option<FileInfo?>("--ca-file") { Description = "PEM trust anchors for PKIX-TA(0) and PKIX-EE(1) records (default: the system store)." };
        var sni = new Option<string?>("--sni") { Description = "NAME: the server name sent in the handshake and the name the certificate must carry, instead of HOST; the TLSA records are still those of HOST (not with --mx)." };
        var timeout = new Option<double?>("--timeout") { Description = "SECONDS: a limit for the DNS lookups and, for each address, for connecting and the handshake (default: none for the lookups, 30 s per address); an address that runs out counts as unreachable." };
        var helo = new Option<string?>("--helo") { Description = "With --starttls smtp: the EHLO name, a host name (default localhost)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (JSON.md): the TLSA lookup, every attempt, the verdict; nothing else on stdout." };
        var command = new Command("verify", "Resolve, connect to every address, handshake and explain the DANE verdict for a live server.\n" + ExitStatus)
        {
            host, port, startTls, mx, level, fingerprints, trustAnchors, servers, anchors, caFile, sni, timeout, helo, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(result.GetValue(host)!, result.GetValue(port), result.GetValue(startTls) is not null, result.GetValue(mx), result.GetValue(level)!,
                result.GetValue(fingerprints) ?? [], result.GetValue(trustAnchors), result.GetValue(servers) ?? [], result.GetValue(anchors), result.GetValue(caFile),
                result.GetValue(sni), result.GetValue(timeout), result.GetValue(helo), result.GetValue(json)),
            cancellationToken));
        return command;
    }

    private sealed record Request(
        string Host, int Port, bool Smtp, bool Mx, string Level, string[] Fingerprints, FileInfo? TrustAnchorFile, string[] Servers, FileInfo? Anchors, FileInfo? CaFile,
        string? Sni, double? TimeoutSeconds, string? Helo, bool Json)
    {
        /// <summary>The limit of the DNS lookups, or null for none.</summary>
        public TimeSpan? LookupTimeout => TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

        /// <summary>The limit of connecting and the handshake at one address.</summary>
        public TimeSpan AddressTimeout => LookupTimeout ?? DefaultAddressTimeout;

        /// <summary>--timeout as typed, for messages.</summary>
        public string TimeoutText => TimeoutSeconds is { } seconds ? $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} s" : $"{DefaultAddressTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
    }

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        if (Validate(ref request) is { } usage)
        {
            return Fail(request, CliJson.Usage, usage);
        }

        var options = new ResolverOptions();
        foreach (string text in request.Servers)
        {
            if (!UpstreamArguments.TryParseUpstream(Name, text, out UpstreamServer? server, out string? problem))
            {
                return Fail(request, CliJson.Usage, $"--server {problem}");
            }

            options.Servers.Add(server);
        }

        if (request.LookupTimeout is { } budget)
        {
            // A server's wait longer than the whole budget would spend it all on the first silent server.
            options.Timeout = budget;
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
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            return Fail(request, CliJson.Io, exception.Message);
        }
    }

    /// <summary>Checks the options that depend on each other and normalises the names to A-labels; the problem, or null.</summary>
    private static string? Validate(ref Request request)
    {
        if (request.Port is < 1 or > ushort.MaxValue)
        {
            return $"{request.Port} is not a port";
        }

        if (request.Mx && !request.Smtp)
        {
            return "--mx needs --starttls smtp";
        }

        if (request.Helo is not null && !request.Smtp)
        {
            return "--helo needs --starttls smtp";
        }

        if (request.Sni is not null && request.Mx)
        {
            return "--sni cannot be used with --mx: each MX host is its own server name (RFC 7672 §3.2.2)";
        }

        if (request.TimeoutSeconds is { } seconds && !(seconds > 0 && seconds <= int.MaxValue / 1000))
        {
            return $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} is not a positive number of seconds";
        }

        if (!DnsName.TryParseInternational(request.Host, out DnsName? host, out string? why))
        {
            return $"host name '{request.Host}' is not a domain name: {why}";
        }

        if (host.LabelCount == 0)
        {
            return $"'{request.Host}' is not a host name";
        }

        // Lookups, SNI and the certificate's names all use the A-labels.
        request = request with { Host = host.ToString().TrimEnd('.') };
        if (request.Sni is not null)
        {
            if (NameArgument.HostNameProblem(request.Sni) is { } problem)
            {
                return $"--sni '{request.Sni}' is not a host name: {problem}";
            }

            request = request with { Sni = NameArgument.ToAscii(request.Sni) };
        }

        if (request.Helo is not null && NameArgument.HostNameProblem(request.Helo) is { } heloProblem)
        {
            return $"--helo '{request.Helo}' is not a host name: {heloProblem}";
        }

        return null;
    }

    /// <summary>The failure on stderr, and with --json as the error object; exit 3.</summary>
    private static int Fail(Request request, string code, string message) => CliJson.Fail(Name, request.Json, code, message);

    /// <summary>
    /// The exit status from every attempt: any refusal is 2, else any unreachable address 3 (ldns-dane also fails when
    /// one address cannot be reached: "all addresses should succeed"), else 0 when every one was authenticated by DANE, else 1.
    /// </summary>
    private static DaneVerifyOutcome Overall(List<DaneVerifyAttempt> attempts)
    {
        if (attempts.Count == 0)
        {
            return DaneVerifyOutcome.Unreachable;
        }

        if (attempts.Any(a => a.Outcome == DaneVerifyOutcome.Refused))
        {
            return DaneVerifyOutcome.Refused;
        }

        if (attempts.Any(a => a.Outcome == DaneVerifyOutcome.Unreachable))
        {
            return DaneVerifyOutcome.Unreachable;
        }

        return attempts.All(a => a.Outcome == DaneVerifyOutcome.Authenticated) ? DaneVerifyOutcome.Authenticated : DaneVerifyOutcome.NoDane;
    }

    private static int ExitCode(DaneVerifyOutcome outcome) => outcome switch
    {
        DaneVerifyOutcome.Authenticated => ExitCodes.Success,
        DaneVerifyOutcome.NoDane => ExitCodes.Invalid,
        DaneVerifyOutcome.Refused => ExitCodes.Bogus,
        _ => ExitCodes.UsageOrIo,
    };
}
