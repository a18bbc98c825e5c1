using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>DNS over TLS against a loopback TLS DNS server: framing, padding, reuse, pipelining, idle closing and reconnection.</summary>
public class DnsOverTlsTransportTests
{
    internal static readonly QueryOptions Options = QueryOptions.Recursive with { Timeout = TimeSpan.FromSeconds(10) };
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task QueryAsync_NamesOfManyLengths_PaddedToMultiplesOf128OnTheWire()
    {
        await using TlsDnsServer server = Server();
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server));
        string[] names = ["a.", "www.example.test.", new string('x', 60) + ".example.", string.Join('.', Enumerable.Repeat(new string('y', 50), 4)) + "."];

        foreach (string name in names)
        {
            TransportResponse response = await transport.QueryAsync(server.EndPoint, Question(name), Options);
            Assert.True(response.Succeeded, response.Detail);
            Assert.Equal(TransportProtocol.Tls, response.Protocol);
        }

        Assert.Equal(names.Length, server.QueryLengths.Count);
        Assert.All(server.QueryLengths, length => Assert.Equal(0, length % 128));
        Assert.Contains(server.QueryLengths, length => length > 128);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_ConcurrentQueriesAnsweredInReverse_EachGetsItsOwnAnswerOnOneConnection()
    {
        await using TlsDnsServer server = Server(reverseBatch: 4);
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server));

        TransportResponse[] responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => transport.QueryAsync(server.EndPoint, Question($"h{i}.example."), Options).AsTask())).WaitAsync(Guard);

        for (int i = 0; i < responses.Length; i++)
        {
            Assert.True(responses[i].Succeeded, responses[i].Detail);
            Assert.Equal(DnsName.Parse($"h{i + 1}.example."), responses[i].Message!.Questions[0].Name);
            Assert.Equal(IPAddress.Parse($"192.0.2.{i + 1}").GetAddressBytes(), responses[i].Message!.Answers[0].Data.ToArray());
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_ManyConcurrentFirstQueries_OneConnectionAndEveryAnswerMatched()
    {
        await using TlsDnsServer server = Server();
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server));

        TransportResponse[] responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() => transport.QueryAsync(server.EndPoint, Question($"h{i}.example."), Options).AsTask()))).WaitAsync(Guard);

        for (int i = 0; i < responses.Length; i++)
        {
            Assert.True(responses[i].Succeeded, responses[i].Detail);
            Assert.Equal(IPAddress.Parse($"192.0.2.{i + 1}").GetAddressBytes(), responses[i].Message!.Answers[0].Data.ToArray());
        }

        Assert.Equal(1, server.Connections);
        Assert.Equal(1, transport.Connections);
    }

    [Fact]
    public async Task QueryAsync_ServerClosedTheConnection_ReopensItAndAnswers()
    {
        await using TlsDnsServer server = Server(closeAfterAnswers: 1);
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server));
        TransportResponse first = await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options);
        await server.Closed.WaitAsync(Guard);

        TransportResponse second = await transport.QueryAsync(server.EndPoint, Question("h2.example."), Options);

        Assert.True(first.Succeeded, first.Detail);
        Assert.True(second.Succeeded, second.Detail);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_ServerClosesOnTheQuery_QueryAskedAgainOnANewConnection()
    {
        var log = new LogCapture<DnsOverTlsTransport>();
        await using var server = new TlsDnsServer(AnswerByName, TestPki.Shared(TestKeyKind.Ecdsa).Leaf, TestPki.Shared(TestKeyKind.Ecdsa).Intermediate) { CloseOnQuery = 2 };
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server), log);
        Assert.True((await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options)).Succeeded);

        TransportResponse second = await transport.QueryAsync(server.EndPoint, Question("h2.example."), Options);

        Assert.True(second.Succeeded, second.Detail);
        Assert.Equal(IPAddress.Parse("192.0.2.2").GetAddressBytes(), second.Message.Answers[0].Data.ToArray());
        Assert.Equal(2, server.Connections);
        Assert.Contains(log.Events, e => e.Id == 1113);
    }

    [Fact]
    public async Task QueryAsync_ServerKeepalive_ConnectionClosedWhenItsIdleTimeHasPassed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TlsDnsServer server = Server(keepalive: 20);
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server), time: time);
        TransportResponse first = await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options);
        Assert.True(first.Succeeded, first.Detail);

        time.Advance(TimeSpan.FromSeconds(2));
        await server.Closed.WaitAsync(Guard);
        TransportResponse second = await transport.QueryAsync(server.EndPoint, Question("h2.example."), Options);

        Assert.True(second.Succeeded, second.Detail);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_NoKeepalive_ConnectionKeptWithinTheTransportsIdleTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TlsDnsServer server = Server();
        await using var transport = new DnsOverTlsTransport([Opportunistic(server)], null, time) { IdleTimeout = TimeSpan.FromSeconds(10) };
        Assert.True((await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options)).Succeeded);

        time.Advance(TimeSpan.FromSeconds(5));
        TransportResponse second = await transport.QueryAsync(server.EndPoint, Question("h2.example."), Options);

        Assert.True(second.Succeeded, second.Detail);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_NoAnswer_TimeoutIsAResult()
    {
        await using var server = new TlsDnsServer(_ => null, TestPki.Shared(TestKeyKind.Ecdsa).Leaf, TestPki.Shared(TestKeyKind.Ecdsa).Intermediate);
        await using DnsOverTlsTransport transport = Transport(Opportunistic(server));

        TransportResponse response = await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(TransportError.Timeout, response.Error);
        Assert.Contains("no response", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NothingListens_NetworkErrorNamingTheServer()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        await using DnsOverTlsTransport transport = Transport(new TlsUpstream(closedPort, null, [], null));

        TransportResponse response = await transport.QueryAsync(closedPort, Question("h1.example."), Options);

        Assert.Equal(TransportError.NetworkError, response.Error);
        Assert.Contains(closedPort.ToString(), response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_OpenConnection_Closed()
    {
        await using TlsDnsServer server = Server();
        DnsOverTlsTransport transport = Transport(Opportunistic(server));
        Assert.True((await transport.QueryAsync(server.EndPoint, Question("h1.example."), Options)).Succeeded);

        await transport.DisposeAsync();

        await server.Closed.WaitAsync(Guard);
        Assert.Equal(0, transport.Connections);
    }

    internal static DnsQuestion Question(string name) => new(DnsName.Parse(name), RecordType.A);

    internal static TlsUpstream Opportunistic(TlsDnsServer server) => new(server.EndPoint, null, [], null);

    private static TlsDnsServer Server(int reverseBatch = 1, ushort? keepalive = null, int? closeAfterAnswers = null) =>
        new(AnswerByName, TestPki.Shared(TestKeyKind.Ecdsa).Leaf, TestPki.Shared(TestKeyKind.Ecdsa).Intermediate)
        {
            ReverseBatch = reverseBatch,
            Keepalive = keepalive,
            CloseAfterAnswers = closeAfterAnswers,
        };

    /// <summary>hN.example. gets 192.0.2.N, any other name 192.0.2.1.</summary>
    private static DnsMessage AnswerByName(DnsQuestion question)
    {
        string first = question.Name.ToString().Split('.')[0];
        return TlsDnsServer.AddressAnswer(question, first.Length > 1 && first[0] == 'h' && int.TryParse(first[1..], out int n) ? $"192.0.2.{n}" : "192.0.2.1");
    }

    private static DnsOverTlsTransport Transport(TlsUpstream upstream, ILogger<DnsOverTlsTransport>? logger = null, TimeProvider? time = null) =>
        new([upstream], logger, time);
}
