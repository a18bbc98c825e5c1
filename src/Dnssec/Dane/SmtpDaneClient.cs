using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Dane;

/// <summary>
/// An SMTP client for RFC 7672: validated MX lookup, TLSA records per MX host, STARTTLS, and Postfix's security levels
/// (may, encrypt, dane, dane-only, fingerprint, verify, secure) with per-destination local trust anchors. It delivers
/// a message, or with none only probes the TLS session, like posttls-finger.
/// </summary>
public sealed partial class SmtpDaneClient
{
    private readonly IDnssecResolver _resolver;
    private readonly TlsaLookup _lookup;
    private readonly ILogger _logger;

    /// <summary>Uses the given resolver for MX, address and TLSA lookups.</summary>
    public SmtpDaneClient(IDnssecResolver resolver)
        : this(resolver, null)
    {
    }

    /// <summary>Uses the given resolver for MX, address and TLSA lookups, and logs each attempt's DANE verdict and outcome.</summary>
    public SmtpDaneClient(IDnssecResolver resolver, ILogger<SmtpDaneClient>? logger)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _lookup = new TlsaLookup(resolver);
        _logger = logger ?? NullLogger<SmtpDaneClient>.Instance;
    }

    /// <summary>The SMTP port of the MX hosts (default 25); TLSA records are looked up for this port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>The name sent in EHLO.</summary>
    public string HeloName { get; set; } = "localhost";

    /// <summary>How long one connection to one MX host may take in all.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivers to a next-hop domain through its MX hosts in preference order, or to the host itself.</summary>
    /// <param name="nextHop">The next-hop domain (the recipient domain), or with <paramref name="useMx"/> false the host.</param>
    /// <param name="policy">The TLS policy for this destination.</param>
    /// <param name="message">The message; null to stop after the TLS session is established (a probe).</param>
    /// <param name="useMx">Look up MX records (RFC 5321 §5.1); false to connect to <paramref name="nextHop"/> directly.</param>
    /// <param name="cancellationToken">Cancels the lookups and the session.</param>
    /// <exception cref="ArgumentException">The next hop is not a domain name.</exception>
    public async ValueTask<SmtpDeliveryResult> DeliverAsync(string nextHop, SmtpTlsPolicy policy, SmtpMessage? message = null, bool useMx = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nextHop);
        ArgumentNullException.ThrowIfNull(policy);
        string domain = nextHop.TrimEnd('.');
        if (!DnsName.TryParse(domain + ".", out DnsName? name) || name.LabelCount == 0)
        {
            throw new ArgumentException($"'{nextHop}' is not a domain name", nameof(nextHop));
        }

        if (policy.Level == SmtpSecurityLevel.Fingerprint)
        {
            foreach (string fingerprint in policy.Fingerprints)
            {
                string hex = fingerprint.Replace(":", "", StringComparison.Ordinal);
                if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                {
                    throw new ArgumentException($"fingerprint '{fingerprint}' is not a SHA-256 digest in hex", nameof(policy));
                }
            }
        }

        var hosts = new List<string>();
        bool mxSecure = true;
        if (useMx)
        {
            DnssecAnswer mx = await _resolver.ResolveAsync(name, RecordType.MX, cancellationToken).ConfigureAwait(false);
            if (mx.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate)
            {
                // RFC 7672 §2.2.1: a bogus MX RRset must not be used; the delivery is deferred.
                SmtpDeliveryResult deferred = Reported(domain, Refused(null, policy.Level, $"the MX RRset of {domain} is {mx.Status.ToString().ToLowerInvariant()}: {mx.Reason}", []));
                return deferred.WithAttempts([deferred]);
            }

            mxSecure = mx.Status == SecurityStatus.Secure;
            foreach (MxData data in mx.Records.Where(r => r.Type == RecordType.MX).Select(MxData.From).OrderBy(m => m.Preference))
            {
                hosts.Add(data.Exchange.ToString().TrimEnd('.'));
            }
        }

        if (hosts.Count == 0)
        {
            hosts.Add(domain);
        }

        var attempts = new List<SmtpDeliveryResult>();
        foreach (string host in hosts)
        {
            if (await TryHostAsync(host, mxSecure, domain, policy, message, attempts, cancellationToken).ConfigureAwait(false) is { } outcome)
            {
                attempts.Add(outcome);
            }

            if (Reported(domain, attempts[^1]).Delivered)
            {
                break;
            }
        }

        return attempts[^1].WithAttempts(attempts);
    }

    /// <summary>
    /// Tries one MX host: adds an attempt to <paramref name="attempts"/> for each address that refuses the connection and
    /// returns the session's outcome (or the refusal before any connection); null when every address refused, each already an attempt.
    /// </summary>
    private async ValueTask<SmtpDeliveryResult?> TryHostAsync(string host, bool mxSecure, string nextHop, SmtpTlsPolicy policy, SmtpMessage? message, List<SmtpDeliveryResult> attempts, CancellationToken cancellationToken)
    {
        TlsaLookupResult lookup = await _lookup.LookupAsync(host, Port, "tcp", cancellationToken).ConfigureAwait(false);
        SmtpSecurityLevel level = policy.Level;
        var verifier = new DaneVerifier(policy.Verifier);
        if (level is SmtpSecurityLevel.Dane or SmtpSecurityLevel.DaneOnly)
        {
            bool daneOnly = level == SmtpSecurityLevel.DaneOnly;
            if (lookup.Status == TlsaLookupStatus.Failed)
            {
                return Refused(host, level, $"{lookup.Reason}; delivery deferred (RFC 7672 §2.2)", []);
            }

            if (!mxSecure || lookup.Status == TlsaLookupStatus.NoDane)
            {
                string why = !mxSecure ? "the MX RRset is insecure" : lookup.Reason;
                if (daneOnly)
                {
                    return Refused(host, level, $"{why}; dane-only requires DANE", []);
                }

                level = SmtpSecurityLevel.May;
            }
            else if (verifier.SelectUsable(lookup.Records).Count == 0)
            {
                if (daneOnly)
                {
                    return Refused(host, level, "every TLSA record is unusable; dane-only requires DANE", []);
                }

                // RFC 7672 §2.2: only unusable records still make TLS mandatory, though unauthenticated.
                level = SmtpSecurityLevel.Encrypt;
            }
        }

        if (lookup.Addresses.Count == 0)
        {
            return Refused(host, level, $"{host} has no address: {lookup.Reason}", []);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var transcript = new List<string>();
        IPAddress? address = null;
        bool connected = false;
        try
        {
            foreach (IPAddress candidate in lookup.Addresses)
            {
                address = candidate;
                Socket connection;
                try
                {
                    connection = await ConnectAsync(candidate, timeout.Token).ConfigureAwait(false);
                }
                catch (SocketException exception)
                {
                    // Every address is tried in turn, as Postfix does; each refusal is reported on its own.
                    attempts.Add(Refused(host, level, $"cannot connect to {host}[{candidate}]:{Port}: {exception.Message}", []).At(candidate, false));
                    continue;
                }

                using Socket socket = connection;
                connected = true;
                var network = new NetworkStream(socket, ownsSocket: false);
                await using ConfiguredAsyncDisposable disposeNetwork = network.ConfigureAwait(false);
                SmtpDeliveryResult session = await RunSessionAsync(new SmtpSession(host, nextHop, level, policy, lookup, verifier, network, transcript), message, timeout.Token).ConfigureAwait(false);
                return session.At(candidate, true);
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException && !cancellationToken.IsCancellationRequested)
        {
            string what = exception is OperationCanceledException ? $"no progress within {Timeout.TotalSeconds:0} s" : exception.Message;
            string where = connected ? $"session with {host}[{address}]" : $"connection to {host}[{address}]:{Port}";
            return Refused(host, level, $"{where} failed: {what}", transcript).At(address, connected, exception is OperationCanceledException);
        }
    }

    /// <summary>A connected socket; one that did not connect (refused, unreachable, a family the host lacks, or cancelled) is disposed.</summary>
    private async ValueTask<Socket> ConnectAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, Port), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SmtpDeliveryResult Refused(string? host, SmtpSecurityLevel level, string reason, IReadOnlyList<string> transcript, DaneResult? dane = null, bool tls = false) =>
        new(false, host, level, tls, dane, reason, transcript);
}
