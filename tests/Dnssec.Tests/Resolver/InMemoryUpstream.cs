using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>A transport whose every server is a recursive resolver in front of an in-process hierarchy; counts the queries it gets.</summary>
internal sealed class InMemoryUpstream(InMemoryAuthority authority) : IDnsTransport
{
    private int _queries;

    public int Queries => _queries;

    /// <summary>When set, every answer waits until the gate opens, so that tests can make queries overlap.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a query first waits at <see cref="Gate"/>.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _queries);
        if (Gate is { } gate)
        {
            Held.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        DnsMessage? response = authority.Resolve(question);
        if (response is null)
        {
            return TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, "the in-memory upstream dropped the query");
        }

        byte[] wire = response.ToArray();
        return TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length);
    }
}
