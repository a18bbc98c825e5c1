using System.Collections.Frozen;
using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>Text names of record types, classes, response codes and DNSSEC algorithms, as zone files and dig print them.</summary>
public static class Mnemonics
{
    private const string TypePrefix = "TYPE";
    private const string ClassPrefix = "CLASS";
    private const string ResponseCodePrefix = "RCODE";

    // The IANA RR TYPE registry through WALLET (262), which is what BIND 9.18 knows; later types print as TYPEnnn (RFC 3597 §5).
    private static readonly string?[] TypeNames = BuildTypeNames();
    private static readonly FrozenDictionary<string, ushort> TypeCodes = BuildTypeCodes();
    private static readonly FrozenDictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> TypeLookup = TypeCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, ushort> ClassCodes = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase)
    {
        ["IN"] = 1,
        ["CH"] = 3,
        ["CHAOS"] = 3,
        ["HS"] = 4,
        ["HESIOD"] = 4,
        ["NONE"] = 254,
        ["ANY"] = 255,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> ClassLookup = ClassCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string?[] ResponseCodeNames =
    [
        "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
        null, null, null, null, null, "BADVERS", null, null, null, null, null, null, "BADCOOKIE",
    ];

    private static readonly FrozenDictionary<string, ushort> ResponseCodes = BuildCodes(ResponseCodeNames);
    private static readonly FrozenDictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> ResponseCodeLookup = ResponseCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string?[] AlgorithmNames = BuildAlgorithmNames();
    private static readonly FrozenDictionary<string, ushort> AlgorithmCodes = BuildAlgorithmCodes();
    private static readonly FrozenDictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> AlgorithmLookup = AlgorithmCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] SmallNumbers = BuildSmallNumbers();

    /// <summary>The registry mnemonic of <paramref name="type"/>, or <c>TYPEnnn</c> when it has none (RFC 3597 §5).</summary>
    public static string FormatRecordType(RecordType type)
    {
        ushort code = (ushort)type;
        if (code < TypeNames.Length && TypeNames[code] is { } name)
        {
            return name;
        }

        return type switch
        {
            RecordType.TA => "TA",
            RecordType.DLV => "DLV",
            _ => TypePrefix + code.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Parses a type mnemonic or <c>TYPEnnn</c> for any 16-bit number, ignoring case.</summary>
    public static bool TryParseRecordType(ReadOnlySpan<char> text, out RecordType type)
    {
        if (TypeLookup.TryGetValue(text, out ushort code) || TryParsePrefixed(text, TypePrefix, ushort.MaxValue, out code))
        {
            type = (RecordType)code;
            return true;
        }

        type = default;
        return false;
    }

    /// <summary>Parses a type mnemonic or <c>TYPEnnn</c>, ignoring case.</summary>
    /// <exception cref="FormatException">The text names no record type.</exception>
    public static RecordType ParseRecordType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseRecordType(text, out RecordType type) ? type : throw new FormatException($"Unknown record type '{text}'.");
    }

    /// <summary>The class mnemonic (<c>IN</c>, <c>CH</c>, <c>HS</c>, <c>NONE</c>, <c>ANY</c>), or <c>CLASSnnn</c> (RFC 3597 §5).</summary>
    public static string FormatClass(RecordClass @class) => @class switch
    {
        RecordClass.IN => "IN",
        RecordClass.CH => "CH",
        RecordClass.HS => "HS",
        RecordClass.NONE => "NONE",
        RecordClass.ANY => "ANY",
        _ => ClassPrefix + ((ushort)@class).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a class mnemonic (also <c>CHAOS</c> and <c>HESIOD</c>) or <c>CLASSnnn</c>, ignoring case.</summary>
    public static bool TryParseClass(ReadOnlySpan<char> text, out RecordClass @class)
    {
        if (ClassLookup.TryGetValue(text, out ushort code) || TryParsePrefixed(text, ClassPrefix, ushort.MaxValue, out code))
        {
            @class = (RecordClass)code;
            return true;
        }

        @class = default;
        return false;
    }

    /// <summary>Parses a class mnemonic or <c>CLASSnnn</c>, ignoring case.</summary>
    /// <exception cref="FormatException">The text names no class.</exception>
    public static RecordClass ParseClass(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseClass(text, out RecordClass @class) ? @class : throw new FormatException($"Unknown class '{text}'.");
    }

    /// <summary>The response code as dig prints it (<c>NOERROR</c>, <c>NXDOMAIN</c> …), or <c>RCODEnnn</c> for codes without a name.</summary>
    public static string FormatResponseCode(DnsResponseCode code)
    {
        ushort value = (ushort)code;
        if (value < ResponseCodeNames.Length && ResponseCodeNames[value] is { } name)
        {
            return name;
        }

        return ResponseCodePrefix + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a response code name or <c>RCODEnnn</c> (0 to 4095, the 12 bits of RFC 6891 §6.1.3), ignoring case.</summary>
    public static bool TryParseResponseCode(ReadOnlySpan<char> text, out DnsResponseCode code)
    {
        if (ResponseCodeLookup.TryGetValue(text, out ushort value) || TryParsePrefixed(text, ResponseCodePrefix, 4095, out value))
        {
            code = (DnsResponseCode)value;
            return true;
        }

        code = default;
        return false;
    }

    /// <summary>Parses a response code name or <c>RCODEnnn</c>, ignoring case.</summary>
    /// <exception cref="FormatException">The text names no response code.</exception>
    public static DnsResponseCode ParseResponseCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseResponseCode(text, out DnsResponseCode code) ? code : throw new FormatException($"Unknown response code '{text}'.");
    }

    /// <summary>The registry mnemonic of the algorithm (<c>RSASHA1-NSEC3-SHA1</c>, <c>ECDSAP256SHA256</c> …), or its number when it has none.</summary>
    public static string FormatAlgorithm(DnssecAlgorithm algorithm) =>
        AlgorithmNames[(byte)algorithm] ?? SmallNumbers[(byte)algorithm];

    /// <summary>Parses an algorithm mnemonic, ignoring case and accepting the dashless enum spellings, or a number from 0 to 255.</summary>
    public static bool TryParseAlgorithm(ReadOnlySpan<char> text, out DnssecAlgorithm algorithm)
    {
        if (AlgorithmLookup.TryGetValue(text, out ushort value) || TryParseDecimal(text, byte.MaxValue, out value))
        {
            algorithm = (DnssecAlgorithm)value;
            return true;
        }

        algorithm = default;
        return false;
    }

    /// <summary>Parses an algorithm mnemonic or number.</summary>
    /// <exception cref="FormatException">The text names no algorithm.</exception>
    public static DnssecAlgorithm ParseAlgorithm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseAlgorithm(text, out DnssecAlgorithm algorithm) ? algorithm : throw new FormatException($"Unknown DNSSEC algorithm '{text}'.");
    }

    /// <summary>Parses 1 to 5 decimal digits, leading zeros allowed, up to <paramref name="max"/>.</summary>
    internal static bool TryParseDecimal(ReadOnlySpan<char> text, int max, out ushort value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 5)
        {
            return false;
        }

        int result = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            result = (result * 10) + (c - '0');
        }

        if (result > max)
        {
            return false;
        }

        value = (ushort)result;
        return true;
    }

    private static bool TryParsePrefixed(ReadOnlySpan<char> text, string prefix, int max, out ushort value)
    {
        value = 0;
        return text.Length > prefix.Length &&
            text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
            TryParseDecimal(text[prefix.Length..], max, out value);
    }

    private static string?[] BuildTypeNames()
    {
        string?[] names = new string?[263];
        ReadOnlySpan<string> low =
        [
            "A", "NS", "MD", "MF", "CNAME", "SOA", "MB", "MG", "MR", "NULL", "WKS", "PTR", "HINFO", "MINFO", "MX", "TXT", "RP",
            "AFSDB", "X25", "ISDN", "RT", "NSAP", "NSAP-PTR", "SIG", "KEY", "PX", "GPOS", "AAAA", "LOC", "NXT", "EID", "NIMLOC",
            "SRV", "ATMA", "NAPTR", "KX", "CERT", "A6", "DNAME", "SINK", "OPT", "APL", "DS", "SSHFP", "IPSECKEY", "RRSIG", "NSEC",
            "DNSKEY", "DHCID", "NSEC3", "NSEC3PARAM", "TLSA", "SMIMEA",
        ];
        for (int i = 0; i < low.Length; i++)
        {
            names[i + 1] = low[i];
        }

        ReadOnlySpan<string> next = ["HIP", "NINFO", "RKEY", "TALINK", "CDS", "CDNSKEY", "OPENPGPKEY", "CSYNC", "ZONEMD", "SVCB", "HTTPS", "DSYNC", "HHIT", "BRID"];
        for (int i = 0; i < next.Length; i++)
        {
            names[55 + i] = next[i];
        }

        ReadOnlySpan<string> experimental = ["SPF", "UINFO", "UID", "GID", "UNSPEC", "NID", "L32", "L64", "LP", "EUI48", "EUI64"];
        for (int i = 0; i < experimental.Length; i++)
        {
            names[99 + i] = experimental[i];
        }

        // RFC 9824 §2: the compact denial meta-type, seen only in NSEC type bitmaps.
        names[(int)RecordType.NXNAME] = "NXNAME";

        ReadOnlySpan<string> meta = ["TKEY", "TSIG", "IXFR", "AXFR", "MAILB", "MAILA", "ANY", "URI", "CAA", "AVC", "DOA", "AMTRELAY", "RESINFO", "WALLET"];
        for (int i = 0; i < meta.Length; i++)
        {
            names[249 + i] = meta[i];
        }

        return names;
    }

    private static FrozenDictionary<string, ushort> BuildTypeCodes()
    {
        var codes = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < TypeNames.Length; i++)
        {
            if (TypeNames[i] is { } name)
            {
                codes[name] = (ushort)i;
            }
        }

        codes["TA"] = (ushort)RecordType.TA;
        codes["DLV"] = (ushort)RecordType.DLV;
        return codes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, ushort> BuildCodes(string?[] names)
    {
        var codes = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i] is { } name)
            {
                codes[name] = (ushort)i;
            }
        }

        return codes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static string?[] BuildAlgorithmNames()
    {
        string?[] names = new string?[256];
        names[1] = "RSAMD5";
        names[2] = "DH";
        names[3] = "DSA";
        names[5] = "RSASHA1";
        names[6] = "DSA-NSEC3-SHA1";
        names[7] = "RSASHA1-NSEC3-SHA1";
        names[8] = "RSASHA256";
        names[10] = "RSASHA512";
        names[12] = "ECC-GOST";
        names[13] = "ECDSAP256SHA256";
        names[14] = "ECDSAP384SHA384";
        names[15] = "ED25519";
        names[16] = "ED448";
        names[17] = "SM2SM3";
        names[23] = "ECC-GOST12";
        names[252] = "INDIRECT";
        names[253] = "PRIVATEDNS";
        names[254] = "PRIVATEOID";
        return names;
    }

    private static FrozenDictionary<string, ushort> BuildAlgorithmCodes()
    {
        var codes = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < AlgorithmNames.Length; i++)
        {
            if (AlgorithmNames[i] is { } name)
            {
                codes[name] = (ushort)i;
                codes[name.Replace("-", string.Empty, StringComparison.Ordinal)] = (ushort)i;
            }
        }

        // BIND's older spellings of the NSEC3 variants.
        codes["NSEC3RSASHA1"] = (ushort)DnssecAlgorithm.RSASHA1NSEC3SHA1;
        codes["NSEC3DSA"] = (ushort)DnssecAlgorithm.DSANSEC3SHA1;
        return codes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static string[] BuildSmallNumbers()
    {
        string[] numbers = new string[256];
        for (int i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return numbers;
    }
}
