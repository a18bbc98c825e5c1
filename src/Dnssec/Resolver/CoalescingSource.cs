using System.Collections.Concurrent;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Lets concurrent validations that need the same DS or DNSKEY RRset share one query. The key cache is filled only
/// when a chain has been validated, so without this every resolution that starts before the first one finishes asks
/// for the whole chain itself: under load, 64 cold resolutions at once sent the five chain queries 64 times each.
/// The shared query's exchanges are noted in a <see cref="PrivacyLedger"/> of their own, and every resolution that
/// waits on it counts them, so that an answer's privacy does not depend on which resolution happened to ask first.
/// </summary>
internal sealed class CoalescingSource(IValidationSource inner) : IValidationSource
{
    private readonly ConcurrentDictionary<(DnsName, RecordType), Lazy<Task<Shared>>> _inFlight = new();

    public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        var key = (name.ToLowerCase(), type);
        // The shared query does not take the first caller's token: one caller giving up must not fail the others.
        // It still ends, through the transport's timeout and attempts.
        var lazy = new Lazy<Task<Shared>>(() => AskAsync(inner, name, type), LazyThreadSafetyMode.ExecutionAndPublication);
        Lazy<Task<Shared>> running = _inFlight.GetOrAdd(key, lazy);
        try
        {
            Shared shared = await running.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (shared.Privacy is { } privacy)
            {
                PrivacyLedger.Current?.Note(privacy);
            }

            return shared.Response;
        }
        finally
        {
            if (ReferenceEquals(running, lazy))
            {
                _inFlight.TryRemove(new KeyValuePair<(DnsName, RecordType), Lazy<Task<Shared>>>(key, lazy));
            }
        }
    }

    private static async Task<Shared> AskAsync(IValidationSource inner, DnsName name, RecordType type)
    {
        PrivacyLedger ledger = PrivacyLedger.Begin();
        SourceResponse response = await inner.QueryAsync(name, type, CancellationToken.None).ConfigureAwait(false);
        return new Shared(response, ledger.Weakest);
    }

    /// <summary>The shared query's response and how its exchanges were hidden.</summary>
    private readonly record struct Shared(SourceResponse Response, TransportPrivacy? Privacy);
}
