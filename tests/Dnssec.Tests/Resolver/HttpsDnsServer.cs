using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dnssec.Tests.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// A DNS over HTTPS server in the test process on 127.0.0.1 or another address of this machine (SslStream, minimal HTTP/1.1 with keep-alive): it takes
/// POST bodies and GET <c>?dns=</c> queries, records each request, and answers with what <see cref="Answer"/> gives, or
/// with what <see cref="Reply"/> gives instead when set (a status, a content type and a body of the test's choosing).
/// </summary>
internal sealed class HttpsDnsServer : IAsyncDisposable
{
    private readonly SslStreamCertificateContext _context;
    private readonly LoopbackListener _listener;
    private readonly IPAddress _address;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentQueue<string> _prefaces = new();
    private int _connections;

    public HttpsDnsServer(Func<DnsQuestion, DnsMessage?> answer, X509Certificate2 leaf, params X509Certificate2[] intermediates)
        : this(IPAddress.Loopback, answer, leaf, intermediates)
    {
    }

    /// <summary>Listens on <paramref name="address"/>, such as the one a name of this machine resolves to.</summary>
    public HttpsDnsServer(IPAddress address, Func<DnsQuestion, DnsMessage?> answer, X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        Answer = answer;
        _address = address;
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _listener = new LoopbackListener(ServeAsync, address);
    }

    /// <summary>The response to a question; null leaves the request unanswered.</summary>
    public Func<DnsQuestion, DnsMessage?> Answer { get; }

    /// <summary>Replaces the DNS answer with a status, a content type and a body, for the failure cases.</summary>
    public Func<Request, (int Status, string ContentType, byte[] Body)>? Reply { get; init; }

    public IPEndPoint EndPoint => new(_address, _listener.Port);

    /// <summary>
    /// Offers h2 before http/1.1 in ALPN; a client that picks h2 has its connection preface recorded in
    /// <see cref="Http2Prefaces"/> and the connection closed, as this server speaks only HTTP/1.1.
    /// </summary>
    public bool OfferHttp2 { get; init; }

    /// <summary>The HTTP/2 connection prefaces read (RFC 9113 §3.4), when <see cref="OfferHttp2"/> is on.</summary>
    public IReadOnlyList<string> Http2Prefaces => [.. _prefaces];

    /// <summary>TLS sessions established.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Signalled after each request is read and recorded.</summary>
    public TlsDnsServer.Channel Received { get; } = new();

    /// <summary>Every request read, in order.</summary>
    public IReadOnlyList<Request> Requests => [.. _requests];

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream());
                try
                {
                    List<SslApplicationProtocol> protocols = OfferHttp2 ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] : [SslApplicationProtocol.Http11];
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context, ApplicationProtocols = protocols }, cancellationToken);
                }
                catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                if (ssl.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2)
                {
                    byte[] preface = new byte[24];
                    await ssl.ReadExactlyAsync(preface, cancellationToken);
                    _prefaces.Enqueue(Encoding.ASCII.GetString(preface));
                    Received.Signal();
                    return;
                }

                var reader = new BufferedReader(ssl);
                while (await ReadRequestAsync(reader, cancellationToken) is { } request)
                {
                    _requests.Enqueue(request);
                    Received.Signal();
                    if (!await RespondAsync(ssl, request, cancellationToken))
                    {
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                // The client went away or the test ended.
            }
        }
    }

    private static async Task<Request?> ReadRequestAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        string? line = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(line))
        {
            return null;
        }

        string[] parts = line.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } header)
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }

        byte[] body = headers.TryGetValue("Content-Length", out string? length)
            ? await reader.ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken)
            : [];
        return new Request(parts[0], parts[1], headers, body);
    }

    private async Task<bool> RespondAsync(SslStream ssl, Request request, CancellationToken cancellationToken)
    {
        int status = 200;
        string contentType = "application/dns-message";
        byte[] body;
        if (Reply is { } reply)
        {
            (status, contentType, body) = reply(request);
        }
        else
        {
            DnsMessage query = DnsMessage.Parse(request.Query);
            DnsMessage? response = Answer(query.Questions[0]);
            if (response is null)
            {
                return true;
            }

            response.Id = query.Id;
            body = response.ToArray();
        }

        string head = $"HTTP/1.1 {status} Status{status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n";
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await ssl.WriteAsync(body, cancellationToken);
        await ssl.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>One HTTP request as read.</summary>
    internal sealed record Request(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        /// <summary>The DNS query: the POST body, or the GET <c>dns</c> parameter decoded from base64url.</summary>
        public byte[] Query => Method == "GET" ? Base64Url.DecodeFromChars(DnsParameter) : Body;

        /// <summary>The <c>dns</c> parameter of a GET as sent.</summary>
        public string DnsParameter => Target[(Target.IndexOf("dns=", StringComparison.Ordinal) + 4)..].Split('&')[0];

        public string Path => Target.Split('?')[0];
    }

    /// <summary>Reads CRLF lines and counted bodies from a stream.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
                }

                byte next = _buffer[_start++];
                if (next == '\n')
                {
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                }

                line.Add(next);
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            byte[] bytes = new byte[count];
            int read = 0;
            while (read < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("the body was cut off");
                }

                int take = Math.Min(count - read, _end - _start);
                Array.Copy(_buffer, _start, bytes, read, take);
                _start += take;
                read += take;
            }

            return bytes;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
