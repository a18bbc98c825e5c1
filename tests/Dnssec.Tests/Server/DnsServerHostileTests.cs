using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Server;

/// <summary>Floods and exhaustion: the server keeps answering the honest client and queues nothing without bound.</summary>
public class DnsServerHostileTests
{
    [Fact]
    public async Task Udp_TenThousandGarbageDatagrams_AnotherClientIsAnsweredThroughout()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        using Socket flooder = ServerClient.Udp(served.EndPoint);
        var random = new Random(20240615);
        int sentGarbage = 0;
        using var flooding = new CancellationTokenSource();
        Task flood = Task.Run(async () =>
        {
            byte[] datagram = new byte[64];
            for (; sentGarbage < 10_000; sentGarbage++)
            {
                random.NextBytes(datagram);
                int length = random.Next(datagram.Length + 1);
                if (length > 2 && sentGarbage % 2 == 0)
                {
                    // Half of them look like queries (QR clear), so that they are parsed, not just dropped.
                    datagram[2] &= 0x7F;
                }

                await flooder.SendAsync(datagram.AsMemory(0, length));
            }
        });

        int answered = 0;
        for (ushort id = 1; !flood.IsCompleted || answered < 20; id++)
        {
            DnsMessage response = await QueryWithRetriesAsync(served.EndPoint, ServedHierarchy.Query(id, "www.example.test.", RecordType.A), id);
            Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
            Assert.True(response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
            answered++;
        }

        await flood;
        Assert.Equal(10_000, sentGarbage);
    }

    [Fact]
    public async Task AnswerAsync_FloodFromOneAddressWithRateLimit_FlooderDroppedOthersAnswered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { RateLimit = 10 }, serverClock: clock, start: false);
        var flooder = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5353);
        var neighbour = new IPEndPoint(IPAddress.Parse("127.0.0.3"), 5353);
        byte[] query = ServedHierarchy.Query(1, "www.example.test.", RecordType.A);

        int flooderAnswered = 0;
        for (int i = 0; i < 100; i++)
        {
            flooderAnswered += await served.Server.AnswerAsync(query, flooder, TransportProtocol.Udp) is null ? 0 : 1;
        }

        byte[]? neighbourResponse = await served.Server.AnswerAsync(query, neighbour, TransportProtocol.Udp);
        clock.Advance(TimeSpan.FromSeconds(1));
        byte[]? flooderLater = await served.Server.AnswerAsync(query, flooder, TransportProtocol.Udp);

        // One second's worth as a burst, then nothing until the bucket refills; other addresses have their own bucket.
        Assert.Equal(10, flooderAnswered);
        Assert.Equal(DnsResponseCode.NoError, DnsMessage.Parse(Assert.IsType<byte[]>(neighbourResponse)).ResponseCode);
        Assert.NotNull(flooderLater);
    }

    [Fact]
    public async Task AnswerAsync_ResolutionCapReached_UdpDroppedTcpServfail()
    {
        GatedResolver? gate = null;
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { MaximumConcurrentResolutions = 1 }, inner => gate = new GatedResolver(inner), start: false);
        var client = new IPEndPoint(IPAddress.Loopback, 5353);
        Task<byte[]?> held = served.Server.AnswerAsync(ServedHierarchy.Query(1, GatedResolver.SlowName, RecordType.A), client, TransportProtocol.Udp).AsTask();
        await gate!.Entered;

        byte[]? udp = await served.Server.AnswerAsync(ServedHierarchy.Query(2, "www.example.test.", RecordType.A), client, TransportProtocol.Udp);
        byte[]? tcp = await served.Server.AnswerAsync(ServedHierarchy.Query(3, "www.example.test.", RecordType.A), client, TransportProtocol.Tcp);
        gate.Release();
        byte[]? first = await held;
        byte[]? after = await served.Server.AnswerAsync(ServedHierarchy.Query(4, "www.example.test.", RecordType.A), client, TransportProtocol.Udp);

        // UDP: the client retries, so nothing is lost by dropping; TCP: the client waits, so it is told at once.
        Assert.Null(udp);
        DnsMessage busy = DnsMessage.Parse(Assert.IsType<byte[]>(tcp));
        Assert.Equal(DnsResponseCode.ServFail, busy.ResponseCode);
        Assert.Equal(3, busy.Id);
        Assert.Equal(DnsResponseCode.NoError, DnsMessage.Parse(Assert.IsType<byte[]>(first)).ResponseCode);
        Assert.Equal(DnsResponseCode.NoError, DnsMessage.Parse(Assert.IsType<byte[]>(after)).ResponseCode);
    }

    [Fact]
    public async Task Tcp_ResolutionCapReached_ServfailAtOnceWhileTheHeldAnswerStillComes()
    {
        GatedResolver? gate = null;
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { MaximumConcurrentResolutions = 1 }, inner => gate = new GatedResolver(inner));
        using Socket udp = ServerClient.Udp(served.EndPoint);
        await udp.SendAsync(ServedHierarchy.Query(1, GatedResolver.SlowName, RecordType.A));
        await gate!.Entered;

        DnsMessage overTcp = await ServerClient.TcpAsync(served.EndPoint, ServedHierarchy.Query(2, "www.example.test.", RecordType.A));
        gate.Release();
        byte[] held = await ServerClient.ReceiveAsync(udp);

        Assert.Equal(DnsResponseCode.ServFail, overTcp.ResponseCode);
        Assert.Equal(2, overTcp.Id);
        Assert.Equal(1, ServerClient.IdOf(held));
    }

    /// <summary>A stub's retransmission: the query again after a second without an answer, as often as needed.</summary>
    private static async Task<DnsMessage> QueryWithRetriesAsync(IPEndPoint server, byte[] query, ushort id)
    {
        using Socket socket = ServerClient.Udp(server);
        for (int attempt = 0; attempt < 30; attempt++)
        {
            await socket.SendAsync(query);
            try
            {
                while (true)
                {
                    byte[] response = await ServerClient.ReceiveAsync(socket, TimeSpan.FromSeconds(1));
                    if (ServerClient.IdOf(response) == id)
                    {
                        return DnsMessage.Parse(response);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Lost in the flood (a full socket buffer): ask again.
            }
        }

        throw new TimeoutException($"query {id} was never answered");
    }
}
