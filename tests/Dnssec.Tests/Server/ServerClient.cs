using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// Raw UDP and TCP clients for <see cref="Dnssec.Server.DnsServer"/> tests, so that malformed input and framing can be
/// sent as they are. Every wait has a generous guard against a hang; none is a timing assertion.
/// </summary>
internal static class ServerClient
{
    /// <summary>How long a test waits for something that must happen before calling it a hang.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>A UDP socket connected to <paramref name="server"/>, so that only its datagrams arrive.</summary>
    public static Socket Udp(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        return socket;
    }

    /// <summary>Sends one datagram and returns the first datagram that comes back.</summary>
    public static async Task<byte[]> ExchangeUdpAsync(IPEndPoint server, byte[] query)
    {
        using Socket socket = Udp(server);
        await socket.SendAsync(query);
        return await ReceiveAsync(socket);
    }

    /// <summary>Sends one query over UDP and parses the response.</summary>
    public static async Task<DnsMessage> UdpAsync(IPEndPoint server, byte[] query) => DnsMessage.Parse(await ExchangeUdpAsync(server, query));

    /// <summary>The next datagram on <paramref name="socket"/>.</summary>
    public static async Task<byte[]> ReceiveAsync(Socket socket, TimeSpan? wait = null)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        using var guard = new CancellationTokenSource(wait ?? HangGuard);
        int length = await socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token);
        return buffer[..length];
    }

    /// <summary>A TCP connection to <paramref name="server"/>.</summary>
    public static async Task<TcpClient> ConnectAsync(IPEndPoint server)
    {
        var client = new TcpClient(server.AddressFamily);
        await client.ConnectAsync(server);
        return client;
    }

    /// <summary>One query over a new TCP connection, and its parsed response.</summary>
    public static async Task<DnsMessage> TcpAsync(IPEndPoint server, byte[] query)
    {
        using TcpClient client = await ConnectAsync(server);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Frame(query));
        byte[] response = await ReadFrameAsync(stream) ?? throw new InvalidDataException("The server closed the connection without answering.");
        return DnsMessage.Parse(response);
    }

    /// <summary>A message with its two-octet length prefix (RFC 1035 §4.2.2).</summary>
    public static byte[] Frame(byte[] message)
    {
        byte[] framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    /// <summary>The next length-prefixed message, or null when the server closed the connection first.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        byte[] prefix = new byte[2];
        if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, guard.Token) < 2)
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, guard.Token);
        return message;
    }

    /// <summary>Waits until the server closes the connection: true when it did (end of stream or reset), false when data came instead.</summary>
    public static async Task<bool> ClosedByServerAsync(Stream stream)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        byte[] buffer = new byte[512];
        try
        {
            return await stream.ReadAsync(buffer, guard.Token) == 0;
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
    }

    /// <summary>The ID of a response, read from its first two octets.</summary>
    public static ushort IdOf(byte[] message) => BinaryPrimitives.ReadUInt16BigEndian(message);
}
