using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A forging recursive upstream on loopback, UDP and TCP, in front of a real resolver (the hierarchy's non-validating
/// Unbound): the questions it was told to forge get the response the test built, and every other query is passed to
/// the real resolver and its answer back, byte for byte. A validating resolver behind it therefore sees real signed
/// data everywhere but in the forged answers, as it would behind an on-path attacker.
/// </summary>
internal sealed class ForgingProxy : IAsyncDisposable
{
    private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(5);

    private readonly IPEndPoint _upstream;
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(DnsName Name, RecordType Type), Forgery> _forgeries = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    /// <summary>Listens on <paramref name="endPoint"/> (UDP and TCP) and passes what it does not forge to <paramref name="upstream"/>.</summary>
    public ForgingProxy(IPEndPoint endPoint, IPEndPoint upstream)
    {
        _upstream = upstream;
        _udp = new UdpClient(endPoint);
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _tcp = new TcpListener(EndPoint);
        _tcp.Start();
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    /// <summary>Where the proxy listens, UDP and TCP.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// Answers every later query for <paramref name="name"/> <paramref name="type"/> (in any case) with
    /// <paramref name="response"/>'s response code and sections, under the query's ID, question, RD and CD bits and
    /// DO bit; RA is set and AA and AD are not, as a recursive resolver answers.
    /// </summary>
    public void Forge(DnsName name, RecordType type, DnsMessage response) => _forgeries[(name.ToLowerCase(), type)] = new Forgery(response);

    /// <summary>How many times the forged answer for <paramref name="name"/> <paramref name="type"/> has been sent.</summary>
    public int Served(DnsName name, RecordType type) => _forgeries.TryGetValue((name.ToLowerCase(), type), out Forgery? forgery) ? forgery.Served : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await _udpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _tcpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>The forged response to <paramref name="query"/>, or null to pass it through.</summary>
    private byte[]? Forged(byte[] query)
    {
        DnsMessage parsed;
        try
        {
            parsed = DnsMessage.Parse(query);
        }
        catch (DnsFormatException)
        {
            return null;
        }

        if (parsed.Questions.Count != 1 || !_forgeries.TryGetValue((parsed.Questions[0].Name.ToLowerCase(), parsed.Questions[0].Type), out Forgery? forgery))
        {
            return null;
        }

        var response = new DnsMessage
        {
            Id = parsed.Id,
            Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionAvailable | (parsed.Flags & (DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled)),
            ResponseCode = forgery.Template.ResponseCode,
            Edns = parsed.Edns is null ? null : new EdnsRecord { DnssecOk = parsed.Edns.DnssecOk },
        };
        response.Questions.AddRange(parsed.Questions);
        response.Answers.AddRange(forgery.Template.Answers);
        response.Authorities.AddRange(forgery.Template.Authorities);
        response.Additionals.AddRange(forgery.Template.Additionals);
        forgery.Count();
        return response.ToArray();
    }

    private async Task UdpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received = await _udp.ReceiveAsync(_stop.Token);
            // Each query on its own task: a slow upstream answer must not hold up the forged ones.
            _ = Task.Run(() => AnswerUdpAsync(received.Buffer, received.RemoteEndPoint));
        }
    }

    private async Task AnswerUdpAsync(byte[] query, IPEndPoint client)
    {
        try
        {
            byte[]? reply = Forged(query) ?? await RelayUdpAsync(query);
            if (reply is not null)
            {
                await _udp.SendAsync(reply, client, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client retries or times out, as it would with a lost datagram.
        }
    }

    private async Task<byte[]?> RelayUdpAsync(byte[] query)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(UpstreamTimeout);
        using var socket = new UdpClient(_upstream.AddressFamily);
        socket.Connect(_upstream);
        await socket.SendAsync(query, timeout.Token);
        while (true)
        {
            UdpReceiveResult answer = await socket.ReceiveAsync(timeout.Token);
            if (answer.Buffer.Length >= DnsHeader.Size && answer.Buffer[0] == query[0] && answer.Buffer[1] == query[1])
            {
                return answer.Buffer;
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeTcpAsync(client));
        }
    }

    private async Task ServeTcpAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                while (await ReadFramedAsync(stream, _stop.Token) is { } query)
                {
                    byte[] reply = Forged(query) ?? await RelayTcpAsync(query);
                    await WriteFramedAsync(stream, reply, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client sees the connection close, as with a server that gave up.
            }
        }
    }

    private async Task<byte[]> RelayTcpAsync(byte[] query)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(UpstreamTimeout);
        using var upstream = new TcpClient(_upstream.AddressFamily);
        await upstream.ConnectAsync(_upstream, timeout.Token);
        NetworkStream stream = upstream.GetStream();
        await WriteFramedAsync(stream, query, timeout.Token);
        return await ReadFramedAsync(stream, timeout.Token) ?? throw new IOException($"{_upstream} closed the connection without answering");
    }

    private static async Task<byte[]?> ReadFramedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[2];
        if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken) < 2)
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, cancellationToken);
        return message;
    }

    private static async Task WriteFramedAsync(NetworkStream stream, byte[] message, CancellationToken cancellationToken)
    {
        byte[] framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken);
    }

    /// <summary>A forged answer and how often it went out.</summary>
    private sealed class Forgery(DnsMessage template)
    {
        private int _served;

        public DnsMessage Template { get; } = template;

        public int Served => Volatile.Read(ref _served);

        public void Count() => Interlocked.Increment(ref _served);
    }
}
