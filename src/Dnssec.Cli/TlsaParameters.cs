using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dnssec.Dane;

namespace Dnssec.Cli;

/// <summary>Reads a TLSA usage, selector or matching type as a number or by its RFC 7218 acronym, in any case.</summary>
internal static class TlsaParameters
{
    // The acronyms of RFC 7218 §2.1-§2.3, in value order: a name's index is its number.
    private static readonly string[] Usages = ["PKIX-TA", "PKIX-EE", "DANE-TA", "DANE-EE"];
    private static readonly string[] Selectors = ["CERT", "SPKI"];
    private static readonly string[] MatchingTypes = ["FULL", "SHA2-256", "SHA2-512"];

    /// <summary>The usage names, RFC 7218 §2.1.</summary>
    public static string UsageNames { get; } = string.Join(", ", Usages);

    /// <summary>The selector names, RFC 7218 §2.2.</summary>
    public static string SelectorNames { get; } = string.Join(", ", Selectors);

    /// <summary>The matching type names, RFC 7218 §2.3.</summary>
    public static string MatchingTypeNames { get; } = string.Join(", ", MatchingTypes);

    /// <summary>Reads 0-3 or PKIX-TA, PKIX-EE, DANE-TA, DANE-EE.</summary>
    public static bool TryParseUsage(string text, [NotNullWhen(true)] out TlsaUsage? usage)
    {
        usage = Read(text, Usages) is { } value ? (TlsaUsage)value : null;
        return usage is not null;
    }

    /// <summary>Reads 0-1 or CERT, SPKI.</summary>
    public static bool TryParseSelector(string text, [NotNullWhen(true)] out TlsaSelector? selector)
    {
        selector = Read(text, Selectors) is { } value ? (TlsaSelector)value : null;
        return selector is not null;
    }

    /// <summary>Reads 0-2 or FULL, SHA2-256, SHA2-512.</summary>
    public static bool TryParseMatchingType(string text, [NotNullWhen(true)] out TlsaMatchingType? matchingType)
    {
        matchingType = Read(text, MatchingTypes) is { } value ? (TlsaMatchingType)value : null;
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
