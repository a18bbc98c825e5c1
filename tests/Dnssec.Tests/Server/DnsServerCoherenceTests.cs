using System.Net;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Tests.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// The server's response cache and the resolver's trust anchors: when an RFC 5011 refresh changes the trusted keys,
/// the resolver empties its cache, and the responses the server kept from before, proven with the old keys, go too.
/// </summary>
public sealed class DnsServerCoherenceTests : IDisposable
{
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 5353);
    private readonly TemporaryDirectory _folder = new();
    private readonly RollingRoot _root = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AnswerAsync_RootKeyRevokedAfterAnAnswerWasCached_NoLongerSentSecure()
    {
        await using DnssecResolver resolver = _root.CreateResolver(await _root.WriteStateAsync(_folder.Path));
        await using var server = new DnsServer(resolver, timeProvider: _root.Clock);
        byte[] query = ServedHierarchy.Query(1, RollingRoot.Leaf.ToString(), RecordType.A);
        DnsMessage before = DnsMessage.Parse((await server.AnswerAsync(query, Client, TransportProtocol.Udp))!);
        long generation = ((IAnswerCacheGeneration)resolver).AnswerCacheGeneration;

        // RFC 5011 §2.1: the root revokes the only trusted key; the tracker stops trusting it at the refresh that sees it.
        _root.Publish([_root.RevokedOldKey, _root.NewKey], [_root.RevokedOldKey, _root.NewKey]);
        await resolver.Anchors!.RefreshAllAsync();
        DnsMessage after = DnsMessage.Parse((await server.AnswerAsync(query, Client, TransportProtocol.Udp))!);

        Assert.Equal(DnsResponseCode.NoError, before.ResponseCode);
        Assert.True(before.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.Equal(generation + 1, ((IAnswerCacheGeneration)resolver).AnswerCacheGeneration);
        // The leaf's TTL (an hour) has not run out: only the emptied cache keeps the old proof from being sent again.
        // Without a trusted key nothing can be proven, so the data goes out without AD.
        Assert.False(after.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
    }

    [Fact]
    public async Task AnswerAsync_RefreshWithTheSameKeys_CachedAnswerStays()
    {
        await using DnssecResolver resolver = _root.CreateResolver(await _root.WriteStateAsync(_folder.Path));
        await using var server = new DnsServer(resolver, timeProvider: _root.Clock);
        byte[] query = ServedHierarchy.Query(1, RollingRoot.Leaf.ToString(), RecordType.A);
        await server.AnswerAsync(query, Client, TransportProtocol.Udp);
        long generation = ((IAnswerCacheGeneration)resolver).AnswerCacheGeneration;

        await resolver.Anchors!.RefreshAllAsync();

        Assert.Equal(generation, ((IAnswerCacheGeneration)resolver).AnswerCacheGeneration);
    }
}
