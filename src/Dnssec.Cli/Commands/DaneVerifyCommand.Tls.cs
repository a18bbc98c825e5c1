using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Resolver;

namespace Dnssec.Cli.Commands;

internal static partial class DaneVerifyCommand
{
    /// <summary>Direct TLS: the TLSA lookup at HOST, then every validated address in order, as ldns-dane verify does.</summary>
    private static async Task<int> TlsAsync(Request request, DnssecResolver resolver, DaneVerifierOptions options, CancellationToken cancellationToken)
    {
        TlsaLookupResult lookup;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (request.LookupTimeout is { } limit)
            {
                deadline.CancelAfter(limit);
            }

            try
            {
                lookup = await new TlsaLookup(resolver).LookupAsync(request.Host, request.Port, "tcp", deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Fail(request, CliJson.Timeout, $"{request.Host}: the address and TLSA lookups took longer than {request.TimeoutText}");
            }
        }

        var attempts = new List<DaneVerifyAttempt>();
        if (lookup.Status != TlsaLookupStatus.Failed)
        {
            if (lookup.Addresses.Count == 0)
            {
                return Fail(request, CliJson.Io, $"{request.Host} has no address: {lookup.Reason}");
            }

            var verifier = new DaneVerifier(options);
            foreach (IPAddress address in lookup.Addresses)
            {
                attempts.Add(await TryAddressAsync(request, lookup, verifier, address, cancellationToken));
            }
        }

        // RFC 7671 §4: a bogus or indeterminate lookup fails closed; no address is tried.
        DaneVerifyOutcome overall = lookup.Status == TlsaLookupStatus.Failed ? DaneVerifyOutcome.Refused : Overall(attempts);
        var report = new DaneVerifyReport(request.Host, request.Port, request.Sni, lookup, attempts, overall, Smtp: null);
        if (request.Json)
        {
            report.WriteJson();
        }
        else
        {
            report.WriteText(Console.Out);
        }

        return ExitCode(overall);
    }

    /// <summary>Connects to one address and handshakes, judging the certificate by the TLSA records (or by PKIX without DANE).</summary>
    private static async Task<DaneVerifyAttempt> TryAddressAsync(Request request, TlsaLookupResult lookup, DaneVerifier verifier, IPAddress address, CancellationToken cancellationToken)
    {
        var attempt = new DaneVerifyAttempt(request.Host, address);
        string where = $"{attempt.Where}:{request.Port}";
        string serverName = request.Sni ?? request.Host;
        // The TLSA base domain stays a reference identifier; HOST gives way to the name sent in SNI.
        string[] names = [.. lookup.ReferenceIdentifiers.Select(n => n.Equals(lookup.Host, StringComparison.OrdinalIgnoreCase) ? serverName : n).Distinct(StringComparer.OrdinalIgnoreCase)];
        string stage = "connect";
        bool refused = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.AddressTimeout);
        try
        {
            using var tcp = new TcpClient(address.AddressFamily);
            await tcp.ConnectAsync(address, request.Port, deadline.Token);
            attempt.Connected = true;
            stage = "handshake";
            await using var ssl = new SslStream(tcp.GetStream());
            var client = new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate is null)
                    {
                        attempt.Reason = "refused: the server sent no certificate";
                        refused = true;
                        return false;
                    }

                    List<X509Certificate2> sent = DaneTls.ServerChain(certificate, chain);
                    // SslStream disposes the certificates it passed once the handshake ends; keep copies to print.
                    attempt.Chain = [.. sent.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
                    if (lookup.Status == TlsaLookupStatus.Dane)
                    {
                        attempt.Dane = verifier.Verify(sent, lookup.Records, names);
                        attempt.Reason = attempt.Dane.Authenticated ? "verified TLS connection (DANE)" : $"refused by DANE ({attempt.Dane.Failure})";
                        refused = !attempt.Dane.Authenticated;
                        return !refused;
                    }

                    attempt.Reason = errors == SslPolicyErrors.None ? "no DANE; TLS connection verified by PKIX" : $"no DANE; PKIX validation failed ({errors})";
                    refused = errors != SslPolicyErrors.None;
                    return !refused;
                },
            };
            try
            {
                await ssl.AuthenticateAsClientAsync(client, deadline.Token);
                attempt.Tls = true;
                attempt.Outcome = lookup.Status == TlsaLookupStatus.Dane ? DaneVerifyOutcome.Authenticated : DaneVerifyOutcome.NoDane;
            }
            catch (AuthenticationException) when (refused)
            {
                // The callback above refused the certificate; its reason is already set.
                attempt.Outcome = DaneVerifyOutcome.Refused;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            string what = stage == "connect" ? "connection" : "TLS handshake";
            Unreachable(attempt, CliJson.Timeout, stage, $"{where}: no {what} within {request.TimeoutText}");
        }
        catch (SocketException exception)
        {
            Unreachable(attempt, CliJson.Io, stage, $"cannot connect to {where}: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or AuthenticationException)
        {
            Unreachable(attempt, CliJson.Io, stage, $"{where}: the TLS handshake failed: {exception.Message}");
        }

        return attempt;
    }

    private static void Unreachable(DaneVerifyAttempt attempt, string code, string stage, string message)
    {
        attempt.Outcome = DaneVerifyOutcome.Unreachable;
        attempt.Error = (code, stage, message);
        attempt.Reason = message;
    }
}
