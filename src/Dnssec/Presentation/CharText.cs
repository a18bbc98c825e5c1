using System.Globalization;

namespace Dnssec.Presentation;

/// <summary>Shows a character from bad input in an error message without echoing control characters.</summary>
internal static class CharText
{
    /// <summary>The character in quotes when printable ASCII, else as U+XXXX.</summary>
    public static string Describe(char c) =>
        c is > ' ' and < (char)0x7F ? $"'{c}'" : "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
