namespace Dnssec.Wire;

/// <summary>DNS resource record TYPE codes from the IANA registry; any 16-bit value is valid, so unknown codes survive (RFC 3597).</summary>
public enum RecordType : ushort
{
    /// <summary>IPv4 host address (RFC 1035).</summary>
    A = 1,
    /// <summary>Authoritative name server (RFC 1035).</summary>
    NS = 2,
    /// <summary>Mail destination, obsolete (RFC 1035).</summary>
    MD = 3,
    /// <summary>Mail forwarder, obsolete (RFC 1035).</summary>
    MF = 4,
    /// <summary>Canonical name for an alias (RFC 1035).</summary>
    CNAME = 5,
    /// <summary>Start of a zone of authority (RFC 1035).</summary>
    SOA = 6,
    /// <summary>Mailbox domain name (RFC 1035).</summary>
    MB = 7,
    /// <summary>Mail group member (RFC 1035).</summary>
    MG = 8,
    /// <summary>Mail rename domain name (RFC 1035).</summary>
    MR = 9,
    /// <summary>Null record (RFC 1035).</summary>
    NULL = 10,
    /// <summary>Well-known service description (RFC 1035).</summary>
    WKS = 11,
    /// <summary>Domain name pointer (RFC 1035).</summary>
    PTR = 12,
    /// <summary>Host information (RFC 1035, RFC 8482).</summary>
    HINFO = 13,
    /// <summary>Mailbox or mail list information (RFC 1035).</summary>
    MINFO = 14,
    /// <summary>Mail exchange (RFC 1035).</summary>
    MX = 15,
    /// <summary>Text strings (RFC 1035).</summary>
    TXT = 16,
    /// <summary>Responsible person (RFC 1183).</summary>
    RP = 17,
    /// <summary>AFS database location (RFC 1183).</summary>
    AFSDB = 18,
    /// <summary>Route through (RFC 1183).</summary>
    RT = 21,
    /// <summary>Security signature, superseded by RRSIG (RFC 2535).</summary>
    SIG = 24,
    /// <summary>Security key, superseded by DNSKEY (RFC 2535).</summary>
    KEY = 25,
    /// <summary>X.400 mail mapping (RFC 2163).</summary>
    PX = 26,
    /// <summary>IPv6 host address (RFC 3596).</summary>
    AAAA = 28,
    /// <summary>Location information (RFC 1876).</summary>
    LOC = 29,
    /// <summary>Next domain, superseded by NSEC (RFC 2535).</summary>
    NXT = 30,
    /// <summary>Service locator (RFC 2782).</summary>
    SRV = 33,
    /// <summary>Naming authority pointer (RFC 3403).</summary>
    NAPTR = 35,
    /// <summary>Key exchanger (RFC 2230).</summary>
    KX = 36,
    /// <summary>Certificate (RFC 4398).</summary>
    CERT = 37,
    /// <summary>IPv6 address with prefix chain, historic (RFC 6563).</summary>
    A6 = 38,
    /// <summary>Delegation name, redirecting a subtree (RFC 6672).</summary>
    DNAME = 39,
    /// <summary>EDNS(0) pseudo-record (RFC 6891).</summary>
    OPT = 41,
    /// <summary>Address prefix list (RFC 3123).</summary>
    APL = 42,
    /// <summary>Delegation signer (RFC 4034).</summary>
    DS = 43,
    /// <summary>SSH key fingerprint (RFC 4255).</summary>
    SSHFP = 44,
    /// <summary>IPsec key (RFC 4025).</summary>
    IPSECKEY = 45,
    /// <summary>DNSSEC signature (RFC 4034).</summary>
    RRSIG = 46,
    /// <summary>Next secure record (RFC 4034).</summary>
    NSEC = 47,
    /// <summary>DNSSEC public key (RFC 4034).</summary>
    DNSKEY = 48,
    /// <summary>DHCP identifier (RFC 4701).</summary>
    DHCID = 49,
    /// <summary>Hashed next secure record (RFC 5155).</summary>
    NSEC3 = 50,
    /// <summary>NSEC3 parameters (RFC 5155).</summary>
    NSEC3PARAM = 51,
    /// <summary>TLS certificate association (RFC 6698).</summary>
    TLSA = 52,
    /// <summary>S/MIME certificate association (RFC 8162).</summary>
    SMIMEA = 53,
    /// <summary>Host identity protocol (RFC 8005).</summary>
    HIP = 55,
    /// <summary>Child copy of DS (RFC 7344).</summary>
    CDS = 59,
    /// <summary>Child copy of DNSKEY (RFC 7344).</summary>
    CDNSKEY = 60,
    /// <summary>OpenPGP public key (RFC 7929).</summary>
    OPENPGPKEY = 61,
    /// <summary>Child-to-parent synchronisation (RFC 7477).</summary>
    CSYNC = 62,
    /// <summary>Message digest over zone data (RFC 8976).</summary>
    ZONEMD = 63,
    /// <summary>General-purpose service binding (RFC 9460).</summary>
    SVCB = 64,
    /// <summary>Service binding for HTTP (RFC 9460).</summary>
    HTTPS = 65,
    /// <summary>Sender policy framework, historic (RFC 7208).</summary>
    SPF = 99,
    /// <summary>48-bit MAC address (RFC 7043).</summary>
    EUI48 = 108,
    /// <summary>64-bit MAC address (RFC 7043).</summary>
    EUI64 = 109,
    /// <summary>Meta-type in an NSEC type bitmap saying the name does not exist (RFC 9824 compact denial); never a record.</summary>
    NXNAME = 128,
    /// <summary>Transaction key (RFC 2930).</summary>
    TKEY = 249,
    /// <summary>Transaction signature (RFC 8945).</summary>
    TSIG = 250,
    /// <summary>Incremental zone transfer query (RFC 1995).</summary>
    IXFR = 251,
    /// <summary>Full zone transfer query (RFC 5936).</summary>
    AXFR = 252,
    /// <summary>Any type query (RFC 1035, RFC 8482).</summary>
    ANY = 255,
    /// <summary>Uniform resource identifier (RFC 7553).</summary>
    URI = 256,
    /// <summary>Certification authority authorization (RFC 8659).</summary>
    CAA = 257,
    /// <summary>Trust authorities, non-standard.</summary>
    TA = 32768,
    /// <summary>DNSSEC lookaside validation, historic (RFC 8749).</summary>
    DLV = 32769,
}
