using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Wire;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// An upstream whose responses carry one malformed record among good ones, over real loopback UDP and TCP: the record
/// is dropped and the rest used, so the next upstream is not asked; only a response whose framing breaks is refused.
/// </summary>
public sealed class MalformedRecordUpstreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(800);

    // Where an answer is expected, the wait only bounds a failure; 0.8 s was once too short under a loaded CI run.
    private static readonly TimeSpan AnswerExpected = TimeSpan.FromSeconds(10);

    /// <summary>SVCB RDATA with its keys out of order (port, then alpn), which RFC 9460 §2.2 forbids.</summary>
    private static readonly byte[] UnsortedSvcb = [0, 1, 0, 0, 3, 0, 2, 0x01, 0xBB, 0, 1, 0, 3, 2, (byte)'h', (byte)'2'];

    [Fact]
    public async Task Resolve_MalformedSvcbBesideASignedAnswer_AnswerValidatesAndTheNextServerIsNotAsked()
    {
        await using var world = new World((query, honest) =>
            [new UncompressedMessage(HostileServer.Echo(query, honest!)).Add(DnsSection.Answer, "_dns.example.test.", RecordType.SVCB, UnsortedSvcb).ToArray()]);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Equal("192.0.2.1", AddressData.From(Assert.Single(answer.Records)).Address.ToString());
        Assert.Equal(0, world.Second.Queries);
    }

    [Fact]
    public async Task Resolve_MalformedRecordInATcpResponse_TheRestIsUsedAndTheNextServerIsNotAsked()
    {
        await using var world = new World(
            (query, honest) => [HostileServer.Echo(query, new DnsMessage { Flags = DnsHeaderFlags.Truncated, Edns = new EdnsRecord() }).ToArray()],
            tcp: (query, honest) => new UncompressedMessage(HostileServer.Echo(query, honest!)).Add(DnsSection.Additional, "www.example.test.", RecordType.AAAA, 0x20, 0x01).ToArray());

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Equal(0, world.Second.Queries);
    }

    [Fact]
    public async Task Resolve_RecordDataRunsPastTheEnd_ResponseRefusedAndTheNextServerAnswers()
    {
        // The framing breaks, so no record after the break can be found: the response is malformed as a whole, as
        // Unbound's parser treats it, and the second server gives the answer.
        await using var world = new World((query, honest) =>
        {
            var message = new UncompressedMessage(HostileServer.Echo(query, honest!)).Add(DnsSection.Additional, "x.example.test.", RecordType.TXT, 1, (byte)'x');
            byte[] wire = message.ToArray();
            wire[message.AddedDataOffset - 2] = 0xFF;
            return [wire];
        });

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.True(world.Second.Queries > 0);
    }

    [Fact]
    public async Task Resolve_OneRecordOfASignedRRsetMalformed_PartialRRsetIsBogusNeverSecure()
    {
        // Dropping the record leaves the RRset without it, and the signature covers the whole RRset (RFC 4034
        // §3.1.8.1), so what is left cannot verify: the answer is Bogus, never Secure with a record missing.
        await using var world = new World(
            (query, honest) =>
            {
                DnsMessage response = HostileServer.Echo(query, honest!);
                DnsRecord? second = response.Answers.Where(r => r.Type == RecordType.A).Skip(1).FirstOrDefault();
                var wire = new UncompressedMessage(response);
                return [(second is null ? wire : wire.Replace(second, 192, 0, 2, 2, 0)).ToArray()];
            },
            records: "www A 192.0.2.1\nwww A 192.0.2.2");

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, answer.Status);
        Assert.Empty(answer.Records);
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task QueryAsync_MalformedRecord_ListedOnTheResponseAndLogged(TransportProtocol protocol)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        hierarchy.Build();
        byte[] WithBadSvcb(DnsMessage query, DnsMessage? honest) =>
            new UncompressedMessage(HostileServer.Echo(query, honest!)).Add(DnsSection.Answer, "_dns.example.test.", RecordType.SVCB, UnsortedSvcb).ToArray();
        await using var server = new HostileServer(
            hierarchy.Authority,
            (query, honest) => [protocol == TransportProtocol.Tcp ? HostileServer.Echo(query, new DnsMessage { Flags = DnsHeaderFlags.Truncated }).ToArray() : WithBadSvcb(query, honest)],
            tcp: true) { TcpBehaviour = WithBadSvcb };
        var logger = new ListLogger();
        await using var transport = new DnsTransport(logger);

        TransportResponse response = await transport.QueryAsync(server.EndPoint, new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A), QueryOptions.Recursive with { Timeout = AnswerExpected });

        Assert.True(response.Succeeded, response.Detail);
        Assert.Equal(protocol, response.Protocol);
        Assert.Contains(response.Message.Answers, r => r.Type == RecordType.A);
        DroppedRecord dropped = Assert.Single(response.Dropped);
        Assert.Equal((DnsSection.Answer, "_dns.example.test.", RecordType.SVCB), (dropped.Section, dropped.Owner.ToString(), dropped.Type));
        Assert.Contains("1 malformed records left out", response.Detail, StringComparison.Ordinal);
        Assert.Contains(logger.Lines, line => line.Contains("_dns.example.test. SVCB", StringComparison.Ordinal) && line.Contains("not in increasing order", StringComparison.Ordinal));
    }

    /// <summary>A signed hierarchy behind a hostile first upstream and an honest second one, without iterative fallback.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly HostileServer _first;
        private readonly DnssecResolver _resolver;

        public World(Func<DnsMessage, DnsMessage?, byte[][]> behaviour, Func<DnsMessage, DnsMessage?, byte[]?>? tcp = null, string records = "www A 192.0.2.1")
        {
            var hierarchy = new TestHierarchy();
            hierarchy.Zone("example.test.", z => z.Records = records);
            hierarchy.Build();
            _first = new HostileServer(hierarchy.Authority, behaviour, tcp is not null) { TcpBehaviour = tcp };
            Second = new HostileServer(hierarchy.Authority, (query, honest) => [HostileServer.Honest(query, honest)]);
            var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, Timeout = Timeout, Attempts = 1 };
            options.Servers.Add(_first.EndPoint);
            options.Servers.Add(Second.EndPoint);
            _resolver = new DnssecResolver(options, null, hierarchy.Clock);
        }

        public HostileServer Second { get; }

        public ValueTask<DnssecAnswer> ResolveAsync(string name, RecordType type) => _resolver.ResolveAsync(name, type);

        public async ValueTask DisposeAsync()
        {
            await _resolver.DisposeAsync();
            await _first.DisposeAsync();
            await Second.DisposeAsync();
        }
    }

    /// <summary>Keeps every formatted log line.</summary>
    private sealed class ListLogger : ILogger<DnsTransport>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
