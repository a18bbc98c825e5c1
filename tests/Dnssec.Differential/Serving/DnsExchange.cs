using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Differential.Serving;

/// <summary>
/// A plain DNS client for loopback servers, independent of the resolver under test so that it can be the referee: UDP
/// with retries, TCP when the answer is truncated, and raw exchanges for the proxy's relaying.
/// </summary>
public static class DnsExchange
{
    /// <summary>How long one UDP attempt, or the TCP exchange, may take.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private const int Attempts = 3;

    /// <summary>Asks <paramref name="server"/> one question with a random ID, over UDP and then TCP when truncated.</summary>
    /// <exception cref="TimeoutException">No answer after every attempt.</exception>
    public static async Task<DnsMessage> QueryAsync(IPEndPoint server, DnsName name, RecordType type, DnsHeaderFlags flags, bool dnssecOk, CancellationToken cancellationToken)
    {
        ushort id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        byte[] query = DnsMessage.CreateQuery(id, name, type, flags, dnssecOk).ToArray();
        byte[] response = await UdpAsync(server, query, cancellationToken).ConfigureAwait(false);
        DnsMessage message = DnsMessage.Parse(response);
        if ((message.Flags & DnsHeaderFlags.Truncated) != 0)
        {
            message = DnsMessage.Parse(await TcpAsync(server, query, cancellationToken).ConfigureAwait(false));
        }

        return message;
    }

    /// <summary>Sends <paramref name="query"/> over UDP and returns the first response with its ID.</summary>
    public static async Task<byte[]> UdpAsync(IPEndPoint server, byte[] query, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[65535];
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(AttemptTimeout);
            try
            {
                while (true)
                {
                    int length = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token).ConfigureAwait(false);
                    if (length >= DnsHeader.Size && buffer[0] == query[0] && buffer[1] == query[1] && (buffer[2] & 0x80) != 0)
                    {
                        return buffer[..length];
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This attempt timed out: send again.
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                throw new InvalidOperationException($"nothing listens on {server} (UDP)", e);
            }
        }

        throw new TimeoutException($"{server} did not answer over UDP in {Attempts} attempts of {AttemptTimeout.TotalSeconds:F0} s");
    }

    /// <summary>Sends <paramref name="query"/> over a new TCP connection and returns the response.</summary>
    public static async Task<byte[]> TcpAsync(IPEndPoint server, byte[] query, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AttemptTimeout);
        using var client = new TcpClient(server.AddressFamily);
        try
        {
            await client.ConnectAsync(server, limit.Token).ConfigureAwait(false);
            NetworkStream stream = client.GetStream();
            await WriteFramedAsync(stream, query, limit.Token).ConfigureAwait(false);
            return await ReadFramedAsync(stream, limit.Token).ConfigureAwait(false) ?? throw new IOException($"{server} closed the TCP connection without answering");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{server} did not answer over TCP in {AttemptTimeout.TotalSeconds:F0} s", e);
        }
    }

    /// <summary>Reads one length-prefixed message (RFC 1035 §4.2.2); null when the peer closed the connection.</summary>
    public static async Task<byte[]?> ReadFramedAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[2];
        if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < 2)
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>Writes one length-prefixed message.</summary>
    public static async Task WriteFramedAsync(Stream stream, byte[] message, CancellationToken cancellationToken)
    {
        byte[] framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }
}
