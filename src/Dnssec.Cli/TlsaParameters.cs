using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dnssec.Dane;

namespace Dnssec.Cli;

/// <summary>Reads a TLSA usage, selector or matching type as a number or by its RFC 7218 acronym, in any case.</summary>
internal static class TlsaParameters
{
    /// <summary>The usage names, RFC 7218 §2.1.</summary>
    public const string UsageNames = "PKIX-TA, PKIX-EE, DANE-TA, DANE-EE";

    /// <summary>The selector names, RFC 7218 §2.2.</summary>
    public const string SelectorNames = "CERT, SPKI";

    /// <summary>The matching type names, RFC 7218 §2.3.</summary>
    public const string MatchingTypeNames = "FULL, SHA2-256, SHA2-512";

    /// <summary>Reads 0-3 or PKIX-TA, PKIX-EE, DANE-TA, DANE-EE.</summary>
    public static bool TryParseUsage(string text, [NotNullWhen(true)] out TlsaUsage? usage)
    {
        usage = Read(text, ["PKIX-TA", "PKIX-EE", "DANE-TA", "DANE-EE"]) is { } value ? (TlsaUsage)value : null;
        return usage is not null;
    }

    /// <summary>Reads 0-1 or CERT, SPKI.</summary>
    public static bool TryParseSelector(string text, [NotNullWhen(true)] out TlsaSelector? selector)
    {
        selector = Read(text, ["CERT", "SPKI"]) is { } value ? (TlsaSelector)value : null;
        return selector is not null;
    }

    /// <summary>Reads 0-2 or FULL, SHA2-256, SHA2-512.</summary>
    public static bool TryParseMatchingType(string text, [NotNullWhen(true)] out TlsaMatchingType? matchingType)
    {
        matchingType = Read(text, ["FULL", "SHA2-256", "SHA2-512"]) is { } value ? (TlsaMatchingType)value : null;
        return matchingType is not null;
    }

    /// <summary>The value of a number below <paramref name="names"/>' count or of one of the names, which are in value order.</summary>
    private static byte? Read(string text, string[] names)
    {
        if (byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out byte number))
        {
            return number < names.Length ? number : null;
        }

        int index = Array.FindIndex(names, name => name.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? (byte)index : null;
    }
}
