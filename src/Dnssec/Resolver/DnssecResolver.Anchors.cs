using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Resolver;

/// <summary>The resolver's side of RFC 5011 tracking: loading the state, fetching DNSKEY RRsets, and forgetting what old anchors proved.</summary>
public sealed partial class DnssecResolver
{
    private TrustAnchorMaintainer CreateMaintainer(string path, ILoggerFactory? loggerFactory)
    {
        // Another writer's lock is waited for on the wall clock, as network timeouts are: on an injected clock that does
        // not move by itself (a test's or a replay's) the wait would never time out and the refresh would hang.
        var store = new AnchorStateStore(path);
        AnchorStateResult loaded = store.LoadAsync().AsTask().GetAwaiter().GetResult();
        if (!loaded.IsSuccess)
        {
            string hint = loaded.Error == AnchorStateError.NotFound ? "; create it with 'dnssec anchors import'" : "";
            throw new InvalidDataException($"The trust anchor state cannot be used: {loaded.Reason}{hint}.");
        }

        ILogger logger = (ILogger?)loggerFactory?.CreateLogger<TrustAnchorMaintainer>() ?? NullLogger.Instance;
        var maintainer = new TrustAnchorMaintainer(store, loaded.TrustPoints, _tracked!, FetchTrustPointKeysAsync, ForgetValidatedData, _time, _settings.Options.Validation.Policy, logger);
        if (_settings.Options.RefreshAnchorsInBackground)
        {
            maintainer.StartBackground();
        }

        return maintainer;
    }

    /// <summary>
    /// Asks for a trust point's DNSKEY RRset by the path an answer for the zone would take, without validating it: the
    /// tracker judges it against the keys it trusts. An upstream that gives no signed keys is passed over for the
    /// authorities when fallback is on, as for any answer.
    /// </summary>
    private async ValueTask<TrustPointKeys> FetchTrustPointKeysAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var question = new DnsQuestion(zone, RecordType.DNSKEY);
        Route? first = _zoned is not null && ConfiguredZone(question) is not null ? _zoned : _stub ?? _iterative;
        if (first is null)
        {
            return new TrustPointKeys([], [], NoUpstreamReason);
        }

        TrustPointKeys keys = await FetchAsync(first, question, cancellationToken).ConfigureAwait(false);
        if ((keys.Dnskeys.Count == 0 || keys.Rrsigs.Count == 0) && first == _stub && _iterative is not null && _settings.Options.FallbackToIterative)
        {
            TrustPointKeys authoritative = await FetchAsync(_iterative, question, cancellationToken).ConfigureAwait(false);
            return authoritative.Dnskeys.Count > 0 ? authoritative : keys;
        }

        return keys;
    }

    private static async ValueTask<TrustPointKeys> FetchAsync(Route route, DnsQuestion question, CancellationToken cancellationToken)
    {
        ResolutionResult result = await route.Resolver.ResolveAsync(question, cancellationToken).ConfigureAwait(false);
        if (result.Response is not { } response)
        {
            return new TrustPointKeys([], [], result.Problem);
        }

        List<DnsRecord> dnskeys = [.. response.Answers.Where(r => r.Type == RecordType.DNSKEY && r.Owner.Equals(question.Name))];
        List<DnsRecord> rrsigs = [.. response.Answers.Where(r => r.Type == RecordType.RRSIG && r.Owner.Equals(question.Name))];
        string? problem = dnskeys.Count > 0 ? null : $"the answer from {result.Server} held no DNSKEY records (RCODE {response.ResponseCode})";
        return new TrustPointKeys(dnskeys, rrsigs, problem);
    }

    /// <summary>When the trusted keys change, keys and answers proven with the old ones are dropped, so nothing outlives its anchor.</summary>
    private void ForgetValidatedData()
    {
        foreach (Route? route in (Route?[])[_stub, _zoned, _iterative])
        {
            route?.Validator.Keys.Clear();
        }

        _cache.Clear();
        _denials?.Clear();

        // After the clears: a cache in front that reads the count before asking keeps nothing it was told before it.
        Interlocked.Increment(ref _answerCacheGeneration);
    }
}
