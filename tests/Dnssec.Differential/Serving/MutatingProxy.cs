using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Differential.Serving;

/// <summary>
/// A recursive upstream on loopback (UDP and TCP) in front of a hierarchy's non-validating Unbound: every query is
/// passed on, and the answer comes back through the hierarchy's <see cref="WireMutator"/>. The validating Unbound
/// forwards to it, and our resolver in stub mode and delv ask it, so all three see the same bytes. A mutated answer
/// that no longer fits the client's UDP size goes back truncated and empty, and the client asks again over TCP.
/// </summary>
public sealed class MutatingProxy : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly WireMutator _mutator;
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    /// <summary>Listens on <paramref name="endPoint"/> and relays to <paramref name="upstream"/> through <paramref name="mutator"/>.</summary>
    public MutatingProxy(IPEndPoint endPoint, IPEndPoint upstream, WireMutator mutator)
    {
        _upstream = upstream;
        _mutator = mutator;
        _udp = new UdpClient(endPoint);
        _tcp = new TcpListener(endPoint);
        _tcp.Start();
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    /// <summary>The mutations this proxy applies.</summary>
    public WireMutator Mutator => _mutator;

    /// <summary>Stops listening and waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        _tcp.Stop();
        await _udpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _tcpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task UdpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // An ICMP error from an earlier reply to a client that went away: keep serving.
                continue;
            }

            // Each query on its own task, so that a slow upstream answer holds up no other.
            _ = Task.Run(() => AnswerUdpAsync(received.Buffer, received.RemoteEndPoint));
        }
    }

    private async Task AnswerUdpAsync(byte[] query, IPEndPoint client)
    {
        try
        {
            byte[] answer = await DnsExchange.UdpAsync(_upstream, query, _stop.Token).ConfigureAwait(false);
            byte[] reply = await MutateAsync(query, answer).ConfigureAwait(false) ?? answer;
            if (reply.Length > UdpLimit(query))
            {
                reply = Truncated(reply);
            }

            await _udp.SendAsync(reply, client, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException or InvalidOperationException or DnsFormatException)
        {
            // As a lost datagram: the client asks again or gives up.
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _tcp.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
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
                while (await DnsExchange.ReadFramedAsync(stream, _stop.Token).ConfigureAwait(false) is { } query)
                {
                    byte[] answer = await DnsExchange.TcpAsync(_upstream, query, _stop.Token).ConfigureAwait(false);
                    byte[] reply = await MutateAsync(query, answer).ConfigureAwait(false) ?? answer;
                    await DnsExchange.WriteFramedAsync(stream, reply, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException or DnsFormatException)
            {
                // The client sees the connection close, as with a server that gave up.
            }
        }
    }

    private async Task<byte[]?> MutateAsync(byte[] query, byte[] answer)
    {
        if (!_mutator.IsActive)
        {
            return null;
        }

        DnsMessage parsed = DnsMessage.Parse(query);
        if (parsed.Questions.Count != 1)
        {
            return null;
        }

        return await _mutator.MutateAsync(parsed.Questions[0], answer, FetchAsync).ConfigureAwait(false);
    }

    /// <summary>Asks the upstream a question of the proxy's own, for forgeries made of real records.</summary>
    private async Task<DnsMessage?> FetchAsync(DnsName name, RecordType type)
    {
        try
        {
            return await DnsExchange.QueryAsync(_upstream, name, type, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled, dnssecOk: true, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or DnsFormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>The UDP payload the client said it takes (RFC 6891 §6.2.5), at least 512 octets.</summary>
    private static int UdpLimit(byte[] query)
    {
        try
        {
            return Math.Max(512, (int?)DnsMessage.Parse(query).Edns?.UdpPayloadSize ?? 512);
        }
        catch (DnsFormatException)
        {
            return 512;
        }
    }

    /// <summary>The header and question of <paramref name="reply"/> with TC set and no records, and its OPT record.</summary>
    private static byte[] Truncated(byte[] reply)
    {
        DnsMessage message = DnsMessage.Parse(reply);
        message.Flags |= DnsHeaderFlags.Truncated;
        message.Answers.Clear();
        message.Authorities.Clear();
        message.Additionals.Clear();
        return message.ToArray();
    }
}
