using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>
/// The presentation form of TLSA RDATA, "U S M HEX" (RFC 6698 §2.2), as `dnssec dane check` reads it and `dnssec tlsa`
/// prints it; a zone-file line is accepted too, its fields after "TLSA" being used.
/// </summary>
public static class TlsaText
{
    /// <summary>Formats the record as "U S M HEX" with upper-case hex.</summary>
    public static string Format(TlsaData record) =>
        $"{record.CertificateUsage} {record.Selector} {record.MatchingType} {Convert.ToHexString(record.AssociationData.Span)}";

    /// <summary>Reads one record; fields out of range or data that is not hex give an error that names the field.</summary>
    public static bool TryParse(string line, out TlsaData record, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        record = default;
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int type = Array.FindIndex(fields, f => f.Equals("TLSA", StringComparison.OrdinalIgnoreCase));
        if (type >= 0)
        {
            fields = fields[(type + 1)..];
        }

        if (fields.Length < 4)
        {
            error = "a TLSA record needs usage, selector, matching type and data";
            return false;
        }

        string[] names = ["usage", "selector", "matching type"];
        Span<byte> values = stackalloc byte[3];
        for (int i = 0; i < 3; i++)
        {
            if (!byte.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                error = $"the {names[i]} '{fields[i]}' is not a number from 0 to 255";
                return false;
            }
        }

        string hex = string.Concat(fields[3..]);
        byte[] data;
        try
        {
            data = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            error = "the certificate association data is not an even number of hex digits";
            return false;
        }

        record = TlsaData.Parse(TlsaData.Encode(values[0], values[1], values[2], data));
        error = null;
        return true;
    }
}
