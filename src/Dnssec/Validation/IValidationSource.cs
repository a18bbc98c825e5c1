using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Where the validator gets the DS and DNSKEY RRsets (and the denial proofs that come with them) its chain of trust
/// needs; the resolver implements it with queries, tests with in-memory zones.
/// </summary>
public interface IValidationSource
{
    /// <summary>Asks for <paramref name="type"/> at <paramref name="name"/> with DNSSEC records, returning the whole response or why there is none.</summary>
    ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken);
}
