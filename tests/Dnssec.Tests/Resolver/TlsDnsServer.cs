using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Tests.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// A DNS over TLS server in the test process on 127.0.0.1 (SslStream): it answers framed queries with what
/// <see cref="Answer"/> gives, records the length of every query it reads, and can hold answers to send them in reverse
/// order, add an edns-tcp-keepalive option, or close each connection after a number of answers.
/// </summary>
internal sealed class TlsDnsServer : IAsyncDisposable
{
    private readonly SslStreamCertificateContext _context;
    private readonly LoopbackListener _listener;
    private readonly ConcurrentQueue<int> _queryLengths = new();
    private int _connections;
    private int _refusedHandshakes;

    public TlsDnsServer(Func<DnsQuestion, DnsMessage?> answer, X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        Answer = answer;
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _listener = new LoopbackListener(ServeAsync);
    }

    /// <summary>The response to a question; null drops the query unanswered.</summary>
    public Func<DnsQuestion, DnsMessage?> Answer { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, _listener.Port);

    /// <summary>Queries held on a connection before they are all answered, last first; 1 answers each at once.</summary>
    public int ReverseBatch { get; init; } = 1;

    /// <summary>The keepalive timeout, in units of 100 ms, put in every response (RFC 7828); none when null.</summary>
    public ushort? Keepalive { get; init; }

    /// <summary>Answers after which the server closes a connection; never when null.</summary>
    public int? CloseAfterAnswers { get; init; }

    /// <summary>The query of each connection (counting from 1) on which the server closes it unanswered, as a server whose idle timer fired just then; never when null.</summary>
    public int? CloseOnQuery { get; init; }

    /// <summary>Completes each time a connection ends, either side having closed it.</summary>
    public Channel Closed { get; } = new();

    /// <summary>TLS sessions established.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Handshakes the client broke off (it refused the certificate).</summary>
    public int RefusedHandshakes => Volatile.Read(ref _refusedHandshakes);

    /// <summary>The length of each query read, without the two-octet prefix.</summary>
    public IReadOnlyList<int> QueryLengths => [.. _queryLengths];

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    /// <summary>A response with <paramref name="address"/> as the A record of the question's name.</summary>
    public static DnsMessage AddressAnswer(DnsQuestion question, string address)
    {
        var message = new DnsMessage { Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable };
        message.Questions.Add(question);
        message.Answers.Add(new DnsRecord(question.Name, RecordType.A, RecordClass.IN, 300, IPAddress.Parse(address).GetAddressBytes()));
        message.Edns = new EdnsRecord { DnssecOk = true };
        return message;
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream());
                try
                {
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, cancellationToken);
                }
                catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
                {
                    Interlocked.Increment(ref _refusedHandshakes);
                    return;
                }

                Interlocked.Increment(ref _connections);
                await ServeQueriesAsync(ssl, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                // The client went away or the test ended.
            }
            finally
            {
                Closed.Signal();
            }
        }
    }

    private async Task ServeQueriesAsync(SslStream ssl, CancellationToken cancellationToken)
    {
        var held = new List<byte[]>();
        int answered = 0;
        int read = 0;
        byte[] length = new byte[2];
        while (await ssl.ReadAtLeastAsync(length, 2, throwOnEndOfStream: false, cancellationToken) == 2)
        {
            byte[] query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
            await ssl.ReadExactlyAsync(query, cancellationToken);
            _queryLengths.Enqueue(query.Length);
            if (++read == CloseOnQuery)
            {
                return;
            }

            DnsMessage parsed = DnsMessage.Parse(query);
            DnsMessage? response = Answer(parsed.Questions[0]);
            if (response is null)
            {
                continue;
            }

            response.Id = parsed.Id;
            if (Keepalive is { } keepalive)
            {
                response.Edns ??= new EdnsRecord();
                response.Edns.Options.Add(new EdnsOption(EdnsOptionCode.TcpKeepalive, new[] { (byte)(keepalive >> 8), (byte)keepalive }));
            }

            held.Add(response.ToArray());
            if (held.Count < ReverseBatch)
            {
                continue;
            }

            for (int i = held.Count - 1; i >= 0; i--)
            {
                byte[] framed = new byte[held[i].Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)held[i].Length);
                held[i].CopyTo(framed, 2);
                await ssl.WriteAsync(framed, cancellationToken);
                answered++;
            }

            held.Clear();
            if (answered >= CloseAfterAnswers)
            {
                return;
            }
        }
    }

    /// <summary>Counts events and lets a test wait for the next one, without delays.</summary>
    internal sealed class Channel
    {
        private readonly System.Threading.Channels.Channel<bool> _events = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public void Signal() => _events.Writer.TryWrite(true);

        /// <summary>Waits for the next event, or fails the test after <paramref name="limit"/> (a guard, not a pause).</summary>
        public async Task WaitAsync(TimeSpan limit) => await _events.Reader.ReadAsync().AsTask().WaitAsync(limit);
    }
}
