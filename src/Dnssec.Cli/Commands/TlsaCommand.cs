using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec tlsa CERT.pem` or `dnssec tlsa --from HOST:PORT`: prints the TLSA record for a certificate, like danetool
/// --tlsa-rr, or for the one a live server sends, like ldns-dane create.
/// </summary>
internal static class TlsaCommand
{
    private const string Name = "dnssec tlsa";

    /// <summary>The exit statuses, for --help and the README's table.</summary>
    public const string ExitStatus = "Exit status: 0 the record was printed, 3 usage or I/O error, or with --from a connection refused or timed out, no STARTTLS, or a failed handshake.";

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("cert") { Description = "A PEM file; its first certificate is published (not with --from).", Arity = ArgumentArity.ZeroOrOne };
        var usage = new Option<string>("--usage") { Description = $"Certificate usage: 0-3 or {TlsaParameters.UsageNames} (default 3).", DefaultValueFactory = _ => "3" };
        var selector = new Option<string>("--selector") { Description = $"Selector: 0 whole certificate, 1 SubjectPublicKeyInfo, or {TlsaParameters.SelectorNames} (default 1).", DefaultValueFactory = _ => "1" };
        var matchingType = new Option<string>("--mtype") { Description = $"Matching type: 0 full, 1 SHA2-256, 2 SHA2-512, or {TlsaParameters.MatchingTypeNames} (default 1).", DefaultValueFactory = _ => "1" };
        var host = new Option<string?>("--host") { Description = "Print a zone-file line owned by _PORT._PROTO.HOST instead of the bare RDATA (with --from: the owner's host, default the server's)." };
        var port = new Option<int?>("--port") { Description = "The service port for --host (default 443; with --from, the server's)." };
        var protocol = new Option<string>("--proto") { Description = "The transport for --host (default tcp).", DefaultValueFactory = _ => "tcp" };
        var from = new Option<string?>("--from") { Description = "HOST:PORT: take the certificate from this live server (the leaf; for DANE-TA the top of the chain it sends) and print the record owned by _PORT._tcp.HOST." };
        var startTls = new Option<string?>("--starttls") { Description = "With --from: negotiate TLS inside a protocol first; only 'smtp'." };
        startTls.AcceptOnlyFromAmong("smtp");
        var helo = new Option<string>("--helo") { Description = "With --starttls smtp: the EHLO name (default localhost).", DefaultValueFactory = _ => "localhost" };
        var timeout = new Option<double>("--timeout") { Description = "With --from: SECONDS for connecting and the handshake (default 30).", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (JSON.md): the owner and the record, or the error object." };
        var command = new Command("tlsa", "Print the TLSA record that publishes a certificate, from a PEM file or a live server.\n" + ExitStatus)
        {
            file, usage, selector, matchingType, host, port, protocol, from, startTls, helo, timeout, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(result.GetValue(file), result.GetValue(usage)!, result.GetValue(selector)!, result.GetValue(matchingType)!, result.GetValue(host), result.GetValue(port), result.GetValue(protocol)!,
                result.GetValue(from), result.GetValue(startTls) is not null, result.GetValue(helo)!, result.GetValue(timeout), result.GetValue(json)),
            cancellationToken));
        return command;
    }

    private sealed record Request(FileInfo? File, string Usage, string Selector, string MatchingType, string? Host, int? Port, string Protocol, string? From, bool Smtp, string Helo, double TimeoutSeconds, bool Json);

    private static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        if (!TlsaParameters.TryParseUsage(request.Usage, out TlsaUsage? usage) || !TlsaParameters.TryParseSelector(request.Selector, out TlsaSelector? selector) || !TlsaParameters.TryParseMatchingType(request.MatchingType, out TlsaMatchingType? matchingType))
        {
            return Fail(request, CliJson.Usage, $"usage must be 0-3 ({TlsaParameters.UsageNames}), selector 0-1 ({TlsaParameters.SelectorNames}) and matching type 0-2 ({TlsaParameters.MatchingTypeNames}) (got {request.Usage} {request.Selector} {request.MatchingType})");
        }

        if ((request.File is null) == (request.From is null))
        {
            return Fail(request, CliJson.Usage, "give either a certificate file or --from HOST:PORT");
        }

        if (request.From is null && request.Smtp)
        {
            return Fail(request, CliJson.Usage, "--starttls needs --from");
        }

        (string Host, int Port)? server = null;
        if (request.From is not null)
        {
            if (!TrySplitHostPort(request.From, out string? serverHost, out int serverPort))
            {
                return Fail(request, CliJson.Usage, $"--from '{request.From}' is not HOST:PORT");
            }

            server = (serverHost, serverPort);
        }

        if (request.From is not null && !(request.TimeoutSeconds > 0 && request.TimeoutSeconds <= int.MaxValue / 1000))
        {
            return Fail(request, CliJson.Usage, $"--timeout {request.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} is not a positive number of seconds");
        }

        int port = request.Port ?? server?.Port ?? 443;
        string? host = request.Host ?? server?.Host;
        if (port is < 1 or > ushort.MaxValue || request.Protocol is not ("tcp" or "udp" or "sctp"))
        {
            return Fail(request, CliJson.Usage, $"--port {port} --proto {request.Protocol} is not a service (port 1-65535, proto tcp, udp or sctp)");
        }

        DnsName? owner = null;
        string ownerText = $"_{port}._{request.Protocol}.{host?.TrimEnd('.')}.";
        if (host is not null && !DnsName.TryParseInternational(ownerText, out owner, out string? why))
        {
            return Fail(request, CliJson.Usage, $"--host '{ownerText}' is not a host name: {why}");
        }

        try
        {
            byte[] certificate;
            if (server is { } live)
            {
                List<X509Certificate2> chain = await FetchChainAsync(live.Host, live.Port, request, cancellationToken);
                // DANE-TA and PKIX-TA publish a trust anchor: the top of what the server sends, as ldns-dane create takes it.
                certificate = (usage is TlsaUsage.DANETA or TlsaUsage.PKIXTA ? chain[^1] : chain[0]).RawData;
            }
            else
            {
                List<X509Certificate2> certificates = PemCertificates.ReadCertificates(request.File!.FullName);
                if (certificates.Count == 0)
                {
                    return Fail(request, CliJson.Io, $"{request.File.FullName}: no PEM certificate");
                }

                certificate = certificates[0].RawData;
            }

            TlsaData record = TlsaRecordFactory.Create(certificate, usage.Value, selector.Value, matchingType.Value);
            string text = TlsaText.Format(record);
            if (request.Json)
            {
                WriteJson(owner, request.From, record);
            }
            else
            {
                Console.Out.WriteLine(owner is null ? text : $"{owner} IN TLSA {text}");
            }

            return ExitCodes.Success;
        }
        catch (TimeoutException exception)
        {
            return Fail(request, CliJson.Timeout, exception.Message);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or SocketException or AuthenticationException)
        {
            return Fail(request, CliJson.Io, exception.Message);
        }
    }

    /// <summary>Connects, negotiates STARTTLS when asked, and returns the certificates the server sends, leaf first.</summary>
    /// <exception cref="IOException">Refused, no STARTTLS, or no certificate.</exception>
    /// <exception cref="TimeoutException">No certificate within --timeout.</exception>
    private static async Task<List<X509Certificate2>> FetchChainAsync(string host, int port, Request request, CancellationToken cancellationToken)
    {
        string where = $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        List<X509Certificate2>? sent = null;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, deadline.Token);
            Stream stream = tcp.GetStream();
            if (request.Smtp)
            {
                await SmtpStartTls.NegotiateAsync(stream, request.Helo, deadline.Token);
            }

            await using var ssl = new SslStream(stream);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = IPAddress.TryParse(host, out _) ? null : host,
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    if (certificate is not null)
                    {
                        // SslStream disposes what it passed once the handshake ends: keep copies.
                        sent = [.. DaneTls.ServerChain(certificate, chain).Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
                    }

                    // Only the certificate is wanted: the handshake stops here, before anything is sent over it.
                    return false;
                },
            };
            try
            {
                await ssl.AuthenticateAsClientAsync(options, deadline.Token);
            }
            catch (AuthenticationException) when (sent is not null)
            {
                // The refusal above, once the certificates are in hand.
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{where}: no certificate within --timeout {request.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (SocketException exception)
        {
            throw new IOException($"cannot connect to {where}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or AuthenticationException)
        {
            throw new IOException($"{where}{(request.Smtp ? " (SMTP STARTTLS)" : "")}: {exception.Message}", exception);
        }

        return sent is { Count: > 0 } ? sent : throw new IOException($"{where}: the server sent no certificate");
    }

    /// <summary>The failure on stderr, and with --json as the error object; exit 3.</summary>
    private static int Fail(Request request, string code, string message) => CliJson.Fail(Name, request.Json, code, message);

    /// <summary>JSON.md's tlsa object: the owner (null without --host or --from), the server asked, and the record made.</summary>
    private static void WriteJson(DnsName? owner, string? from, TlsaData record) => CliJson.WriteObject(writer =>
    {
        if (owner is null)
        {
            writer.WriteNull("owner");
        }
        else
        {
            writer.WriteString("owner", owner.ToString());
        }

        if (from is null)
        {
            writer.WriteNull("from");
        }
        else
        {
            writer.WriteString("from", from);
        }

        writer.WriteStartArray("records");
        writer.WriteStartObject();
        writer.WriteNumber("usage", record.CertificateUsage);
        writer.WriteNumber("selector", record.Selector);
        writer.WriteNumber("matchingType", record.MatchingType);
        writer.WriteString("data", Convert.ToHexString(record.AssociationData.Span));
        writer.WriteString("text", TlsaText.Format(record));
        if (owner is not null)
        {
            writer.WriteString("line", $"{owner} IN TLSA {TlsaText.Format(record)}");
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
    });

    /// <summary>Reads HOST:PORT or [IPv6]:PORT.</summary>
    private static bool TrySplitHostPort(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? host, out int port)
    {
        host = null;
        port = 0;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > ushort.MaxValue)
        {
            return false;
        }

        string name = text[..colon];
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
            if (!IPAddress.TryParse(name, out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (name.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        host = name;
        return host.Length > 0;
    }
}
