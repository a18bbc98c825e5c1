using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Dnssec.Tests.Dane;

/// <summary>
/// OpenSSL's own DANE verdict on a server: `openssl s_client -dane_tlsa_domain NAME -dane_tlsa_rrdata "U S M HEX"`
/// completes a handshake with a loopback server and reports each X509_V_* error its verification met. The first is
/// the verdict: s_client's callback goes on after an error, so its final return code is the last error, where a
/// client that stops at the first (as Postfix, or s_client with -verify_return_error) reports the first.
/// </summary>
internal static partial class OpenSslDaneClient
{
    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and returns the first verify error (0 = authenticated) and s_client's report.</summary>
    /// <param name="port">The server's port on 127.0.0.1.</param>
    /// <param name="baseDomain">The TLSA base domain, also the name the leaf must carry.</param>
    /// <param name="tlsaRecords">The records, "U S M HEX".</param>
    /// <param name="caFile">The trust store for PKIX-TA(0) and PKIX-EE(1), or null for none.</param>
    public static (int Code, string Report) Judge(int port, string baseDomain, IEnumerable<string> tlsaRecords, string? caFile = null)
    {
        var start = new ProcessStartInfo(ExternalTool.Find("openssl"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { "s_client", "-connect", $"127.0.0.1:{port}", "-dane_tlsa_domain", baseDomain };
        foreach (string record in tlsaRecords)
        {
            arguments.AddRange(["-dane_tlsa_rrdata", record]);
        }

        if (caFile is not null)
        {
            arguments.AddRange(["-CAfile", caFile]);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl s_client did not start");

        // End of input makes s_client close the connection once the handshake is done.
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl s_client did not finish");
        }

        string report = output.Result + error.Result;
        Match code = VerifyError().Match(report);
        if (!code.Success)
        {
            code = VerifyReturnCode().Match(report);
        }

        if (!code.Success)
        {
            throw new InvalidOperationException($"openssl s_client reported no verify result: {report}");
        }

        return (int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture), string.Join('\n', report.Split('\n').Where(line => line.Contains("verify", StringComparison.OrdinalIgnoreCase) || line.Contains("DANE", StringComparison.Ordinal))));
    }

    [GeneratedRegex(@"verify error:num=(\d+)")]
    private static partial Regex VerifyError();

    [GeneratedRegex(@"Verify return code: (\d+)")]
    private static partial Regex VerifyReturnCode();
}
