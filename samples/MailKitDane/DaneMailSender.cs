using System.Net;
using System.Net.Sockets;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailKitDane;

/// <summary>
/// Sends mail with MailKit under a DANE-only policy (RFC 7672): the recipient domain's MX RRset and each MX host's
/// addresses and TLSA records must be proven Secure by the in-process validating resolver; the connection goes to a
/// validated address, STARTTLS is required, and the server's certificate is judged by the library's DANE verifier in
/// MailKit's certificate callback. Anything less refuses the delivery and says why.
/// </summary>
public sealed class DaneMailSender(IDnssecResolver resolver, DaneVerifierOptions? options = null)
{
    private readonly TlsaLookup _lookup = new(resolver);

    /// <summary>The SMTP port of the MX hosts; TLSA records are looked up for this port.</summary>
    public int Port { get; init; } = 25;

    /// <summary>The name sent in EHLO.</summary>
    public string HeloName { get; init; } = "localhost";

    /// <summary>How long one session with one MX host may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivers <paramref name="message"/> to the MX hosts of <paramref name="domain"/>, in preference order, until one takes it.</summary>
    public async Task<DaneDelivery> SendAsync(MimeMessage message, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(domain);
        if (!DnsName.TryParseInternational(domain.TrimEnd('.') + ".", out DnsName? name, out string? error))
        {
            return new DaneDelivery(false, null, $"'{domain}' is not a domain name: {error}", null);
        }

        DnssecAnswer mx = await resolver.ResolveAsync(name, RecordType.MX, cancellationToken).ConfigureAwait(false);
        if (mx.Status != SecurityStatus.Secure)
        {
            // RFC 7672 §2.2.1: DANE needs a Secure MX RRset; an insecure one would let an attacker choose the host.
            return new DaneDelivery(false, null, $"the MX RRset of {domain} is {mx.Status.ToString().ToLowerInvariant()}: {mx.Reason}", null);
        }

        List<string> hosts = [.. mx.Records.Where(r => r.Type == RecordType.MX).Select(MxData.From).OrderBy(m => m.Preference).Select(m => m.Exchange.ToString().TrimEnd('.'))];
        if (hosts.Count == 0)
        {
            return new DaneDelivery(false, null, $"{domain} has no MX record", null);
        }

        DaneDelivery? last = null;
        foreach (string host in hosts)
        {
            last = await SendToHostAsync(message, host, cancellationToken).ConfigureAwait(false);
            if (last.Delivered)
            {
                return last;
            }
        }

        return last!;
    }

    private async Task<DaneDelivery> SendToHostAsync(MimeMessage message, string host, CancellationToken cancellationToken)
    {
        TlsaLookupResult lookup = await _lookup.LookupAsync(host, Port, "tcp", cancellationToken).ConfigureAwait(false);
        if (lookup.Status != TlsaLookupStatus.Dane)
        {
            return new DaneDelivery(false, host, $"{lookup.Reason}; DANE is required", null);
        }

        DaneResult? verdict = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new SmtpClient
        {
            LocalDomain = HeloName,
            // The TLSA records decide; a revocation check would ask the network about a CA DANE-EE does not involve.
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = DaneTls.CreateValidationCallback(lookup, options, result => verdict = result),
        };
        try
        {
            using Socket socket = await ConnectAsync(lookup.Addresses, timeout.Token).ConfigureAwait(false);
            // The host name gives SNI and the reference identifier; the socket is already connected to a proven address.
            await client.ConnectAsync(socket, host, Port, SecureSocketOptions.StartTls, timeout.Token).ConfigureAwait(false);
            string response = await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            return new DaneDelivery(true, host, $"delivered to {host} over TLS authenticated by DANE ({verdict?.Reason}): {response}", verdict);
        }
        catch (SslHandshakeException exception)
        {
            string why = verdict is { Authenticated: false } refused ? $"DANE refused the certificate: {refused.Reason}" : exception.Message;
            return new DaneDelivery(false, host, $"TLS with {host} failed: {why}", verdict);
        }
        catch (NotSupportedException exception)
        {
            // MailKit's answer to a server that does not offer STARTTLS when it is required: a downgrade, or a misconfigured server.
            return new DaneDelivery(false, host, $"{host} did not offer STARTTLS: {exception.Message}", verdict);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ProtocolException or CommandException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DaneDelivery(false, host, $"the session with {host} failed: {exception.Message}", verdict);
        }
    }

    private async Task<Socket> ConnectAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, Port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
