namespace Dnssec.Wire;

/// <summary>The single-bit flags of the DNS header, at their positions in the 16-bit flags word (RFC 1035 §4.1.1, RFC 4035 §3.2).</summary>
[Flags]
public enum DnsHeaderFlags : ushort
{
    /// <summary>No flag set.</summary>
    None = 0,
    /// <summary>QR: the message is a response.</summary>
    Response = 0x8000,
    /// <summary>AA: the answer is authoritative.</summary>
    Authoritative = 0x0400,
    /// <summary>TC: the message was truncated.</summary>
    Truncated = 0x0200,
    /// <summary>RD: recursion desired.</summary>
    RecursionDesired = 0x0100,
    /// <summary>RA: recursion available.</summary>
    RecursionAvailable = 0x0080,
    /// <summary>Z: reserved, must be zero.</summary>
    Reserved = 0x0040,
    /// <summary>AD: authentic data, set by a validating resolver (RFC 4035 §3.2.3).</summary>
    AuthenticData = 0x0020,
    /// <summary>CD: checking disabled, asks for unvalidated data (RFC 4035 §3.2.2).</summary>
    CheckingDisabled = 0x0010,
}
