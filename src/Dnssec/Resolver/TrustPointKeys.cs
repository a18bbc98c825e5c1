using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>What a query for a trust point's DNSKEY RRset brought, unvalidated: the keys and their signatures, or why there were none.</summary>
/// <param name="Dnskeys">The DNSKEY records of the zone in the answer; empty when none came.</param>
/// <param name="Rrsigs">The RRSIG records over them.</param>
/// <param name="Problem">Why no keys came, when none did.</param>
internal sealed record TrustPointKeys(IReadOnlyList<DnsRecord> Dnskeys, IReadOnlyList<DnsRecord> Rrsigs, string? Problem);
