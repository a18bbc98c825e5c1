using System.Diagnostics;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A transport that records each query to an upstream or authority: in the resolver's telemetry (a child activity of
/// the resolution and the query and error counters) and in the running resolution's <see cref="PrivacyLedger"/>. It
/// passes straight through when no one listens and no resolution keeps a ledger.
/// </summary>
internal sealed class ObservedTransport(IDnsTransport inner, ResolverTelemetry telemetry) : IDnsTransport
{
    /// <inheritdoc />
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default) =>
        telemetry.UpstreamObserved || PrivacyLedger.Current is not null
            ? ObservedAsync(server, question, options, cancellationToken)
            : inner.QueryAsync(server, question, options, cancellationToken);

    private async ValueTask<TransportResponse> ObservedAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        using Activity? activity = ResolverTelemetry.StartUpstream(server, question);
        TransportResponse response;
        try
        {
            response = await inner.QueryAsync(server, question, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }

        if (response.Error != TransportError.TlsFailure)
        {
            // A server that failed to authenticate never saw the question, so it says nothing of how the question went.
            PrivacyLedger.Current?.Note(response.Privacy);
        }

        telemetry.Queried(response, activity);
        return response;
    }
}
