using System.Collections.Concurrent;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Lets concurrent validations that need the same DS or DNSKEY RRset share one query. The key cache is filled only
/// when a chain has been validated, so without this every resolution that starts before the first one finishes asks
/// for the whole chain itself: under load, 64 cold resolutions at once sent the five chain queries 64 times each.
/// </summary>
internal sealed class CoalescingSource(IValidationSource inner) : IValidationSource
{
    private readonly ConcurrentDictionary<(DnsName, RecordType), Lazy<Task<SourceResponse>>> _inFlight = new();

    public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        var key = (name.ToLowerCase(), type);
        // The shared query does not take the first caller's token: one caller giving up must not fail the others.
        // It still ends, through the transport's timeout and attempts.
        var lazy = new Lazy<Task<SourceResponse>>(() => inner.QueryAsync(name, type, CancellationToken.None).AsTask(), LazyThreadSafetyMode.ExecutionAndPublication);
        Lazy<Task<SourceResponse>> running = _inFlight.GetOrAdd(key, lazy);
        try
        {
            return await running.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ReferenceEquals(running, lazy))
            {
                _inFlight.TryRemove(new KeyValuePair<(DnsName, RecordType), Lazy<Task<SourceResponse>>>(key, lazy));
            }
        }
    }
}
