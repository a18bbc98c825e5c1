using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>Feeds the validator's DS and DNSKEY questions to iterative resolution (DS from the parent side).</summary>
internal sealed class IterativeSource(IterativeResolver resolver) : IValidationSource
{
    public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        // A referral already brought the DS RRset or its denial, as Unbound uses it; some authorities answer nothing else.
        if (type == RecordType.DS && resolver.DelegationProof(name) is { } proof)
        {
            return SourceResponse.From(proof);
        }

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(name, type), cancellationToken).ConfigureAwait(false);
        return result.Response is { } response ? SourceResponse.From(response) : SourceResponse.Failed(result.Problem!, result.Error);
    }
}
