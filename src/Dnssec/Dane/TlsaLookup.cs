using System.Net;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>
/// Finds the TLSA records of a service through an <see cref="IDnssecResolver"/> (a <see cref="DnssecResolver"/>, or a
/// fake in tests): only a Secure RRset enables DANE, an Insecure one (or insecure addresses) means no DANE, Bogus or
/// Indeterminate fails closed. CNAMEs are followed as RFC 7671 §7 and RFC 7672 §2.2.3 say: the expanded name's TLSA
/// RRset first, then the original name's.
/// </summary>
public sealed class TlsaLookup
{
    private readonly IDnssecResolver _resolver;

    /// <summary>Uses the given resolver for the address, CNAME and TLSA queries.</summary>
    public TlsaLookup(IDnssecResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

    /// <summary>Looks up _port._protocol.host TLSA and the host's addresses.</summary>
    /// <exception cref="ArgumentException">The host is not a domain name.</exception>
    public async ValueTask<TlsaLookupResult> LookupAsync(string host, int port, string protocol = "tcp", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        string hostText = host.TrimEnd('.');
        if (!DnsName.TryParseInternational(hostText + ".", out DnsName? name, out _) || name.LabelCount == 0)
        {
            throw new ArgumentException($"'{host}' is not a host name", nameof(host));
        }

        AddressAnswer addresses = await _resolver.ResolveAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<IPAddress> found = addresses.Addresses;
        switch (addresses.Status)
        {
            case SecurityStatus.Bogus or SecurityStatus.Indeterminate:
                return Result(TlsaLookupStatus.Failed, null, [], [hostText], found, $"the addresses of {hostText} are {Status(addresses.Status)}: {Weaker(addresses).Reason}");
            case SecurityStatus.Insecure:
                // RFC 7672 §2.2.2: TLSA records are looked up only for hosts whose addresses are secure.
                return Result(TlsaLookupStatus.NoDane, null, [], [hostText], found, $"the addresses of {hostText} are insecure, so DANE does not apply");
        }

        DnsName expanded = FollowCnames(name, addresses.IPv4.Answer.Count > 0 ? addresses.IPv4.Answer : addresses.IPv6.Answer);
        DnsName[] candidates = expanded.Equals(name) ? [name] : [expanded, name];
        foreach (DnsName candidate in candidates)
        {
            DnssecAnswer tlsa = await _resolver.ResolveTlsaAsync(candidate, port, protocol, cancellationToken).ConfigureAwait(false);
            string owner = tlsa.Question.Name.ToString();
            if (tlsa.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate)
            {
                return Result(TlsaLookupStatus.Failed, null, [], [hostText], found, $"the TLSA RRset {owner} is {Status(tlsa.Status)}: {tlsa.Reason}");
            }

            var records = new List<TlsaData>();
            foreach (DnsRecord record in tlsa.Answer)
            {
                if (record.Type == RecordType.TLSA)
                {
                    records.Add(TlsaData.From(record));
                }
            }

            if (tlsa.Status == SecurityStatus.Secure && records.Count > 0)
            {
                string baseDomain = candidate.ToString().TrimEnd('.');
                string[] names = baseDomain.Equals(hostText, StringComparison.OrdinalIgnoreCase) ? [baseDomain] : [baseDomain, hostText];
                return Result(TlsaLookupStatus.Dane, baseDomain, records, names, found, $"the TLSA RRset {owner} is secure with {records.Count} record(s)");
            }
        }

        return Result(TlsaLookupStatus.NoDane, null, [], [hostText], found, $"no secure TLSA RRset for port {port}/{protocol} of {hostText}, so DANE does not apply");

        TlsaLookupResult Result(TlsaLookupStatus status, string? baseDomain, IReadOnlyList<TlsaData> records, IReadOnlyList<string> names, IReadOnlyList<IPAddress> addressList, string reason) =>
            new(status, hostText, baseDomain, records, names, addressList, reason);
    }

    private static DnsName FollowCnames(DnsName name, IReadOnlyList<DnsRecord> answer)
    {
        DnsName current = name;
        for (int step = 0; step < answer.Count; step++)
        {
            DnsRecord? alias = null;
            foreach (DnsRecord record in answer)
            {
                if (record.Type == RecordType.CNAME && record.Owner.Equals(current))
                {
                    alias = record;
                    break;
                }
            }

            if (alias is null)
            {
                break;
            }

            current = NameData.From(alias).Target;
        }

        return current;
    }

    private static DnssecAnswer Weaker(AddressAnswer answer) => answer.IPv4.Status == answer.Status ? answer.IPv4 : answer.IPv6;

    private static string Status(SecurityStatus status) => status.ToString().ToLowerInvariant();
}
