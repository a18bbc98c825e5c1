using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Server;

/// <summary>
/// The server's cache of encoded responses: a repeated question is answered without the resolver, stamped with its
/// own ID, letter case and aged TTLs, for no longer than its smallest TTL or the resolver's cache, and without
/// allocating. In the meter collection, so that no other test's listener counts allocations on these threads.
/// </summary>
[Collection(ServerMeterCollection.Name)]
public class DnsServerCacheTests
{
    private const string Www = "www.example.test.";
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 5353);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingResolver _resolver = new();

    [Fact]
    public async Task AnswerDatagram_CacheHit_AllocatesNothing()
    {
        await using DnsServer server = Server();
        byte[] query = ServedHierarchy.Query(1, Www, RecordType.A);
        await server.AnswerAsync(query, Client, TransportProtocol.Udp);
        SocketAddress client = Client.Serialize();
        var endPoints = new ClientEndPoints(AddressFamily.InterNetwork);
        byte[] response = new byte[1232];
        // The first calls compile the path; only the steady state is measured.
        for (int i = 0; i < 10; i++)
        {
            server.AnswerDatagram(query, client, endPoints, Stopwatch.GetTimestamp(), response, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int answered = 0;
        for (int i = 0; i < 1000; i++)
        {
            answered += server.AnswerDatagram(query, client, endPoints, Stopwatch.GetTimestamp(), response, out _) == DnsServer.DatagramStep.Answered ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, answered);
        Assert.Equal(0, allocated);
        Assert.Equal(1, _resolver.Calls);
    }

    [Fact]
    public async Task AnswerAsync_RepeatedQuestion_ResolvedOnceAndStampedWithEachId()
    {
        await using DnsServer server = Server();

        byte[] first = (await server.AnswerAsync(ServedHierarchy.Query(0x1111, Www, RecordType.A), Client, TransportProtocol.Udp))!;
        byte[] second = (await server.AnswerAsync(ServedHierarchy.Query(0x2222, Www, RecordType.A), Client, TransportProtocol.Udp))!;

        Assert.Equal(1, _resolver.Calls);
        Assert.Equal(0x1111, ServerClient.IdOf(first));
        Assert.Equal(0x2222, ServerClient.IdOf(second));
        // Everything but the ID is the same octets.
        Assert.True(first.AsSpan(2).SequenceEqual(second.AsSpan(2)));
        DnsMessage parsed = DnsMessage.Parse(second);
        Assert.True(parsed.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), new IPAddress(parsed.Answers.Single(r => r.Type == RecordType.A).Data.Span));
    }

    [Fact]
    public async Task AnswerAsync_HitSecondsLater_EveryTtlLoweredByTheAge()
    {
        await using DnsServer server = Server();
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);

        _clock.Advance(TimeSpan.FromSeconds(100.7));
        DnsMessage aged = DnsMessage.Parse((await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp))!);

        // RFC 1035 §3.2.1: whole seconds spent in the cache come off every TTL, the RRSIG's too.
        Assert.Equal(1, _resolver.Calls);
        Assert.Equal(2, aged.Answers.Count);
        Assert.All(aged.Answers, record => Assert.Equal(200u, record.Ttl));
    }

    [Fact]
    public async Task AnswerAsync_SmallestTtlRunsOut_ResolvedAgain()
    {
        _resolver.Answer = (name, type) => CountingResolver.Secure(name, type, 60);
        await using DnsServer server = Server();
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);

        _clock.Advance(TimeSpan.FromSeconds(59.9));
        DnsMessage last = DnsMessage.Parse((await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp))!);
        int callsBeforeExpiry = _resolver.Calls;
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        DnsMessage fresh = DnsMessage.Parse((await server.AnswerAsync(ServedHierarchy.Query(3, Www, RecordType.A), Client, TransportProtocol.Udp))!);

        // The last second's hit still has a TTL of 1; at 60 s the entry is gone and the resolver is asked again.
        Assert.Equal(1, callsBeforeExpiry);
        Assert.All(last.Answers, record => Assert.Equal(1u, record.Ttl));
        Assert.Equal(2, _resolver.Calls);
        Assert.All(fresh.Answers, record => Assert.Equal(60u, record.Ttl));
    }

    [Fact]
    public async Task AnswerAsync_AnswerTtlShorterThanItsRecords_KeptForTheAnswerTtl()
    {
        // A wildcard answer, say, lives no longer than its proof, whatever its records' TTLs.
        _resolver.Answer = (name, type) =>
        {
            DnssecAnswer full = CountingResolver.Secure(name, type, 300);
            return new DnssecAnswer(full.Question, full.Result, full.ResponseCode, full.Sections, full.Chain, full.Path, TimeSpan.FromSeconds(20));
        };
        await using DnsServer server = Server();
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);

        _clock.Advance(TimeSpan.FromSeconds(19));
        await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);
        int callsWithin = _resolver.Calls;
        _clock.Advance(TimeSpan.FromSeconds(1));
        await server.AnswerAsync(ServedHierarchy.Query(3, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(1, callsWithin);
        Assert.Equal(2, _resolver.Calls);
    }

    [Theory]
    [InlineData("WwW.eXaMpLe.TeSt.", "www.example.test.", "first asked in mixed case, then in lower case")]
    [InlineData("www.example.test.", "WWW.EXAMPLE.TEST.", "first in lower case, then in upper case")]
    public async Task AnswerAsync_SameNameInAnotherCase_HitEchoesTheCaseAsAsked(string first, string second, string description)
    {
        await using DnsServer server = Server();
        byte[] one = (await server.AnswerAsync(ServedHierarchy.Query(1, first, RecordType.A), Client, TransportProtocol.Udp))!;

        byte[] two = (await server.AnswerAsync(ServedHierarchy.Query(2, second, RecordType.A), Client, TransportProtocol.Udp))!;

        // draft-vixie-dnsext-dns0x20: the question comes back octet for octet; the cache holds the name once.
        Assert.True(_resolver.Calls == 1, description);
        Assert.True(one.AsSpan(DnsHeader.Size).StartsWith(DnsName.Parse(first).WireForm), description);
        Assert.True(two.AsSpan(DnsHeader.Size).StartsWith(DnsName.Parse(second).WireForm), description);
        Assert.True(DnsMessage.Parse(two).Answers.All(r => r.Owner.Equals(DnsName.Parse(Www))), description);
    }

    [Fact]
    public async Task AnswerAsync_WithAndWithoutDo_EachKeptWithItsOwnRecords()
    {
        await using DnsServer server = Server();
        byte[] withDo = ServedHierarchy.Query(1, Www, RecordType.A, dnssecOk: true);
        byte[] withoutDo = ServedHierarchy.Query(2, Www, RecordType.A, dnssecOk: false);

        DnsMessage signed = DnsMessage.Parse((await server.AnswerAsync(withDo, Client, TransportProtocol.Udp))!);
        DnsMessage plain = DnsMessage.Parse((await server.AnswerAsync(withoutDo, Client, TransportProtocol.Udp))!);
        DnsMessage signedAgain = DnsMessage.Parse((await server.AnswerAsync(withDo, Client, TransportProtocol.Udp))!);
        DnsMessage plainAgain = DnsMessage.Parse((await server.AnswerAsync(withoutDo, Client, TransportProtocol.Udp))!);

        // RFC 4035 §3.2.1: RRSIGs only with DO; AD for a secure answer only with DO or AD (RFC 6840 §5.7).
        Assert.Equal(2, _resolver.Calls);
        foreach ((DnsMessage response, bool dnssec) in new[] { (signed, true), (signedAgain, true), (plain, false), (plainAgain, false) })
        {
            Assert.Equal(dnssec, response.Answers.Exists(r => r.Type == RecordType.RRSIG));
            Assert.Equal(dnssec, response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
            Assert.Equal(dnssec, response.Edns!.DnssecOk);
        }
    }

    [Fact]
    public async Task AnswerAsync_ResolverEmptiedItsCache_AskedAgain()
    {
        await using DnsServer server = Server();
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);
        await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);
        int callsBefore = _resolver.Calls;

        // The trust anchors changed: what was proven with the old keys is not sent again.
        _resolver.AnswerCacheGeneration++;
        _resolver.Answer = (name, type) => CountingResolver.Secure(name, type, 300, "192.0.2.99");
        DnsMessage after = DnsMessage.Parse((await server.AnswerAsync(ServedHierarchy.Query(3, Www, RecordType.A), Client, TransportProtocol.Udp))!);
        await server.AnswerAsync(ServedHierarchy.Query(4, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(1, callsBefore);
        Assert.Equal(2, _resolver.Calls);
        Assert.Equal(IPAddress.Parse("192.0.2.99"), new IPAddress(after.Answers.Single(r => r.Type == RecordType.A).Data.Span));
    }

    [Fact]
    public async Task AnswerAsync_ResolverEmptiesItsCacheDuringAResolution_AnswerNotKept()
    {
        await using DnsServer server = Server();
        // The answer was proven before the anchors changed and arrives after: it is sent once, and kept as stale.
        _resolver.Answer = (name, type) =>
        {
            _resolver.AnswerCacheGeneration++;
            return CountingResolver.Secure(name, type, 300);
        };
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);
        _resolver.Answer = (name, type) => CountingResolver.Secure(name, type, 300);

        await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);
        await server.AnswerAsync(ServedHierarchy.Query(3, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task AnswerAsync_CheckingDisabled_NeverKept()
    {
        await using DnsServer server = Server();
        byte[] query = ServedHierarchy.Query(1, Www, RecordType.A, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled);

        await server.AnswerAsync(query, Client, TransportProtocol.Udp);
        DnsMessage second = DnsMessage.Parse((await server.AnswerAsync(query, Client, TransportProtocol.Udp))!);

        // RFC 4035 §3.2.2: what a CD client gets is fetched for it; the resolver decides what of that it keeps.
        Assert.Equal(2, _resolver.Calls);
        Assert.True(second.Flags.HasFlag(DnsHeaderFlags.CheckingDisabled));
    }

    [Fact]
    public async Task AnswerAsync_AnswerSynthesisedFromDenialRecords_NeverKept()
    {
        // A random-subdomain flood is answered from the resolver's NSEC/NSEC3 records; one entry per name would only
        // push out the answers that are asked again.
        _resolver.Answer = (name, type) =>
        {
            DnssecAnswer full = CountingResolver.Secure(name, type, 300);
            return new DnssecAnswer(full.Question, full.Result, full.ResponseCode, full.Sections, full.Chain, ResolutionPath.Synthesized, full.Ttl);
        };
        await using DnsServer server = Server();

        byte[]? first = await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);
        byte[]? second = await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.NotNull(first);
        Assert.Equal(2, DnsMessage.Parse(second!).Id);
        Assert.Equal(2, _resolver.Calls);
        Assert.Equal(0, server.ResponseCacheCount);
    }

    [Fact]
    public async Task AnswerAsync_BogusAnswer_ServfailKeptForTheFailureTtlOnly()
    {
        _resolver.Answer = (name, type) => CountingResolver.Bogus(name, type, TimeSpan.FromSeconds(30));
        await using DnsServer server = Server();
        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);

        _clock.Advance(TimeSpan.FromSeconds(29));
        DnsMessage hit = DnsMessage.Parse((await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp))!);
        int callsWithin = _resolver.Calls;
        _clock.Advance(TimeSpan.FromSeconds(1));
        await server.AnswerAsync(ServedHierarchy.Query(3, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(1, callsWithin);
        Assert.Equal(DnsResponseCode.ServFail, hit.ResponseCode);
        Assert.Equal(ExtendedDnsErrorCode.SignatureExpired, Assert.Single(hit.Edns!.ExtendedErrors).Code);
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task AnswerAsync_AnswerWithTtlZero_NeverKept()
    {
        _resolver.Answer = (name, type) => CountingResolver.Secure(name, type, 0);
        await using DnsServer server = Server();

        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);
        await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(2, _resolver.Calls);
    }

    [Theory]
    [InlineData(true, (ushort)512, "EDNS(0) with 512 octets")]
    [InlineData(false, (ushort)0, "no EDNS(0): 512 octets (RFC 1035 §4.2.1)")]
    public async Task AnswerDatagram_AnswerLargerThanTheClientTakes_TruncatedFromTheCacheWholeOverTcp(bool edns, ushort payload, string description)
    {
        _resolver.Answer = (name, type) => CountingResolver.Secure(name, type, 300, copies: 4);
        await using DnsServer server = Server();
        byte[] query = ServedHierarchy.Query(7, ServedHierarchy.BigName, RecordType.TXT, dnssecOk: edns, edns: edns, payload: payload);
        byte[] first = (await server.AnswerAsync(query, Client, TransportProtocol.Udp))!;
        byte[] buffer = new byte[1232];

        DnsServer.DatagramStep step = server.AnswerDatagram(query, Client.Serialize(), new ClientEndPoints(AddressFamily.InterNetwork), Stopwatch.GetTimestamp(), buffer, out int length);
        DnsMessage overTcp = DnsMessage.Parse((await server.AnswerAsync(query, Client, TransportProtocol.Tcp))!);

        Assert.True(step == DnsServer.DatagramStep.Answered, description);
        Assert.True(buffer.AsSpan(0, length).SequenceEqual(first), description);
        Assert.True(length <= 512, $"{description}: {length} octets");
        DnsMessage truncated = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.True(truncated.Flags.HasFlag(DnsHeaderFlags.Truncated), description);
        Assert.Equal(edns, truncated.Edns is not null);
        // The TCP response has a key of its own (65535 octets) and the whole RRset.
        Assert.False(overTcp.Flags.HasFlag(DnsHeaderFlags.Truncated), description);
        Assert.Equal(4, overTcp.Answers.Count(r => r.Type == RecordType.TXT));
        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task AnswerDatagram_ClientNotAllowed_RefusedBeforeTheCache()
    {
        await using DnsServer server = Server();
        byte[] query = ServedHierarchy.Query(1, Www, RecordType.A);
        await server.AnswerAsync(query, Client, TransportProtocol.Udp);

        DnsServer.DatagramStep step = server.AnswerDatagram(query, new IPEndPoint(IPAddress.Parse("192.0.2.50"), 5353).Serialize(), new ClientEndPoints(AddressFamily.InterNetwork), Stopwatch.GetTimestamp(), new byte[1232], out _);

        Assert.Equal(DnsServer.DatagramStep.Refused, step);
    }

    [Fact]
    public async Task AnswerAsync_ManyNamesInASmallCache_SizeStaysBoundedAndRecentEntriesStay()
    {
        const long Capacity = 16 * 1024;
        await using DnsServer server = Server(Capacity);

        for (int i = 0; i < 500; i++)
        {
            await server.AnswerAsync(ServedHierarchy.Query((ushort)i, $"n{i}.example.test.", RecordType.A), Client, TransportProtocol.Udp);
        }

        int calls = _resolver.Calls;
        await server.AnswerAsync(ServedHierarchy.Query(1, "n499.example.test.", RecordType.A), Client, TransportProtocol.Udp);

        // Never more than the room, never emptied: the newest name is still answered from it.
        Assert.Equal(500, calls);
        Assert.True(server.ResponseCacheSize <= Capacity, $"{server.ResponseCacheSize} octets");
        Assert.True(server.ResponseCacheCount > 10, $"{server.ResponseCacheCount} entries");
        Assert.Equal(500, _resolver.Calls);
    }

    [Fact]
    public async Task AnswerAsync_CacheSizeZero_EveryQueryResolved()
    {
        await using DnsServer server = Server(0);

        await server.AnswerAsync(ServedHierarchy.Query(1, Www, RecordType.A), Client, TransportProtocol.Udp);
        await server.AnswerAsync(ServedHierarchy.Query(2, Www, RecordType.A), Client, TransportProtocol.Udp);

        Assert.Equal(2, _resolver.Calls);
    }

    [Fact]
    public async Task Udp_RepeatedQuestionOverSockets_AnsweredFromTheCacheWithItsId()
    {
        var options = new DnsServerOptions();
        options.Listen.Add(new IPEndPoint(IPAddress.Loopback, 0));
        await using var server = new DnsServer(_resolver, options, timeProvider: _clock);
        await server.StartAsync();

        byte[] first = await ServerClient.ExchangeUdpAsync(server.LocalEndPoints[0], ServedHierarchy.Query(0xAAAA, "WWW.example.test.", RecordType.A));
        byte[] second = await ServerClient.ExchangeUdpAsync(server.LocalEndPoints[0], ServedHierarchy.Query(0xBBBB, "www.EXAMPLE.test.", RecordType.A));

        Assert.Equal(1, _resolver.Calls);
        Assert.Equal(0xAAAA, ServerClient.IdOf(first));
        Assert.Equal(0xBBBB, ServerClient.IdOf(second));
        Assert.True(second.AsSpan(DnsHeader.Size).StartsWith(DnsName.Parse("www.EXAMPLE.test.").WireForm));
        Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(2)), BinaryPrimitives.ReadUInt16BigEndian(second.AsSpan(2)));
    }

    private DnsServer Server(long cacheSize = 16 * 1024 * 1024) =>
        new(_resolver, new DnsServerOptions { ResponseCacheSize = cacheSize }, timeProvider: _clock);
}
