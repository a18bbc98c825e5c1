using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The HTTP client of one DNS over HTTPS upstream (RFC 8484): one <see cref="SocketsHttpHandler"/> kept for the
/// upstream's lifetime, so that its connections are reused, which connects to the configured address only (never
/// through a name lookup) and judges the certificate by the upstream's RFC 8310 profile.
/// </summary>
internal sealed class HttpsUpstreamClient : IDisposable
{
    /// <summary>The media type of RFC 8484 §6.</summary>
    public const string MediaType = "application/dns-message";

    private readonly HttpClient _client;
    private readonly bool _useGet;
    private readonly TimeProvider _time;
    private readonly Action<HttpsUpstream, string> _unauthenticated;
    private string? _refusal;

    /// <param name="upstream">The server, its URL and how it is authenticated.</param>
    /// <param name="useGet">GET with <c>?dns=</c> instead of POST (RFC 8484 §4.1).</param>
    /// <param name="time">The clock of the timeouts.</param>
    /// <param name="unauthenticated">Told at each handshake the opportunistic profile accepted without authenticating the server.</param>
    public HttpsUpstreamClient(HttpsUpstream upstream, bool useGet, TimeProvider time, Action<HttpsUpstream, string> unauthenticated)
    {
        Upstream = upstream;
        _useGet = useGet;
        _time = time;
        _unauthenticated = unauthenticated;
        IPEndPoint endPoint = upstream.EndPoint;
        var handler = new SocketsHttpHandler
        {
            // The address is the configured one: the request's host is only for SNI, the Host header and the name check.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = upstream.Tls.ClientOptions(Validate),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpsUpstream Upstream { get; }

    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        IPEndPoint server = Upstream.EndPoint;
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // RFC 8484 §4.1: the ID SHOULD be 0, so that identical queries are identical requests for HTTP caches.
        byte[] query = PaddedQuery.Build(0, question, options);
        using HttpRequestMessage request = Request(query);
        try
        {
            using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failure(TransportError.NetworkError, $"{Upstream.RequestUrl} ({server}) answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }

            string? type = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(type, MediaType, StringComparison.OrdinalIgnoreCase))
            {
                return Failure(TransportError.Malformed, $"{Upstream.RequestUrl} ({server}) answered with content type '{type ?? "none"}', not {MediaType}");
            }

            long? declared = response.Content.Headers.ContentLength;
            if (declared > ushort.MaxValue)
            {
                return Failure(TransportError.Malformed, $"{Upstream.RequestUrl} ({server}) announced a body of {declared} octets, longer than a DNS message can be");
            }

            Stream body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                // One octet beyond what may come shows a body longer than announced or than a DNS message can be.
                byte[] buffer = new byte[(declared ?? ushort.MaxValue) + 1];
                int length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, linked.Token).ConfigureAwait(false);
                return Parse(buffer.AsMemory(0, length), question, response.Version);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(TransportError.Timeout, $"no response from {Upstream.RequestUrl} ({server}) within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception) when (Find<AuthenticationException>(exception) is { } authentication)
        {
            return Failure(TransportError.TlsFailure, $"DNS over HTTPS to {Upstream.RequestUrl} ({server}) refused ({Upstream.Tls.Profile}): {TlsUpstream.HandshakeFailure(Volatile.Read(ref _refusal), authentication)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            return Failure(TransportError.NetworkError, $"DNS over HTTPS to {Upstream.RequestUrl} ({server}) failed: {Describe(exception)}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Describe(Exception exception) =>
        Find<SocketException>(exception) is { } socket ? socket.SocketErrorCode.ToString() : exception.InnerException?.Message ?? exception.Message;

    private HttpRequestMessage Request(byte[] query)
    {
        HttpRequestMessage request;
        if (_useGet)
        {
            // RFC 8484 §4.1: the dns variable is base64url without padding (RFC 4648 §5).
            Uri url = Upstream.RequestUrl;
            string separator = url.Query.Length > 1 ? "&" : "?";
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(url.GetLeftPart(UriPartial.Query) + separator + "dns=" + Base64Url.EncodeToString(query)));
        }
        else
        {
            var content = new ByteArrayContent(query);
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
            request = new HttpRequestMessage(HttpMethod.Post, Upstream.RequestUrl) { Content = content };
        }

        // RFC 8484 §5.2: HTTP/2 is the minimum RECOMMENDED version; HTTP/1.1 servers are asked in HTTP/1.1. A request
        // made here does not take the client's default version, so each one says it.
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        return request;
    }

    private TransportResponse Parse(ReadOnlyMemory<byte> body, DnsQuestion question, Version version)
    {
        IPEndPoint server = Upstream.EndPoint;
        if (body.Length > ushort.MaxValue)
        {
            return Failure(TransportError.Malformed, $"the body from {Upstream.RequestUrl} ({server}) is longer than a DNS message can be");
        }

        if (body.Length < DnsHeader.Size)
        {
            return Failure(TransportError.Malformed, $"the body from {Upstream.RequestUrl} ({server}) has {body.Length} octets, fewer than a DNS header");
        }

        DnsMessage message;
        IReadOnlyList<DroppedRecord> dropped;
        try
        {
            message = DnsMessage.ParseScrubbed(body.Span, out dropped);
        }
        catch (DnsFormatException exception)
        {
            return Failure(TransportError.Malformed, $"malformed response from {Upstream.RequestUrl} ({server}): {exception.Message}");
        }

        if (!DnsTransport.Matches(message, 0, question))
        {
            return Failure(TransportError.Malformed, $"the response from {Upstream.RequestUrl} ({server}) does not answer {question} with ID 0");
        }

        string note = Upstream.Tls.UnauthenticatedNote is { } unauthenticated ? $"HTTP/{version}, {unauthenticated}" : $"HTTP/{version}";
        return TransportResponse.Success(server, TransportProtocol.Https, message, body.Length, dropped, Upstream.Tls.Privacy, note);
    }

    private TransportResponse Failure(TransportError error, string detail) =>
        TransportResponse.Failure(Upstream.EndPoint, TransportProtocol.Https, Upstream.Tls.Privacy, error, detail);

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Upstream.Tls.UnauthenticatedNote is { } note)
        {
            // RFC 8310 §6.4: the opportunistic profile encrypts without authenticating; the answer and the log say so.
            _unauthenticated(Upstream, note);
            return true;
        }

        string? refusal = Upstream.Tls.Refusal(certificate, chain, errors);
        Volatile.Write(ref _refusal, refusal);
        return refusal is null;
    }
}
