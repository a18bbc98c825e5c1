using System.Net;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>The A and AAAA answers for one host, and the addresses they hold.</summary>
public sealed class AddressAnswer
{
    /// <summary>Pairs the A and AAAA answers of one host.</summary>
    public AddressAnswer(DnssecAnswer ipv4, DnssecAnswer ipv6)
    {
        ArgumentNullException.ThrowIfNull(ipv4);
        ArgumentNullException.ThrowIfNull(ipv6);
        IPv4 = ipv4;
        IPv6 = ipv6;
    }

    /// <summary>The A answer.</summary>
    public DnssecAnswer IPv4 { get; }

    /// <summary>The AAAA answer.</summary>
    public DnssecAnswer IPv6 { get; }

    /// <summary>The weaker of the two statuses: Secure only when both answers are.</summary>
    public SecurityStatus Status => Rank(IPv4.Status) >= Rank(IPv6.Status) ? IPv4.Status : IPv6.Status;

    /// <summary>Every address, IPv6 first (RFC 6724 prefers it where it works).</summary>
    public IReadOnlyList<IPAddress> Addresses =>
        [.. IPv6.Records.Where(r => r.Type == RecordType.AAAA).Concat(IPv4.Records.Where(r => r.Type == RecordType.A)).Select(r => AddressData.From(r).Address)];

    private static int Rank(SecurityStatus status) => status switch
    {
        SecurityStatus.Secure => 0,
        SecurityStatus.Insecure => 1,
        SecurityStatus.Indeterminate => 2,
        _ => 3,
    };
}
