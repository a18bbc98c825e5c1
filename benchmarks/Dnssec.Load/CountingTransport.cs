using System.Net;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Load;

/// <summary>The library's own transport, with a count of the queries sent upstream and of those that failed.</summary>
internal sealed class CountingTransport(DnsTransport inner) : IDnsTransport, IAsyncDisposable
{
    private long _queries;
    private long _failures;

    public long Queries => Interlocked.Read(ref _queries);

    public long Failures => Interlocked.Read(ref _failures);

    public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _queries);
        TransportResponse response = await inner.QueryAsync(server, question, options, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            Interlocked.Increment(ref _failures);
        }

        return response;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
