using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>Feeds the validator's DS and DNSKEY questions to iterative resolution (DS from the parent side).</summary>
internal sealed class IterativeSource(IterativeResolver resolver) : IValidationSource
{
    public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        IterativeResult result = await resolver.ResolveAsync(new DnsQuestion(name, type), cancellationToken).ConfigureAwait(false);
        return result.Response is { } response ? SourceResponse.From(response) : SourceResponse.Failed(result.Problem!);
    }
}
