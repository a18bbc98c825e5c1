using System.Diagnostics;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>Upstreams that lie, stall or break the protocol: each gives a defined status and reason within the configured timeouts.</summary>
public sealed class HostileUpstreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Resolve_SpoofedIdBeforeTheRealAnswer_IgnoresTheSpoof()
    {
        await using var world = new World((query, honest) =>
        {
            DnsMessage spoof = HostileServer.Echo(query, Forged());
            spoof.Id ^= 0x5A5A;
            return [spoof.ToArray(), HostileServer.Honest(query, honest)];
        });

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Equal("192.0.2.1", AddressData.From(answer.Records.Single()).Address.ToString());
    }

    [Fact]
    public async Task Resolve_OnlySpoofedIds_TimesOutIndeterminate()
    {
        await using var world = new World((query, honest) =>
        {
            DnsMessage spoof = HostileServer.Echo(query, Forged());
            spoof.Id ^= 1;
            return [spoof.ToArray()];
        });

        (DnssecAnswer answer, TimeSpan elapsed) = await world.TimedResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.Contains("with ID", answer.Reason, StringComparison.Ordinal);
        Assert.True(elapsed < 2 * World.Attempts * Timeout + TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public async Task Resolve_WrongQuestion_IsIgnored()
    {
        await using var world = new World((query, honest) =>
        {
            DnsMessage other = HostileServer.Echo(query, Forged());
            other.Questions[0] = new DnsQuestion(DnsName.Parse("evil.example."), RecordType.A);
            return [other.ToArray()];
        });

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Contains("evil.example.", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_TruncatedWithoutTcp_IsIndeterminateSayingSo()
    {
        await using var world = new World(Truncated);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Contains("truncated", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_TruncatedWithTcp_GetsTheFullAnswerOverTcp()
    {
        await using var world = new World(Truncated, tcp: true);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
    }

    [Fact]
    public async Task Resolve_SilentUpstream_FailsWithinTheTimeouts()
    {
        await using var world = new World((query, honest) => []);

        (DnssecAnswer answer, TimeSpan elapsed) = await world.TimedResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Equal(ExtendedDnsErrorCode.NoReachableAuthority, answer.Result.Error);
        Assert.Contains("no response", answer.Reason, StringComparison.Ordinal);
        Assert.True(elapsed < World.Attempts * Timeout + TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public async Task Resolve_StrippedRrsigs_IsBogusWithRrsigsMissing()
    {
        await using var world = new World((query, honest) => [HostileServer.Echo(query, Strip(honest!, r => r.Type == RecordType.RRSIG)).ToArray()]);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, answer.Status);
        Assert.Equal(ExtendedDnsErrorCode.RrsigsMissing, answer.Result.Error);
        Assert.Empty(answer.Answer);
    }

    [Fact]
    public async Task Resolve_StrippedDs_IsBogus()
    {
        await using var world = new World((query, honest) => query.Questions[0].Type == RecordType.DS
            ? [HostileServer.Echo(query, Strip(honest!, _ => true)).ToArray()]
            : [HostileServer.Honest(query, honest)]);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, answer.Status);
        Assert.Equal(ExtendedDnsErrorCode.NsecMissing, answer.Result.Error);
        Assert.Contains("DS", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ForgedNxdomain_IsBogus()
    {
        await using var world = new World((query, honest) => query.Questions[0].Name.ToString() == "www.example.test."
            ? [HostileServer.Echo(query, Forged()).ToArray()]
            : [HostileServer.Honest(query, honest)]);

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, answer.Status);
        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.Equal(ExtendedDnsErrorCode.NsecMissing, answer.Result.Error);
    }

    [Fact]
    public async Task Resolve_MalformedAnswers_AreIgnoredUntilTheTimeout()
    {
        await using var world = new World((query, honest) =>
        {
            byte[] garbage = HostileServer.Honest(query, honest);
            garbage[^3] = 0xC0;
            garbage[^2] = 0xFF;
            return [garbage[..(garbage.Length / 2)], [(byte)(query.Id >> 8), (byte)query.Id, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0]];
        });

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Indeterminate, answer.Status);
        Assert.Contains("malformed", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_OversizedUdpAnswer_IsReadWhole()
    {
        await using var world = new World((query, honest) =>
        {
            DnsMessage padded = HostileServer.Echo(query, honest!);
            padded.Additionals.Add(new DnsRecord(DnsName.Parse("pad.example.test."), RecordType.TXT, RecordClass.IN, 60, TxtData.Encode(Enumerable.Repeat(new string('x', 255), 30))));
            return [padded.ToArray()];
        });

        DnssecAnswer answer = await world.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
    }

    private static DnsMessage Forged() => new()
    {
        Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionAvailable,
        ResponseCode = DnsResponseCode.NXDomain,
        Edns = new EdnsRecord { DnssecOk = true },
    };

    private static byte[][] Truncated(DnsMessage query, DnsMessage? honest) =>
        [HostileServer.Echo(query, new DnsMessage { Flags = DnsHeaderFlags.Truncated, Edns = new EdnsRecord() }).ToArray()];

    private static DnsMessage Strip(DnsMessage honest, Func<DnsRecord, bool> remove)
    {
        honest.Answers.RemoveAll(r => remove(r));
        honest.Authorities.RemoveAll(r => remove(r));
        honest.Additionals.RemoveAll(r => remove(r));
        return honest;
    }

    /// <summary>A signed hierarchy behind one hostile server, and a resolver that asks only it, without iterative fallback.</summary>
    private sealed class World : IAsyncDisposable
    {
        public const int Attempts = 2;

        private readonly HostileServer _server;
        private readonly DnssecResolver _resolver;

        public World(Func<DnsMessage, DnsMessage?, byte[][]> behaviour, bool tcp = false)
        {
            var hierarchy = new TestHierarchy();
            hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
            hierarchy.Build();
            _server = new HostileServer(hierarchy.Authority, behaviour, tcp);
            var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, Timeout = Timeout, Attempts = Attempts };
            options.Servers.Add(_server.EndPoint);
            _resolver = new DnssecResolver(options, null, hierarchy.Clock);
        }

        public ValueTask<DnssecAnswer> ResolveAsync(string name, RecordType type) => _resolver.ResolveAsync(name, type);

        public async Task<(DnssecAnswer, TimeSpan)> TimedResolveAsync(string name, RecordType type)
        {
            var clock = Stopwatch.StartNew();
            DnssecAnswer answer = await _resolver.ResolveAsync(name, type);
            return (answer, clock.Elapsed);
        }

        public async ValueTask DisposeAsync()
        {
            await _resolver.DisposeAsync();
            await _server.DisposeAsync();
        }
    }
}
