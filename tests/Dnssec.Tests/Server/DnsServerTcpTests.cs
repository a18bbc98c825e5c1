using System.Net.Sockets;
using Dnssec.Server;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// The TCP listener as RFC 7766 asks: pipelined queries answered as they finish and matched by ID, idle and slow
/// connections closed, broken frames harmless, and the connection cap.
/// </summary>
public class DnsServerTcpTests
{
    [Fact]
    public async Task Tcp_PipelinedQueriesOneSlow_AnsweredOutOfOrderAndMatchedById()
    {
        GatedResolver? gate = null;
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(wrap: inner => gate = new GatedResolver(inner));
        using TcpClient client = await ServerClient.ConnectAsync(served.EndPoint);
        NetworkStream stream = client.GetStream();

        // RFC 7766 §6.2.1.1: three queries in one write; the first is held until the other two are answered.
        byte[] batch = [
            .. ServerClient.Frame(ServedHierarchy.Query(1, GatedResolver.SlowName, RecordType.A)),
            .. ServerClient.Frame(ServedHierarchy.Query(2, "www.example.test.", RecordType.A)),
            .. ServerClient.Frame(ServedHierarchy.Query(3, "www.unsigned.test.", RecordType.A)),
        ];
        await stream.WriteAsync(batch);
        await gate!.Entered;
        DnsMessage second = DnsMessage.Parse((await ServerClient.ReadFrameAsync(stream))!);
        DnsMessage third = DnsMessage.Parse((await ServerClient.ReadFrameAsync(stream))!);
        gate.Release();
        DnsMessage first = DnsMessage.Parse((await ServerClient.ReadFrameAsync(stream))!);

        Assert.Equal(new ushort[] { 2, 3 }, new[] { second.Id, third.Id }.Order());
        Dictionary<ushort, DnsMessage> byId = new[] { first, second, third }.ToDictionary(m => m.Id);
        Assert.Equal(1, first.Id);
        Assert.Equal(DnsName.Parse(GatedResolver.SlowName), byId[1].Questions[0].Name);
        Assert.Equal(DnsName.Parse("www.example.test."), byId[2].Questions[0].Name);
        Assert.Equal(DnsName.Parse("www.unsigned.test."), byId[3].Questions[0].Name);
        Assert.True(byId[1].Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.True(byId[2].Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.False(byId[3].Flags.HasFlag(DnsHeaderFlags.AuthenticData));
    }

    [Fact]
    public async Task Tcp_SeveralQueriesInTurn_OneConnectionAnswersAll()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        using TcpClient client = await ServerClient.ConnectAsync(served.EndPoint);
        NetworkStream stream = client.GetStream();

        for (ushort id = 1; id <= 5; id++)
        {
            await stream.WriteAsync(ServerClient.Frame(ServedHierarchy.Query(id, "www.example.test.", RecordType.A)));
            byte[] response = (await ServerClient.ReadFrameAsync(stream))!;
            Assert.Equal(id, ServerClient.IdOf(response));
        }
    }

    [Fact]
    public async Task Tcp_IdleConnection_ClosedAfterTheIdleTimeout()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { TcpIdleTimeout = TimeSpan.FromMilliseconds(300) });
        using TcpClient client = await ServerClient.ConnectAsync(served.EndPoint);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(ServerClient.Frame(ServedHierarchy.Query(1, "www.example.test.", RecordType.A)));
        Assert.NotNull(await ServerClient.ReadFrameAsync(stream));

        // RFC 7766 §6.2.3: the server closes a connection that stays idle; the client sees the end of the stream.
        Assert.True(await ServerClient.ClosedByServerAsync(stream));
    }

    [Fact]
    public async Task Tcp_SlowSender_ClosedBeforeTheQueryIsWhole()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { TcpIdleTimeout = TimeSpan.FromMilliseconds(300) });
        using TcpClient client = await ServerClient.ConnectAsync(served.EndPoint);
        NetworkStream stream = client.GetStream();
        byte[] framed = ServerClient.Frame(ServedHierarchy.Query(1, "www.example.test.", RecordType.A));
        Task<bool> closed = ServerClient.ClosedByServerAsync(stream);

        // Slowloris: the prefix, then one octet per 100 ms — each faster than the idle timeout, the whole far slower.
        await stream.WriteAsync(framed.AsMemory(0, 2));
        int sent = 2;
        try
        {
            while (sent < framed.Length && !closed.IsCompleted)
            {
                await Task.WhenAny(closed, Task.Delay(TimeSpan.FromMilliseconds(100)));
                if (!closed.IsCompleted)
                {
                    await stream.WriteAsync(framed.AsMemory(sent++, 1));
                }
            }
        }
        catch (IOException)
        {
            // Writing to a connection the server has closed fails: that is what is asserted below.
        }

        Assert.True(await closed, "data came back instead of the close");
        Assert.True(sent < framed.Length, "the whole query was sent before the server closed the connection");
    }

    [Fact]
    public async Task Tcp_TruncatedFrame_HarmsNothingAndTheNextClientIsAnswered()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        using (TcpClient broken = await ServerClient.ConnectAsync(served.EndPoint))
        {
            // A prefix promising 100 octets, ten of them, and the close.
            byte[] partial = [0, 100, .. new byte[10]];
            await broken.GetStream().WriteAsync(partial);
        }

        DnsMessage overTcp = await ServerClient.TcpAsync(served.EndPoint, ServedHierarchy.Query(2, "www.example.test.", RecordType.A));
        DnsMessage overUdp = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(3, "www.example.test.", RecordType.A));

        Assert.Equal(DnsResponseCode.NoError, overTcp.ResponseCode);
        Assert.Equal(DnsResponseCode.NoError, overUdp.ResponseCode);
    }

    [Fact]
    public async Task Tcp_GarbageFrame_FormerrAndTheConnectionServesOn()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();
        using TcpClient client = await ServerClient.ConnectAsync(served.EndPoint);
        NetworkStream stream = client.GetStream();

        await stream.WriteAsync(ServerClient.Frame([0x77, 0x77, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]));
        DnsMessage formErr = DnsMessage.Parse((await ServerClient.ReadFrameAsync(stream))!);
        await stream.WriteAsync(ServerClient.Frame(ServedHierarchy.Query(8, "www.example.test.", RecordType.A)));
        DnsMessage answer = DnsMessage.Parse((await ServerClient.ReadFrameAsync(stream))!);

        Assert.Equal(DnsResponseCode.FormErr, formErr.ResponseCode);
        Assert.Equal(0x7777, formErr.Id);
        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.Equal(8, answer.Id);
    }

    [Fact]
    public async Task Tcp_MoreConnectionsThanTheCap_TheExtraClosedAtOnceTheFirstServedOn()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { MaximumTcpConnections = 2 });
        using TcpClient first = await ServerClient.ConnectAsync(served.EndPoint);
        using TcpClient second = await ServerClient.ConnectAsync(served.EndPoint);
        // An answer on each shows that the server has taken both connections before the third arrives.
        foreach ((TcpClient client, ushort id) in new[] { (first, (ushort)1), (second, (ushort)2) })
        {
            await client.GetStream().WriteAsync(ServerClient.Frame(ServedHierarchy.Query(id, "www.example.test.", RecordType.A)));
            Assert.NotNull(await ServerClient.ReadFrameAsync(client.GetStream()));
        }

        using TcpClient extra = await ServerClient.ConnectAsync(served.EndPoint);
        Assert.True(await ServerClient.ClosedByServerAsync(extra.GetStream()), "the connection beyond the cap was answered");

        foreach ((TcpClient client, ushort id) in new[] { (first, (ushort)3), (second, (ushort)4) })
        {
            await client.GetStream().WriteAsync(ServerClient.Frame(ServedHierarchy.Query(id, "www.example.test.", RecordType.A)));
            byte[] response = (await ServerClient.ReadFrameAsync(client.GetStream()))!;
            Assert.Equal(id, ServerClient.IdOf(response));
        }
    }

    [Fact]
    public async Task Tcp_ConnectionClosedAfterTheCap_ItsPlaceIsFreeAgain()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(new DnsServerOptions { MaximumTcpConnections = 1, TcpIdleTimeout = TimeSpan.FromMilliseconds(300) });
        using (TcpClient first = await ServerClient.ConnectAsync(served.EndPoint))
        {
            await first.GetStream().WriteAsync(ServerClient.Frame(ServedHierarchy.Query(1, "www.example.test.", RecordType.A)));
            Assert.NotNull(await ServerClient.ReadFrameAsync(first.GetStream()));
            // Waiting for the server's own close (the idle timeout) shows that it has let the connection go.
            Assert.True(await ServerClient.ClosedByServerAsync(first.GetStream()));
        }

        DnsMessage next = await ServerClient.TcpAsync(served.EndPoint, ServedHierarchy.Query(2, "www.example.test.", RecordType.A));

        Assert.Equal(DnsResponseCode.NoError, next.ResponseCode);
    }
}
