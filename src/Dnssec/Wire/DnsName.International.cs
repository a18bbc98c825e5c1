using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Dnssec.Wire;

public sealed partial class DnsName
{
    // UseStd3AsciiRules limits the ASCII letters of a converted label to LDH, as IDNA2008 requires of U-labels (RFC 5891 §4.2.3.1).
    private static readonly IdnMapping Idna = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// Parses a name that may hold internationalised labels (RFC 5890): each label with a non-ASCII character becomes its
    /// A-label (<c>bücher</c> → <c>xn--bcher-kva</c>), lower-cased first as UTS #46 maps it; ASCII labels are read as
    /// <see cref="Parse(string)"/> reads them, underscores and escapes included, as DNS names are not only host names.
    /// A name without a final dot is taken as absolute.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid name; the message names the bad label and why.</exception>
    public static DnsName ParseInternational(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseInternational(text, out DnsName? name, out string? error))
        {
            throw new FormatException($"Invalid domain name '{text}': {error}");
        }

        return name;
    }

    /// <summary>Parses a name that may hold internationalised labels, as <see cref="ParseInternational"/>, without throwing.</summary>
    public static bool TryParseInternational(string? text, [NotNullWhen(true)] out DnsName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (text is null)
        {
            error = "no name given";
            return false;
        }

        if (Ascii.IsValid(text))
        {
            return TryParseCore(text, Root, out name, out error);
        }

        List<string> labels = SplitLabels(text);
        bool absolute = labels.Count > 1 && labels[^1].Length == 0;
        if (absolute)
        {
            labels.RemoveAt(labels.Count - 1);
        }

        var ascii = new StringBuilder(text.Length + 16);
        foreach (string label in labels)
        {
            if (label.Length == 0)
            {
                error = "empty label";
                return false;
            }

            if (!Ascii.IsValid(label))
            {
                if (!TryToALabel(label, out string? aLabel, out error))
                {
                    return false;
                }

                ascii.Append(aLabel);
            }
            else
            {
                ascii.Append(label);
            }

            ascii.Append('.');
        }

        return TryParseCore(ascii.ToString(), Root, out name, out error);
    }

    /// <summary>Splits at unescaped full stops and the ideographic and full-width ones UTS #46 §2.3 treats as full stops.</summary>
    private static List<string> SplitLabels(string text)
    {
        var labels = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '.' or '\u3002' or '\uFF0E' or '\uFF61')
            {
                labels.Add(text[start..i]);
                start = i + 1;
            }
        }

        labels.Add(text[start..]);
        return labels;
    }

    /// <summary>
    /// Checks a U-label against the IDNA2008 rules that hold without Unicode normalisation data (which invariant
    /// globalisation lacks) and converts it: letters, digits and combining marks, not starting with a mark, LDH ASCII.
    /// </summary>
    private static bool TryToALabel(string label, [NotNullWhen(true)] out string? aLabel, [NotNullWhen(false)] out string? error)
    {
        aLabel = null;
        // UTS #46 §4 maps upper case to lower case; the runtime's managed IDNA (invariant mode) would encode it as is.
        string lower = label.ToLowerInvariant();
        if (lower.StartsWith('-') || lower.EndsWith('-') || (lower.Length >= 4 && lower[2] == '-' && lower[3] == '-'))
        {
            // RFC 5891 §4.2.3.1: no hyphen first or last, nor in the third and fourth positions.
            error = $"label '{label}' has a hyphen first, last, or third and fourth";
            return false;
        }

        int index = 0;
        while (index < lower.Length)
        {
            if (Rune.DecodeFromUtf16(lower.AsSpan(index), out Rune rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                error = $"label '{label}' is not valid UTF-16 at character {index + 1}";
                return false;
            }

            if (Disallowed(rune, index == 0) is { } why)
            {
                error = $"label '{label}' cannot be internationalised: U+{rune.Value:X4} {why}";
                return false;
            }

            index += used;
        }

        try
        {
            aLabel = Idna.GetAscii(lower);
        }
        catch (ArgumentException exception)
        {
            error = $"label '{label}' has no A-label of at most {MaxLabelLength} octets ({exception.Message})";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Why a code point may not be in a U-label, or null when it may.</summary>
    private static string? Disallowed(Rune rune, bool first)
    {
        if (rune.IsAscii)
        {
            return rune.Value is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? null : "is not a letter, digit or '-' (an internationalised label is a host name label)";
        }

        if (rune.Value is >= 0xFF00 and <= 0xFFEF)
        {
            // UTS #46 maps these to their ordinary forms with NFKC, which invariant globalisation cannot do.
            return "is a full-width or half-width form: write the ordinary character";
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber => null,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => first ? "is a combining mark and cannot start a label (RFC 5891 §4.2.3.2)" : null,
            UnicodeCategory.OtherNotAssigned => "is not assigned in Unicode",
            _ => "is not a letter, digit or combining mark (RFC 5892 allows no symbols, punctuation, spaces or controls)",
        };
    }
}
