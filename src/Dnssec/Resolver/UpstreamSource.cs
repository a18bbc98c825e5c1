using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>Feeds the validator's DS and DNSKEY questions to the recursive upstreams, with DO and CD set.</summary>
internal sealed class UpstreamSource(UpstreamClient upstream, QueryOptions options) : IValidationSource
{
    public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        TransportResponse response = await upstream.QueryAsync(new DnsQuestion(name, type), options, cancellationToken).ConfigureAwait(false);
        return response.Succeeded ? SourceResponse.From(response.Message) : SourceResponse.Failed(response.Detail);
    }
}
