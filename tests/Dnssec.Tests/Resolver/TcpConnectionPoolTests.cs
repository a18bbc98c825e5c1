using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>The transport's kept TCP connections: reused within the idle timeout, and closed once idle when a connection to another server is opened.</summary>
public class TcpConnectionPoolTests
{
    private static readonly QueryOptions Tcp = QueryOptions.Recursive with { TcpOnly = true, Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task QueryAsync_NewServerAfterTheIdleTimeout_IdleConnectionsAreClosed()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        hierarchy.Build();
        await using var first = new HostileServer(hierarchy.Authority, (query, honest) => [HostileServer.Honest(query, honest)], tcp: true);
        await using var second = new HostileServer(hierarchy.Authority, (query, honest) => [HostileServer.Honest(query, honest)], tcp: true);
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        await using var transport = new DnsTransport(null, clock) { TcpIdleTimeout = TimeSpan.FromSeconds(10) };
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);

        Assert.True((await transport.QueryAsync(first.EndPoint, question, Tcp)).Succeeded);
        Assert.True((await transport.QueryAsync(first.EndPoint, question, Tcp)).Succeeded);
        Assert.Equal(1, transport.KeptConnections);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True((await transport.QueryAsync(second.EndPoint, question, Tcp)).Succeeded);

        Assert.Equal(1, transport.KeptConnections);
    }

    [Fact]
    public async Task QueryAsync_NewServerWithinTheIdleTimeout_BothConnectionsAreKept()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        hierarchy.Build();
        await using var first = new HostileServer(hierarchy.Authority, (query, honest) => [HostileServer.Honest(query, honest)], tcp: true);
        await using var second = new HostileServer(hierarchy.Authority, (query, honest) => [HostileServer.Honest(query, honest)], tcp: true);
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        await using var transport = new DnsTransport(null, clock) { TcpIdleTimeout = TimeSpan.FromSeconds(10) };
        var question = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);

        Assert.True((await transport.QueryAsync(first.EndPoint, question, Tcp)).Succeeded);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await transport.QueryAsync(second.EndPoint, question, Tcp)).Succeeded);

        Assert.Equal(2, transport.KeptConnections);
    }
}
