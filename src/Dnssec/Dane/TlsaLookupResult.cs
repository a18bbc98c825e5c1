using System.Net;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>The TLSA records of a service with the names and addresses that go with them, or why DANE does not apply.</summary>
public sealed class TlsaLookupResult
{
    internal TlsaLookupResult(TlsaLookupStatus status, string host, string? baseDomain, IReadOnlyList<TlsaData> records, IReadOnlyList<string> referenceIdentifiers, IReadOnlyList<IPAddress> addresses, string reason)
    {
        Status = status;
        Host = host;
        BaseDomain = baseDomain;
        Records = records;
        ReferenceIdentifiers = referenceIdentifiers;
        Addresses = addresses;
        Reason = reason;
    }

    /// <summary>Whether DANE applies, does not, or the lookup failed closed.</summary>
    public TlsaLookupStatus Status { get; }

    /// <summary>The host name the client was given, without a trailing dot; also the TLS server name (SNI).</summary>
    public string Host { get; }

    /// <summary>The TLSA base domain (RFC 7671 §7): the CNAME-expanded host when its TLSA RRset was used, else the host.</summary>
    public string? BaseDomain { get; }

    /// <summary>The TLSA RDATA, Secure; empty unless <see cref="Status"/> is <see cref="TlsaLookupStatus.Dane"/>.</summary>
    public IReadOnlyList<TlsaData> Records { get; }

    /// <summary>The names the server certificate may carry, the base domain first.</summary>
    public IReadOnlyList<string> ReferenceIdentifiers { get; }

    /// <summary>The host's addresses as resolved (IPv6 first), to connect to.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>A sentence that names the RRset and status that decided.</summary>
    public string Reason { get; }
}
