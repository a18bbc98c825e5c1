using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Resolves names and proves the answers with DNSSEC: what DANE lookups, the SMTP client and the HTTP handler program
/// against, so that callers can put a fake or another implementation in place of <see cref="DnssecResolver"/>.
/// </summary>
public interface IDnssecResolver
{
    /// <summary>Resolves <paramref name="name"/> and <paramref name="type"/> and validates the answer.</summary>
    ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves for a client that set CD (RFC 4035 §3.2.2), as a validating recursive server answers one: an answer that
    /// validates is the same as <see cref="ResolveAsync"/>'s; a failed one comes with the data as received and its
    /// verdict (never Secure), instead of an empty SERVFAIL.
    /// </summary>
    ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default);

    /// <summary>Resolves the IPv4 and IPv6 addresses of <paramref name="host"/>; the status is that of the weaker of the two answers.</summary>
    ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default);

    /// <summary>Resolves the TLSA RRset of a service: <c>_port._protocol.host</c> (RFC 6698 §3).</summary>
    ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default);
}
