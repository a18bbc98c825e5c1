using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A minimal DNS client for tests that talk to real servers on loopback: one UDP query with retries, and TCP when the
/// answer comes back truncated. Independent of the resolver under test, so that it can be the referee.
/// </summary>
public static class LoopbackDnsClient
{
    /// <summary>How long one UDP attempt or the TCP exchange may take.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);

    private const int Attempts = 3;

    /// <summary>Asks <paramref name="server"/> one question and returns its parsed response.</summary>
    /// <exception cref="TimeoutException">No matching response after every attempt.</exception>
    public static DnsMessage Query(
        IPEndPoint server,
        DnsName name,
        RecordType type,
        DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired,
        bool dnssecOk = true)
    {
        ushort id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        byte[] query = DnsMessage.CreateQuery(id, name, type, flags, dnssecOk).ToArray();
        DnsMessage response = QueryUdp(server, query, id, name, type);
        return (response.Flags & DnsHeaderFlags.Truncated) != 0 ? QueryTcp(server, query, id, name, type) : response;
    }

    private static DnsMessage QueryUdp(IPEndPoint server, byte[] query, ushort id, DnsName name, RecordType type)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        byte[] buffer = new byte[65535];
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            socket.Send(query);
            DateTime deadline = DateTime.UtcNow + AttemptTimeout;
            while (DateTime.UtcNow < deadline)
            {
                int remaining = (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);
                if (!socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
                {
                    break;
                }

                int length;
                try
                {
                    length = socket.Receive(buffer);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    throw new InvalidOperationException($"Nothing listens on {server} (UDP)", e);
                }

                if (Matches(buffer.AsSpan(0, length), id))
                {
                    return Check(DnsMessage.Parse(buffer.AsSpan(0, length)), name, type, server);
                }
            }
        }

        throw new TimeoutException($"{server} did not answer {name} {type} over UDP in {Attempts} attempts of {AttemptTimeout.TotalSeconds} s");
    }

    private static DnsMessage QueryTcp(IPEndPoint server, byte[] query, ushort id, DnsName name, RecordType type)
    {
        using var cancel = new CancellationTokenSource(AttemptTimeout);
        using var client = new TcpClient(server.AddressFamily);
        try
        {
            client.ConnectAsync(server, cancel.Token).AsTask().GetAwaiter().GetResult();
            NetworkStream stream = client.GetStream();
            byte[] framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            stream.WriteAsync(framed, cancel.Token).AsTask().GetAwaiter().GetResult();
            byte[] prefix = new byte[2];
            stream.ReadExactlyAsync(prefix, cancel.Token).AsTask().GetAwaiter().GetResult();
            byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            stream.ReadExactlyAsync(message, cancel.Token).AsTask().GetAwaiter().GetResult();
            if (!Matches(message, id))
            {
                throw new InvalidDataException($"{server} answered {name} {type} over TCP with another ID");
            }

            return Check(DnsMessage.Parse(message), name, type, server);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"{server} did not answer {name} {type} over TCP in {AttemptTimeout.TotalSeconds} s", e);
        }
    }

    private static bool Matches(ReadOnlySpan<byte> response, ushort id) =>
        response.Length >= DnsHeader.Size && BinaryPrimitives.ReadUInt16BigEndian(response) == id && (response[2] & 0x80) != 0;

    private static DnsMessage Check(DnsMessage response, DnsName name, RecordType type, IPEndPoint server)
    {
        if (response.Questions.Count != 1 || response.Questions[0].Name != name || response.Questions[0].Type != type)
        {
            throw new InvalidDataException($"{server} answered another question than {name} {type}");
        }

        return response;
    }
}
