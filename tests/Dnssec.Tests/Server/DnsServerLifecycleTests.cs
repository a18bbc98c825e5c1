using System.Net;
using System.Net.Sockets;
using Dnssec.Server;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>Starting and stopping: binding errors name the address, answers under way survive a stop, the port is freed.</summary>
public class DnsServerLifecycleTests
{
    [Fact]
    public async Task StopAsync_UdpAnswerUnderWay_StillSentThenThePortIsFree()
    {
        GatedResolver? gate = null;
        ServedHierarchy served = await ServedHierarchy.StartAsync(wrap: inner => gate = new GatedResolver(inner));
        await using (served)
        {
            IPEndPoint endPoint = served.EndPoint;
            using Socket client = ServerClient.Udp(endPoint);
            await client.SendAsync(ServedHierarchy.Query(31, GatedResolver.SlowName, RecordType.A));
            await gate!.Entered;

            Task stopping = served.Server.StopAsync();
            Assert.False(stopping.IsCompleted, "the server stopped without waiting for the answer under way");
            gate.Release();
            byte[] response = await ServerClient.ReceiveAsync(client);
            await stopping;

            Assert.Equal(31, ServerClient.IdOf(response));
            Assert.Equal(DnsResponseCode.NoError, DnsMessage.Parse(response).ResponseCode);
            AssertFree(endPoint);
        }
    }

    [Fact]
    public async Task StopAsync_TcpAnswerUnderWay_StillSentThenThePortIsFree()
    {
        GatedResolver? gate = null;
        ServedHierarchy served = await ServedHierarchy.StartAsync(wrap: inner => gate = new GatedResolver(inner));
        await using (served)
        {
            IPEndPoint endPoint = served.EndPoint;
            using TcpClient client = await ServerClient.ConnectAsync(endPoint);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync(ServerClient.Frame(ServedHierarchy.Query(32, GatedResolver.SlowName, RecordType.A)));
            await gate!.Entered;

            Task stopping = served.Server.StopAsync();
            gate.Release();
            byte[]? response = await ServerClient.ReadFrameAsync(stream);
            bool closed = await ServerClient.ClosedByServerAsync(stream);
            await stopping;

            Assert.NotNull(response);
            Assert.Equal(32, ServerClient.IdOf(response));
            Assert.True(closed, "the connection stayed open after the server stopped");
            AssertFree(endPoint);
        }
    }

    [Fact]
    public async Task StartAsync_IPv4AndIPv6Loopback_BothAnsweredOverUdpAndTcp()
    {
        var options = new DnsServerOptions();
        options.Listen.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.Listen.Add(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(options);

        Assert.Equal(2, served.Server.LocalEndPoints.Count);
        Assert.Equal(AddressFamily.InterNetworkV6, served.Server.LocalEndPoints[1].AddressFamily);
        foreach (IPEndPoint endPoint in served.Server.LocalEndPoints)
        {
            byte[] query = ServedHierarchy.Query(41, "www.example.test.", RecordType.A);
            DnsMessage udp = await ServerClient.UdpAsync(endPoint, query);
            DnsMessage tcp = await ServerClient.TcpAsync(endPoint, query);

            Assert.True(udp.Flags.HasFlag(DnsHeaderFlags.AuthenticData), $"{endPoint} over UDP");
            Assert.True(tcp.Flags.HasFlag(DnsHeaderFlags.AuthenticData), $"{endPoint} over TCP");
        }
    }

    [Fact]
    public async Task StopAsync_Idle_ThePortIsFreeAndNothingAnswers()
    {
        ServedHierarchy served = await ServedHierarchy.StartAsync();
        await using (served)
        {
            IPEndPoint endPoint = served.EndPoint;

            await served.Server.StopAsync();

            AssertFree(endPoint);
            await Assert.ThrowsAnyAsync<SocketException>(() => ServerClient.ConnectAsync(endPoint));
        }
    }

    [Theory]
    [InlineData(ProtocolType.Tcp, "tcp")]
    [InlineData(ProtocolType.Udp, "udp")]
    public async Task StartAsync_PortInUse_IOExceptionNamingTheAddress(ProtocolType taken, string what)
    {
        using Socket squatter = new(AddressFamily.InterNetwork, taken == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, taken);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (taken == ProtocolType.Tcp)
        {
            squatter.Listen();
        }

        var endPoint = (IPEndPoint)squatter.LocalEndPoint!;
        var options = new DnsServerOptions();
        options.Listen.Add(endPoint);
        await using ServedHierarchy served = await ServedHierarchy.StartAsync(options, start: false);

        IOException error = await Assert.ThrowsAsync<IOException>(() => served.Server.StartAsync());

        Assert.Contains(endPoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
        // What was bound before the failure is let go again: only the squatter holds the port.
        squatter.Dispose();
        AssertFree(endPoint);
    }

    [Fact]
    public async Task StartAsync_Twice_InvalidOperation()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => served.Server.StartAsync());
    }

    [Fact]
    public async Task StartAsync_PortZero_TheSamePortForUdpAndTcp()
    {
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        DnsMessage udp = await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(1, "www.example.test.", RecordType.A));
        DnsMessage tcp = await ServerClient.TcpAsync(served.EndPoint, ServedHierarchy.Query(2, "www.example.test.", RecordType.A));

        Assert.NotEqual(0, served.EndPoint.Port);
        Assert.Equal(udp.Answers.Select(r => r.ToString()), tcp.Answers.Select(r => r.ToString()));
    }

    /// <summary>Binds UDP and TCP on <paramref name="endPoint"/>, which works only when nothing holds it.</summary>
    private static void AssertFree(IPEndPoint endPoint)
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(endPoint);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(endPoint);
        tcp.Listen();
    }
}
