namespace Dnssec.Wire;

/// <summary>The kinds of field an RDATA layout is made of; one schema drives reading, canonical form and text for every known type.</summary>
internal enum FieldKind : byte
{
    /// <summary>A domain name.</summary>
    Name,
    /// <summary>An unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>An unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>An unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>A 32-bit time shown as YYYYMMDDHHmmSS (RRSIG inception and expiration).</summary>
    Time,
    /// <summary>A 16-bit RR type shown by its mnemonic (RRSIG type covered).</summary>
    TypeCode,
    /// <summary>Four octets of IPv4 address.</summary>
    Ipv4,
    /// <summary>Sixteen octets of IPv6 address.</summary>
    Ipv6,
    /// <summary>One length-prefixed character string.</summary>
    CharacterString,
    /// <summary>One or more character strings filling the rest of the RDATA.</summary>
    CharacterStrings,
    /// <summary>The rest of the RDATA, shown as base64.</summary>
    Base64,
    /// <summary>The rest of the RDATA, shown as hexadecimal.</summary>
    Hex,
    /// <summary>A length-prefixed octet string shown as hexadecimal, or "-" when empty (NSEC3 salt).</summary>
    SaltHex,
    /// <summary>A length-prefixed octet string shown as base32hex (NSEC3 next hashed owner).</summary>
    HashBase32,
    /// <summary>The rest of the RDATA as NSEC-style type bitmap windows (RFC 4034 §4.1.2).</summary>
    TypeBitmap,
    /// <summary>The rest of the RDATA as SVCB key/value parameters (RFC 9460 §2.2).</summary>
    ServiceParameters,
    /// <summary>A length-prefixed CAA tag shown bare (RFC 8659 §4.1).</summary>
    CaaTag,
    /// <summary>The rest of the RDATA shown as one quoted string (CAA value, URI target).</summary>
    QuotedRest,
    /// <summary>Six octets shown as a dash-separated MAC address (RFC 7043).</summary>
    Eui48,
    /// <summary>Eight octets shown as a dash-separated EUI-64 (RFC 7043).</summary>
    Eui64,
    /// <summary>The rest of the RDATA with no known structure, shown in the generic form of RFC 3597.</summary>
    Opaque,
}
