using System.Net;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Which upstream is asked when: rounds over the list in order (from a rotating start with <c>rotate</c>), moving on
/// after timeouts, network errors and server failures, as the C library's resolver does; and how DnssecResolver takes
/// the list, the timeout, the attempts and rotate from resolv.conf.
/// </summary>
public class UpstreamClientTests
{
    private static readonly IPEndPoint A = IPEndPoint.Parse("192.0.2.1:53");
    private static readonly IPEndPoint B = IPEndPoint.Parse("192.0.2.2:53");
    private static readonly IPEndPoint C = IPEndPoint.Parse("192.0.2.3:53");
    private static readonly DnsQuestion Question = new(DnsName.Parse("www.example."), RecordType.A);

    [Fact]
    public async Task QueryAsync_FirstServerAnswers_NoOtherIsAsked()
    {
        var transport = new RecordingTransport((server, question) => RecordingTransport.Reply(server, question, DnsResponseCode.NoError));
        var client = new UpstreamClient(transport, [A, B, C], attempts: 2, rotate: false);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal(A, response.Server);
        Assert.Equal([A], transport.Servers);
    }

    [Theory]
    [InlineData(TransportError.Timeout, "a timeout")]
    [InlineData(TransportError.NetworkError, "a network error")]
    [InlineData(TransportError.Malformed, "only malformed responses")]
    public async Task QueryAsync_FirstServerFails_TheNextIsAskedAndAnswers(TransportError error, string description)
    {
        var transport = new RecordingTransport((server, question) => server.Equals(A)
            ? TransportResponse.Failure(server, TransportProtocol.Udp, error, description)
            : RecordingTransport.Reply(server, question, DnsResponseCode.NoError));
        var client = new UpstreamClient(transport, [A, B, C], attempts: 2, rotate: false);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.True(response.Succeeded, description);
        Assert.Equal([A, B], transport.Servers);
    }

    [Fact]
    public async Task QueryAsync_EveryServerTimesOut_EachRoundAsksAllInOrderAndTheLastFailureIsReturned()
    {
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var client = new UpstreamClient(transport, [A, B, C], attempts: 2, rotate: false);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal([A, B, C, A, B, C], transport.Servers);
        Assert.Equal(TransportError.Timeout, response.Error);
        Assert.Equal(C, response.Server);
    }

    [Theory]
    [InlineData(DnsResponseCode.ServFail)]
    [InlineData(DnsResponseCode.Refused)]
    [InlineData(DnsResponseCode.NotImp)]
    [InlineData(DnsResponseCode.FormErr)]
    public async Task QueryAsync_ServerFailureCode_NextServerIsAskedButTheErrorIsKeptOverATimeout(DnsResponseCode code)
    {
        // The error speaks of the server, not the name: another server may do better; when none does, a response
        // (even an error) says more than a timeout.
        var transport = new RecordingTransport((server, question) => server.Equals(A) ? RecordingTransport.Reply(server, question, code) : RecordingTransport.Timeout(server));
        var client = new UpstreamClient(transport, [A, B], attempts: 1, rotate: false);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal([A, B], transport.Servers);
        Assert.True(response.Succeeded);
        Assert.Equal(code, response.Message.ResponseCode);
    }

    [Theory]
    [InlineData(DnsResponseCode.NXDomain)]
    [InlineData(DnsResponseCode.NoError)]
    public async Task QueryAsync_AnswerAboutTheName_IsFinal(DnsResponseCode code)
    {
        var transport = new RecordingTransport((server, question) => RecordingTransport.Reply(server, question, code));
        var client = new UpstreamClient(transport, [A, B], attempts: 2, rotate: false);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal([A], transport.Servers);
        Assert.Equal(code, response.Message!.ResponseCode);
    }

    [Fact]
    public async Task QueryAsync_Rotate_EachQueryStartsOneServerFurtherAndWrapsAround()
    {
        var transport = new RecordingTransport((server, question) => RecordingTransport.Reply(server, question, DnsResponseCode.NoError));
        var client = new UpstreamClient(transport, [A, B, C], attempts: 2, rotate: true);

        for (int i = 0; i < 4; i++)
        {
            await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);
        }

        Assert.Equal([B, C, A, B], transport.Servers);
    }

    [Fact]
    public async Task QueryAsync_RotateAndTimeouts_ARoundStillVisitsEveryServerOnceFromTheRotatedStart()
    {
        var transport = new RecordingTransport((server, question) => server.Equals(A) ? RecordingTransport.Reply(server, question, DnsResponseCode.NoError) : RecordingTransport.Timeout(server));
        var client = new UpstreamClient(transport, [A, B, C], attempts: 2, rotate: true);

        TransportResponse response = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal(A, response.Server);
        Assert.Equal([B, C, A], transport.Servers);
    }

    [Theory]
    [InlineData(0, 1, "fewer than one attempt is one")]
    [InlineData(1, 1, "one round")]
    [InlineData(3, 3, "three rounds")]
    public async Task QueryAsync_Attempts_AreRoundsOverTheWholeList(int attempts, int rounds, string description)
    {
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var client = new UpstreamClient(transport, [A, B], attempts, rotate: false);

        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.True(rounds * 2 == transport.Servers.Count, description);
    }

    [Fact]
    public void Constructor_NoServers_Refused()
    {
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));

        Assert.Throws<ArgumentException>(() => new UpstreamClient(transport, [], attempts: 2, rotate: false));
    }

    [Fact]
    public async Task ResolveAsync_ServersFromResolvConf_ItsTimeoutAttemptsAndRotateApply()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Write("resolv.conf", "nameserver 192.0.2.1\nnameserver 192.0.2.2\noptions timeout:1 attempts:3 rotate use-vc\n");
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var options = new ResolverOptions { ResolvConfPath = path, FallbackToIterative = false, TrustAnchors = new Dnssec.TrustAnchors.TrustAnchorSet() };
        await using var resolver = new DnssecResolver(options, transport: transport);

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Equal(Dnssec.Wire.ExtendedDnsErrorCode.NoReachableAuthority, answer.Result.Error);
        IPEndPoint first = IPEndPoint.Parse("192.0.2.1:53"), second = IPEndPoint.Parse("192.0.2.2:53");
        Assert.Equal([second, first, second, first, second, first], transport.Servers);
        Assert.All(transport.Exchanges, exchange => Assert.Equal(TimeSpan.FromSeconds(1), exchange.Options.Timeout));
        Assert.All(transport.Exchanges, exchange => Assert.True(exchange.Options.TcpOnly && exchange.Options.RecursionDesired && exchange.Options.CheckingDisabled && exchange.Options.DnssecOk));
    }

    [Fact]
    public async Task ResolveAsync_ServersGiven_ResolvConfIsNotRead()
    {
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var options = new ResolverOptions { ResolvConfPath = "/nonexistent/resolv.conf", FallbackToIterative = false, Attempts = 1, Timeout = TimeSpan.FromMilliseconds(300) };
        options.Servers.Add(A);
        options.Servers.Add(B);
        await using var resolver = new DnssecResolver(options, transport: transport);

        await resolver.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal([A, B], transport.Servers);
        Assert.All(transport.Exchanges, exchange => Assert.Equal(TimeSpan.FromMilliseconds(300), exchange.Options.Timeout));
    }

    [Fact]
    public async Task QueryAsync_EncryptedUpstreamRefusedToAuthenticate_LeftAloneForAMinuteThenAskedAgain()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport((server, question) => server.Equals(A)
            ? TransportResponse.Failure(server, TransportProtocol.Tls, TransportError.TlsFailure, "DNS over TLS refused (strict profile): name mismatch")
            : RecordingTransport.Reply(server, question, DnsResponseCode.NoError));
        var client = new UpstreamClient(transport, [A, B], attempts: 1, rotate: false, time);

        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);
        time.Advance(UpstreamClient.RefusalMemory - TimeSpan.FromSeconds(1));
        TransportResponse meanwhile = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal(B, meanwhile.Server);
        Assert.Equal([A, B, B, A, B], transport.Servers);
    }

    [Fact]
    public async Task QueryAsync_OnlyUpstreamRefusedToAuthenticate_TheRefusalIsRepeatedWithItsReasonAndNothingIsSent()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var transport = new RecordingTransport((server, _) => TransportResponse.Failure(server, TransportProtocol.Https, TransportError.TlsFailure, "DNS over HTTPS refused (strict profile): pin mismatch"));
        var client = new UpstreamClient(transport, [A], attempts: 2, rotate: false, time);

        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(20));
        TransportResponse again = await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal([A], transport.Servers);
        Assert.Equal(TransportError.TlsFailure, again.Error);
        Assert.Equal(TransportProtocol.Https, again.Protocol);
        Assert.Equal("DNS over HTTPS refused (strict profile): pin mismatch (remembered; asked again in 40 s)", again.Detail);
    }

    [Fact]
    public async Task QueryAsync_PlainUpstreamTimesOut_AskedAgainAtOnce()
    {
        // Only a refusal to authenticate is remembered: a timeout may be a lost datagram.
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var client = new UpstreamClient(transport, [A], attempts: 1, rotate: false);

        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);
        await client.QueryAsync(Question, QueryOptions.Recursive, CancellationToken.None);

        Assert.Equal([A, A], transport.Servers);
    }
}
