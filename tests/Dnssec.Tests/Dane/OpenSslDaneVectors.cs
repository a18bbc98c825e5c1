using System.Globalization;

namespace Dnssec.Tests.Dane;

/// <summary>
/// Reads OpenSSL's danetest.in format (Fixtures/Dane/OpenSsl/NOTES.md): a header line, the declared number of TLSA
/// lines, then PEM certificates; anything else between them is skipped, as danetest.c's PEM reader skips it.
/// </summary>
internal static class OpenSslDaneVectors
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dane", "OpenSsl");

    public static IReadOnlyList<OpenSslDaneCase> Read(string fileName)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Directory, fileName));
        var cases = new List<OpenSslDaneCase>();
        int index = 0;
        int number = 0;
        while (index < lines.Length)
        {
            string line = lines[index].Trim();
            index++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int[] header = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            number++;
            var tlsa = new List<string>();
            for (int i = 0; i < header[0]; i++)
            {
                tlsa.Add(lines[index++].Trim());
            }

            var certificates = new List<string>();
            while (certificates.Count < header[1])
            {
                line = lines[index++];
                if (line.StartsWith("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                {
                    int start = index - 1;
                    while (!lines[index - 1].StartsWith("-----END CERTIFICATE-----", StringComparison.Ordinal))
                    {
                        index++;
                    }

                    certificates.Add(string.Join('\n', lines[start..index]) + "\n");
                }
            }

            cases.Add(new OpenSslDaneCase(fileName, number, tlsa, certificates, NoNameChecks: header[2] == 1, header[3], header[4]));
        }

        return cases;
    }
}

/// <summary>One case of an OpenSSL DANE vector file.</summary>
internal sealed record OpenSslDaneCase(string File, int Number, IReadOnlyList<string> Tlsa, IReadOnlyList<string> CertificatesPem, bool NoNameChecks, int VerifyResult, int MatchDepth)
{
    public override string ToString() => $"{File} #{Number}";
}
