using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// DNS over HTTPS (RFC 8484) against a loopback HTTPS server: the POST and GET wire forms, ID 0 and padding, connection
/// reuse, HTTP failures as results with the reason, and the RFC 8310 profiles as DNS over TLS applies them.
/// </summary>
public class DnsOverHttpsTransportTests
{
    private const string Name = "www.example.test";

    private static readonly string[] Names = ["a.", "www.example.test.", new string('x', 60) + ".example.", string.Join('.', Enumerable.Repeat(new string('y', 50), 4)) + "."];

    [Fact]
    public async Task QueryAsync_Post_DnsMessageBodyWithIdZeroPaddedOnOneConnection()
    {
        await using HttpsDnsServer server = Server();
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server));

        foreach (string name in Names)
        {
            TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question(name), DnsOverTlsTransportTests.Options);
            Assert.True(response.Succeeded, response.Detail);
            Assert.Equal(TransportProtocol.Https, response.Protocol);
            Assert.Equal(DnsName.Parse(name), response.Message.Questions[0].Name);
        }

        Assert.Equal(Names.Length, server.Requests.Count);
        Assert.All(server.Requests, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/dns-query", request.Target);
            Assert.Equal("application/dns-message", request.Headers["Content-Type"]);
            Assert.Contains("application/dns-message", request.Headers["Accept"], StringComparison.Ordinal);
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(request.Body));
            Assert.Equal(0, request.Body.Length % 128);
        });
        Assert.Contains(server.Requests, request => request.Body.Length > 128);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_Get_Base64UrlWithoutPaddingIdZeroPadded()
    {
        await using HttpsDnsServer server = Server();
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server, "/resolve?ct=1"), useGet: true);

        foreach (string name in Names)
        {
            TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question(name), DnsOverTlsTransportTests.Options);
            Assert.True(response.Succeeded, response.Detail);
        }

        Assert.All(server.Requests, request =>
        {
            Assert.Equal("GET", request.Method);
            Assert.Equal("/resolve", request.Path);
            Assert.StartsWith("/resolve?ct=1&dns=", request.Target, StringComparison.Ordinal);
            Assert.Empty(request.Body);
            Assert.DoesNotContain('=', request.DnsParameter);
            Assert.DoesNotContain('+', request.DnsParameter);
            Assert.DoesNotContain('/', request.DnsParameter);
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(request.Query));
            Assert.Equal(0, request.Query.Length % 128);
        });
        Assert.Equal(Names.Select(DnsName.Parse), server.Requests.Select(request => DnsMessage.Parse(request.Query).Questions[0].Name));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task QueryAsync_ServerOffersHttp2_SpeaksHttp2()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new HttpsDnsServer(q => TlsDnsServer.AddressAnswer(q, "192.0.2.1"), pki.Leaf, pki.Intermediate) { OfferHttp2 = true };
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server));

        // The server closes after the preface (it speaks no HTTP/2 itself), so the query fails; what matters is what the client chose.
        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.False(response.Succeeded);
        Assert.Equal("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", Assert.Single(server.Http2Prefaces));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(500, "application/dns-message", "dns", TransportError.NetworkError, "answered HTTP 500", "a server error")]
    [InlineData(415, "text/plain", "text", TransportError.NetworkError, "answered HTTP 415", "unsupported media type")]
    [InlineData(200, "text/html", "text", TransportError.Malformed, "content type 'text/html', not application/dns-message", "a web page")]
    [InlineData(200, "application/dns-message", "garbage", TransportError.Malformed, "malformed response", "a body that is no DNS message")]
    [InlineData(200, "application/dns-message", "short", TransportError.Malformed, "fewer than a DNS header", "a body shorter than a header")]
    [InlineData(200, "application/dns-message", "huge", TransportError.Malformed, "longer than a DNS message can be", "a body of 70000 octets")]
    [InlineData(200, "application/dns-message", "other", TransportError.Malformed, "does not answer", "an answer to another question")]
    public async Task QueryAsync_BadHttpResponse_FailureWithTheReason(int status, string contentType, string body, TransportError error, string reason, string description)
    {
        await using HttpsDnsServer server = Server(reply: request => (status, contentType, Body(body, request)));
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server));

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.Equal(error, response.Error);
        Assert.True(response.Detail.Contains(reason, StringComparison.Ordinal), $"{description}: {response.Detail}");
        Assert.Equal(TransportProtocol.Https, response.Protocol);
    }

    [Fact]
    public async Task QueryAsync_ServerNeverAnswers_TimeoutResult()
    {
        await using HttpsDnsServer server = Server(answer: _ => null);
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server));

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), QueryOptions.Recursive with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(TransportError.Timeout, response.Error);
        Assert.Contains("within 0.3 s", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_CallerCancels_OperationCanceledException()
    {
        await using HttpsDnsServer server = Server(answer: _ => null);
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server));
        using var cancel = new CancellationTokenSource();
        Task<TransportResponse> query = transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options, cancel.Token).AsTask();
        await server.Received.WaitAsync(DnsOverTlsTransportTests.Guard);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
    }

    [Fact]
    public async Task QueryAsync_NothingListens_NetworkErrorResult()
    {
        IPEndPoint closed = ClosedPort();
        using DnsOverHttpsTransport transport = Transport(new HttpsUpstream(new TlsUpstream(closed, null, [], null), new Uri($"https://{closed}/dns-query")));

        TransportResponse response = await transport.QueryAsync(closed, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.Equal(TransportError.NetworkError, response.Error);
        Assert.Contains("ConnectionRefused", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NameGivenWithAnAddress_ConnectsToTheAddressWithoutALookup()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using HttpsDnsServer server = Server(leaf: pki.Leaf, intermediates: [pki.Intermediate]);
        UpstreamServer configured = UpstreamServer.Parse($"https://{Name}:{server.EndPoint.Port}/dns-query#127.0.0.1");
        using DnsOverHttpsTransport transport = Transport(new HttpsUpstream(new TlsUpstream(configured.EndPoint, configured.AuthenticationName, [], new X509Certificate2Collection(pki.Root)), configured.HttpsUrl!));

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        // www.example.test does not exist in any resolver: only the configured address can have answered.
        Assert.True(response.Succeeded, response.Detail);
        Assert.Equal($"{Name}:{server.EndPoint.Port}", server.Requests[0].Headers["Host"]);
        Assert.DoesNotContain("unauthenticated", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dns.other.test", null, "name mismatch", "a name the certificate is not for")]
    [InlineData(Name, "self", "self-signed", "a self-signed certificate")]
    [InlineData(Name, "otherroot", "untrusted", "a chain to another root")]
    [InlineData(null, "wrongpin", "pin mismatch", "a pin of another key")]
    public async Task QueryAsync_StrictProfileRefusal_TlsFailureWithTheReasonAndNoRequest(string? name, string? variant, string reason, string description)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        using X509Certificate2 self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using HttpsDnsServer server = variant == "self" ? Server(leaf: self, intermediates: []) : Server(leaf: pki.Leaf, intermediates: [pki.Intermediate]);
        SpkiPin[] pins = variant == "wrongpin" ? [SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf)] : [];
        X509Certificate2 root = variant == "otherroot" ? TestPki.Shared(TestKeyKind.Ecdsa, 1).Root : pki.Root;
        var log = new LogCapture<DnsOverHttpsTransport>();
        using DnsOverHttpsTransport transport = Transport(new HttpsUpstream(new TlsUpstream(server.EndPoint, name, pins, new X509Certificate2Collection(root)), new Uri($"https://{server.EndPoint}/dns-query")), logger: log);

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.True(response.Detail.Contains(reason, StringComparison.Ordinal), $"{description}: {response.Detail}");
        Assert.Contains("strict profile", response.Detail, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Id == 1122 && e.Level == LogLevel.Warning);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(Name, false, "the right name and CA")]
    [InlineData(null, true, "the leaf's pin")]
    public async Task QueryAsync_StrictProfileAuthenticated_Answered(string? name, bool pin, string description)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using HttpsDnsServer server = Server(leaf: pki.Leaf, intermediates: [pki.Intermediate]);
        using DnsOverHttpsTransport transport = Transport(new HttpsUpstream(new TlsUpstream(server.EndPoint, name, pin ? [SpkiPin.FromCertificate(pki.Leaf)] : [], pin ? null : new X509Certificate2Collection(pki.Root)), new Uri($"https://{server.EndPoint}/dns-query")));

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.True(response.Succeeded, $"{description}: {response.Detail}");
        Assert.DoesNotContain("unauthenticated", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_OpportunisticSelfSigned_UsedWithAWarning()
    {
        using X509Certificate2 self = TestPki.SelfSigned(TestKeyKind.Ecdsa, "dns.elsewhere.test");
        await using HttpsDnsServer server = Server(leaf: self, intermediates: []);
        var log = new LogCapture<DnsOverHttpsTransport>();
        using DnsOverHttpsTransport transport = Transport(Opportunistic(server), logger: log);

        TransportResponse response = await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);

        Assert.True(response.Succeeded, response.Detail);
        Assert.Contains("unauthenticated TLS", response.Detail, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Id == 1121 && e.Level == LogLevel.Warning && e.Line.Contains("not authenticated", StringComparison.Ordinal));
    }

    private static byte[] Body(string kind, HttpsDnsServer.Request request)
    {
        DnsMessage query = DnsMessage.Parse(request.Query);
        return kind switch
        {
            "dns" => TlsDnsServer.AddressAnswer(query.Questions[0], "192.0.2.1").ToArray(),
            "garbage" => [0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0xC0, 0xFF, 0, 1],
            "short" => [0, 0, 0x81],
            "huge" => new byte[70000],
            "other" => TlsDnsServer.AddressAnswer(DnsOverTlsTransportTests.Question("elsewhere.example."), "192.0.2.1").ToArray(),
            _ => Encoding.ASCII.GetBytes("not a DNS message"),
        };
    }

    private static IPEndPoint ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    private static HttpsUpstream Opportunistic(HttpsDnsServer server, string path = "/dns-query") =>
        new(new TlsUpstream(server.EndPoint, null, [], null), new Uri($"https://{server.EndPoint}{path}"));

    private static HttpsDnsServer Server(Func<DnsQuestion, DnsMessage?>? answer = null, X509Certificate2? leaf = null, X509Certificate2[]? intermediates = null, Func<HttpsDnsServer.Request, (int, string, byte[])>? reply = null)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        return new HttpsDnsServer(answer ?? (q => TlsDnsServer.AddressAnswer(q, "192.0.2.1")), leaf ?? pki.Leaf, intermediates ?? [pki.Intermediate]) { Reply = reply };
    }

    private static DnsOverHttpsTransport Transport(HttpsUpstream upstream, bool useGet = false, ILogger<DnsOverHttpsTransport>? logger = null) =>
        new([upstream], useGet, logger);
}
