using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Dnssec.Resolver;

namespace Dnssec.Dane;

/// <summary>
/// A <see cref="SocketsHttpHandler"/> whose connections are made with DANE: the connect callback resolves the host's
/// addresses and TLSA records through an <see cref="IDnssecResolver"/> and refuses the connection when the lookup fails
/// closed; the certificate callback then judges the server by its TLSA records (or by PKIX when DANE does not apply),
/// and refuses a certificate with an <see cref="AuthenticationException"/> saying why, the inner exception of the
/// <see cref="HttpRequestException"/> the request fails with.
/// </summary>
public static class DaneHttpHandler
{
    /// <summary>Creates the handler; give it to <see cref="HttpClient"/>.</summary>
    /// <param name="resolver">The validating resolver for addresses and TLSA records.</param>
    /// <param name="options">The verifier's options; null for the RFC 7671 defaults.</param>
    /// <param name="observe">Called with each DANE verdict.</param>
    public static SocketsHttpHandler Create(IDnssecResolver resolver, DaneVerifierOptions? options = null, Action<DaneResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var lookup = new TlsaLookup(resolver);
        var verifier = new DaneVerifier(options);

        // The certificate callback learns only the server name, not the port, so the lookups are kept per host and
        // port and a certificate must satisfy every lookup held for its host: never weaker than the right one alone.
        var lookups = new ConcurrentDictionary<(string Host, int Port), TlsaLookupResult>();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                string host = context.DnsEndPoint.Host;
                int port = context.DnsEndPoint.Port;
                TlsaLookupResult result = await lookup.LookupAsync(host, port, "tcp", cancellationToken).ConfigureAwait(false);
                if (result.Status == TlsaLookupStatus.Failed)
                {
                    throw new HttpRequestException($"DANE: {result.Reason}");
                }

                lookups[(result.Host.ToLowerInvariant(), port)] = result;
                return await ConnectAsync(result, port, cancellationToken).ConfigureAwait(false);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            string host = ((SslStream)sender).TargetHostName.TrimEnd('.').ToLowerInvariant();
            bool any = false;
            foreach (KeyValuePair<(string Host, int Port), TlsaLookupResult> entry in lookups)
            {
                if (entry.Key.Host == host)
                {
                    any = true;
                    DaneResult? verdict = null;
                    if (!DaneTls.Validate(entry.Value, verifier, certificate, chain, errors, result => { verdict = result; observe?.Invoke(result); }))
                    {
                        // SslStream hands an exception thrown here to the caller (inside the HttpRequestException), where
                        // a false would only say that the certificate was rejected, not why.
                        throw new AuthenticationException(verdict is { } refused
                            ? $"DANE: {refused.Reason}"
                            : $"{entry.Value.Reason}, and the certificate fails PKIX validation ({errors})");
                    }
                }
            }

            return any;
        };
        return handler;
    }

    private static async ValueTask<Stream> ConnectAsync(TlsaLookupResult result, int port, CancellationToken cancellationToken)
    {
        if (result.Addresses.Count == 0)
        {
            throw new HttpRequestException($"{result.Host} has no address");
        }

        SocketException? last = null;
        foreach (IPAddress address in result.Addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
        }

        throw new HttpRequestException($"cannot connect to {result.Host} port {port}", last);
    }
}
