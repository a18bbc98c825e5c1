using System.Diagnostics.CodeAnalysis;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>Reads the option values the DANE commands share: digest lists and TLSA files.</summary>
internal static class DaneOptionText
{
    /// <summary>Reads "sha512,sha256" (Postfix's tls_dane_digests names) into a preference list, strongest first.</summary>
    public static bool TryParseDigests(string text, IList<TlsaMatchingType> preference, [NotNullWhen(false)] out string? error)
    {
        preference.Clear();
        foreach (string name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            TlsaMatchingType type = name.ToLowerInvariant() switch
            {
                "sha512" or "sha2-512" => TlsaMatchingType.SHA2512,
                "sha256" or "sha2-256" => TlsaMatchingType.SHA2256,
                _ => TlsaMatchingType.Full,
            };
            if (type == TlsaMatchingType.Full)
            {
                error = $"'{name}' is not a digest (sha512 or sha256)";
                return false;
            }

            if (preference.Contains(type))
            {
                error = $"'{name}' is listed twice";
                return false;
            }

            preference.Add(type);
        }

        if (preference.Count == 0)
        {
            error = "no digest listed";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads TLSA lines ("U S M HEX"; blank lines and '#' comments skipped) and names the line of any error.</summary>
    public static bool TryReadTlsaFile(string path, out List<TlsaData> records, [NotNullWhen(false)] out string? error)
    {
        records = [];
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            int comment = raw.IndexOf('#', StringComparison.Ordinal);
            string line = (comment >= 0 ? raw[..comment] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!TlsaText.TryParse(line, out TlsaData record, out string? lineError))
            {
                error = $"{path}:{number}: {lineError}";
                return false;
            }

            records.Add(record);
        }

        if (records.Count == 0)
        {
            error = $"{path}: no TLSA record";
            return false;
        }

        error = null;
        return true;
    }
}
