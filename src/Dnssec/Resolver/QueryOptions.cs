namespace Dnssec.Resolver;

/// <summary>How one query is sent: header bits, EDNS(0) and transport limits.</summary>
public sealed record QueryOptions
{
    /// <summary>The options for asking a recursive upstream for DNSSEC data: RD, DO and CD set (RFC 4035 §3.2).</summary>
    public static QueryOptions Recursive { get; } = new();

    /// <summary>The options for asking an authoritative server: RD clear, DO set.</summary>
    public static QueryOptions Authoritative { get; } = new() { RecursionDesired = false, CheckingDisabled = false };

    /// <summary>Whether to set RD.</summary>
    public bool RecursionDesired { get; init; } = true;

    /// <summary>Whether to set CD, so that the upstream returns data even when its own validation fails.</summary>
    public bool CheckingDisabled { get; init; } = true;

    /// <summary>Whether to set the DO bit asking for RRSIG, NSEC and NSEC3 records.</summary>
    public bool DnssecOk { get; init; } = true;

    /// <summary>Whether to send EDNS(0) at all.</summary>
    public bool UseEdns { get; init; } = true;

    /// <summary>The UDP payload size to advertise; 1232 avoids IP fragmentation (DNS Flag Day 2020).</summary>
    public ushort UdpPayloadSize { get; init; } = 1232;

    /// <summary>Whether to skip UDP and use TCP from the start (resolv.conf's use-vc).</summary>
    public bool TcpOnly { get; init; }

    /// <summary>How long to wait for each response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
