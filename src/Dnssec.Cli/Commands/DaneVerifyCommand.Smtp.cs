using Dnssec.Dane;
using Dnssec.Resolver;

namespace Dnssec.Cli.Commands;

internal static partial class DaneVerifyCommand
{
    /// <summary>SMTP with STARTTLS through <see cref="SmtpDaneClient"/>: the MX hosts (with --mx) and their addresses until one completes, as posttls-finger does.</summary>
    private static async Task<int> SmtpAsync(Request request, DnssecResolver resolver, DaneVerifierOptions verifier, CancellationToken cancellationToken)
    {
        var policy = new SmtpTlsPolicy { Level = ParseLevel(request.Level), Verifier = verifier };
        foreach (string fingerprint in request.Fingerprints)
        {
            policy.Fingerprints.Add(fingerprint);
        }

        if (request.TrustAnchorFile is not null)
        {
            policy.LoadTrustAnchorFile(request.TrustAnchorFile.FullName);
        }

        var client = new SmtpDaneClient(resolver) { Port = request.Port, Timeout = request.AddressTimeout };
        if (request.Helo is not null)
        {
            client.HeloName = NameArgument.ToAscii(request.Helo);
        }

        SmtpDeliveryResult result;
        try
        {
            result = await client.DeliverAsync(request.Host, policy, null, request.Mx, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            return Fail(request, CliJson.Usage, exception.Message);
        }

        var attempts = new List<DaneVerifyAttempt>();
        foreach (SmtpDeliveryResult tried in result.Attempts)
        {
            var attempt = new DaneVerifyAttempt(tried.MxHost ?? request.Host, tried.Address)
            {
                Connected = tried.Connected,
                Tls = tried.Tls,
                Dane = tried.Dane,
                Reason = tried.Reason,
                Transcript = tried.Transcript,
            };
            if (tried.TimedOut)
            {
                // The client's limit (--timeout) ran out while connecting or in the SMTP session.
                Unreachable(attempt, CliJson.Timeout, tried.Connected ? "session" : "connect", tried.Reason);
            }
            else if (tried.Address is not null && !tried.Connected)
            {
                Unreachable(attempt, CliJson.Io, "connect", tried.Reason);
            }
            else
            {
                attempt.Outcome = !tried.Delivered ? DaneVerifyOutcome.Refused
                    : tried.Dane is { Authenticated: true } && tried.EffectiveLevel is SmtpSecurityLevel.Dane or SmtpSecurityLevel.DaneOnly ? DaneVerifyOutcome.Authenticated
                    : DaneVerifyOutcome.NoDane;
            }

            attempts.Add(attempt);
        }

        DaneVerifyOutcome overall = Overall(attempts);
        var report = new DaneVerifyReport(request.Host, request.Port, null, null, attempts, overall, new DaneVerifyReport.SmtpPart(request.Level, Level(result.EffectiveLevel), result));
        if (request.Json)
        {
            report.WriteJson();
        }
        else
        {
            report.WriteText(Console.Out);
        }

        return ExitCode(overall);
    }

    private static SmtpSecurityLevel ParseLevel(string text) => text switch
    {
        "may" => SmtpSecurityLevel.May,
        "encrypt" => SmtpSecurityLevel.Encrypt,
        "dane-only" => SmtpSecurityLevel.DaneOnly,
        "fingerprint" => SmtpSecurityLevel.Fingerprint,
        "verify" => SmtpSecurityLevel.Verify,
        "secure" => SmtpSecurityLevel.Secure,
        _ => SmtpSecurityLevel.Dane,
    };

    /// <summary>The level as Postfix spells it.</summary>
    private static string Level(SmtpSecurityLevel level) => level == SmtpSecurityLevel.DaneOnly ? "dane-only" : level.ToString().ToLowerInvariant();
}
