using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// A real UDP (and optionally TCP) DNS server on 127.0.0.1 that answers from an in-process hierarchy like a recursive
/// resolver, then misbehaves as told: the small hostile upstreams the resolver must survive.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly InMemoryAuthority _authority;
    private readonly UdpClient _udp;
    private readonly TcpListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task? _tcpLoop;
    private int _queries;

    public HostileServer(InMemoryAuthority authority, Func<DnsMessage, DnsMessage?, byte[][]> behaviour, bool tcp = false)
    {
        _authority = authority;
        Behaviour = behaviour;
        if (tcp)
        {
            (_udp, _tcp) = LoopbackPorts.BindUdpAndTcp(IPAddress.Loopback);
            _tcpLoop = Task.Run(TcpLoopAsync);
        }
        else
        {
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        }

        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;

        _udpLoop = Task.Run(UdpLoopAsync);
    }

    /// <summary>Given the query and the honest response (null when the hierarchy has none), the datagrams to send back.</summary>
    public Func<DnsMessage, DnsMessage?, byte[][]> Behaviour { get; set; }

    /// <summary>TCP answers honestly unless this says otherwise.</summary>
    public Func<DnsMessage, DnsMessage?, byte[]?>? TcpBehaviour { get; set; }

    public IPEndPoint EndPoint { get; }

    public int Queries => _queries;

    /// <summary>The honest response, as bytes, with the query's ID and question.</summary>
    public static byte[] Honest(DnsMessage query, DnsMessage? response) => Echo(query, response ?? new DnsMessage { ResponseCode = DnsResponseCode.ServFail }).ToArray();

    /// <summary>Copies the query's ID and question (in its case) onto a response.</summary>
    public static DnsMessage Echo(DnsMessage query, DnsMessage response)
    {
        response.Id = query.Id;
        response.Flags |= DnsHeaderFlags.Response;
        response.Questions.Clear();
        response.Questions.AddRange(query.Questions);
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp?.Stop();
        await _udpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_tcpLoop is not null)
        {
            await _tcpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private DnsMessage? Answer(DnsMessage query) => query.Questions.Count == 1 ? _authority.Resolve(query.Questions[0]) : null;

    private async Task UdpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received = await _udp.ReceiveAsync(_stop.Token);
            Interlocked.Increment(ref _queries);
            DnsMessage query = DnsMessage.Parse(received.Buffer);
            foreach (byte[] datagram in Behaviour(query, Answer(query)))
            {
                await _udp.SendAsync(datagram, received.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _tcp!.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    NetworkStream stream = client.GetStream();
                    byte[] length = new byte[2];
                    while (await ReadAsync(stream, length))
                    {
                        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                        if (!await ReadAsync(stream, message))
                        {
                            break;
                        }

                        Interlocked.Increment(ref _queries);
                        DnsMessage query = DnsMessage.Parse(message);
                        DnsMessage? honest = Answer(query);
                        byte[]? reply = TcpBehaviour is null ? Honest(query, honest) : TcpBehaviour(query, honest);
                        if (reply is null)
                        {
                            continue;
                        }

                        byte[] framed = new byte[reply.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                        reply.CopyTo(framed, 2);
                        await stream.WriteAsync(framed, _stop.Token);
                    }
                }
            });
        }
    }

    private async Task<bool> ReadAsync(NetworkStream stream, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int count = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
