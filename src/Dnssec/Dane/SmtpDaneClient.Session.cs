using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Dane;

public sealed partial class SmtpDaneClient
{
    /// <summary>Everything one SMTP session with one MX host needs.</summary>
    private sealed record SmtpSession(string Host, string NextHop, SmtpSecurityLevel Level, SmtpTlsPolicy Policy, TlsaLookupResult Lookup, DaneVerifier Verifier, Stream Network, List<string> Transcript);

    private async ValueTask<SmtpDeliveryResult> RunSessionAsync(SmtpSession session, SmtpMessage? message, CancellationToken cancellationToken)
    {
        var lines = new SmtpLineStream(session.Network, session.Transcript);
        (int greeting, _) = await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (greeting != 220)
        {
            return Refused(session.Host, session.Level, $"{session.Host} greeted with {greeting}", session.Transcript);
        }

        List<string> extensions = await EhloAsync(lines, cancellationToken).ConfigureAwait(false);
        bool offered = extensions.Exists(e => e.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
        bool mandatory = session.Level is not (SmtpSecurityLevel.None or SmtpSecurityLevel.May);
        DaneResult? verdict = null;
        bool tls = false;
        SslStream? ssl = null;
        try
        {
            if (session.Level != SmtpSecurityLevel.None && offered)
            {
                await lines.WriteLineAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
                (int ready, _) = await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                if (ready != 220)
                {
                    if (mandatory)
                    {
                        return Refused(session.Host, session.Level, $"{session.Host} refused STARTTLS with {ready}; level {session.Level} requires TLS", session.Transcript);
                    }
                }
                else
                {
                    ssl = new SslStream(session.Network, leaveInnerStreamOpen: true);
                    string? rejection = null;
                    var options = new SslClientAuthenticationOptions
                    {
                        TargetHost = session.Host,
                        RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                        {
                            (bool accepted, verdict, rejection) = Judge(session, certificate, chain, errors);
                            return accepted;
                        },
                    };
                    try
                    {
                        await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                    }
                    catch (System.Security.Authentication.AuthenticationException exception)
                    {
                        return Refused(session.Host, session.Level, $"TLS with {session.Host} failed: {rejection ?? exception.Message}", session.Transcript, verdict);
                    }

                    tls = true;
                    session.Transcript.Add($"; TLS {ssl.SslProtocol} with {session.Host}{(verdict is null ? "" : "; " + verdict.Reason)}");
                    lines.Stream = ssl;
                    await EhloAsync(lines, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (mandatory)
            {
                // RFC 7672 §2.2: with usable TLSA records a missing STARTTLS is a downgrade, not a reason to send in clear.
                return Refused(session.Host, session.Level, $"{session.Host} did not offer STARTTLS; level {session.Level} requires TLS (a downgrade?)", session.Transcript);
            }

            if (message is null)
            {
                await QuitAsync(lines, cancellationToken).ConfigureAwait(false);
                return new SmtpDeliveryResult(true, session.Host, session.Level, tls, verdict, tls ? $"TLS established with {session.Host} at level {session.Level}" : $"plain-text session with {session.Host} at level {session.Level}", session.Transcript);
            }

            string? failure = await SendAsync(lines, message, cancellationToken).ConfigureAwait(false);
            await QuitAsync(lines, cancellationToken).ConfigureAwait(false);
            return failure is null
                ? new SmtpDeliveryResult(true, session.Host, session.Level, tls, verdict, $"delivered to {session.Host}{(tls ? " over TLS" : " in clear")} at level {session.Level}", session.Transcript)
                : Refused(session.Host, session.Level, failure, session.Transcript, verdict, tls);
        }
        finally
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The certificate check of each level; a non-null verdict when records or anchors judged the chain.</summary>
    private static (bool Accepted, DaneResult? Verdict, string? Rejection) Judge(SmtpSession session, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return (false, null, "the server sent no certificate");
        }

        List<X509Certificate2> sent = DaneTls.ServerChain(certificate, chain);
        switch (session.Level)
        {
            case SmtpSecurityLevel.May or SmtpSecurityLevel.Encrypt:
                return (true, null, null);
            case SmtpSecurityLevel.Dane or SmtpSecurityLevel.DaneOnly:
                // RFC 7672 §3.2.2: the TLSA base domain (MX host or its CNAME target), the MX host and the next-hop domain.
                string[] names = [.. new[] { session.Lookup.BaseDomain ?? session.Host, session.Host, session.NextHop }.Distinct(StringComparer.OrdinalIgnoreCase)];
                return Verdict(session.Verifier.Verify(sent, session.Lookup.Records, names));
            case SmtpSecurityLevel.Fingerprint:
                var pins = new List<TlsaData>();
                foreach (string fingerprint in session.Policy.Fingerprints)
                {
                    byte[] digest = Convert.FromHexString(fingerprint.Replace(":", "", StringComparison.Ordinal));
                    pins.Add(TlsaData.Parse(TlsaData.Encode((byte)TlsaUsage.DANEEE, (byte)TlsaSelector.Cert, (byte)TlsaMatchingType.SHA2256, digest)));
                    pins.Add(TlsaData.Parse(TlsaData.Encode((byte)TlsaUsage.DANEEE, (byte)TlsaSelector.SPKI, (byte)TlsaMatchingType.SHA2256, digest)));
                }

                return Verdict(new DaneVerifier(Sha256Only()).Verify(sent, pins, [session.Host]));
            default:
                return JudgePkix(session, sent, errors);
        }
    }

    private static (bool, DaneResult?, string?) JudgePkix(SmtpSession session, List<X509Certificate2> sent, SslPolicyErrors errors)
    {
        string[] names = session.Level == SmtpSecurityLevel.Verify ? [session.Host] : [session.NextHop];
        if (session.Policy.TrustAnchorCertificates.Count + session.Policy.TrustAnchorKeys.Count > 0)
        {
            // Postfix uses smtp_tls_trust_anchor_file entries as DANE-TA(2) records in place of the system store.
            var anchors = new List<TlsaData>();
            foreach (X509Certificate2 certificate in session.Policy.TrustAnchorCertificates)
            {
                anchors.Add(TlsaData.Parse(TlsaData.Encode((byte)TlsaUsage.DANETA, (byte)TlsaSelector.Cert, (byte)TlsaMatchingType.Full, certificate.RawData)));
            }

            foreach (byte[] key in session.Policy.TrustAnchorKeys)
            {
                anchors.Add(TlsaData.Parse(TlsaData.Encode((byte)TlsaUsage.DANETA, (byte)TlsaSelector.SPKI, (byte)TlsaMatchingType.Full, key)));
            }

            DaneResult anchored = session.Verifier.Verify(sent, anchors, names);
            if (anchored.Failure == DaneFailure.NameMismatch && session.Level == SmtpSecurityLevel.Secure && SubdomainMatches(sent[0], session.NextHop))
            {
                return (true, anchored, null);
            }

            return Verdict(anchored);
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) != SslPolicyErrors.None)
        {
            return (false, null, $"PKIX validation failed: {errors}");
        }

        bool named = ReferenceIdentifiers.Matches(sent[0], names[0]) || (session.Level == SmtpSecurityLevel.Secure && SubdomainMatches(sent[0], session.NextHop));
        return named ? (true, null, null) : (false, null, $"the certificate does not name {names[0]}");
    }

    /// <summary>Postfix's "dot-nexthop": any DNS name of the leaf below the next-hop domain.</summary>
    private static bool SubdomainMatches(X509Certificate2 leaf, string nextHop)
    {
        foreach (X509Extension extension in leaf.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension names)
            {
                foreach (string name in names.EnumerateDnsNames())
                {
                    if (name.EndsWith("." + nextHop, StringComparison.OrdinalIgnoreCase) && !name.StartsWith('*'))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static DaneVerifierOptions Sha256Only()
    {
        var options = new DaneVerifierOptions();
        options.DigestPreference.Clear();
        options.DigestPreference.Add(TlsaMatchingType.SHA2256);
        return options;
    }

    private static (bool, DaneResult?, string?) Verdict(DaneResult result) => (result.Authenticated, result, result.Authenticated ? null : result.Reason);

    private async ValueTask<List<string>> EhloAsync(SmtpLineStream lines, CancellationToken cancellationToken)
    {
        await lines.WriteLineAsync($"EHLO {HeloName}", cancellationToken).ConfigureAwait(false);
        (int code, List<string> reply) = await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (code != 250)
        {
            throw new IOException($"EHLO was answered with {code}");
        }

        return reply.Skip(1).Select(l => l.Split(' ')[0]).ToList();
    }

    private static async ValueTask<string?> SendAsync(SmtpLineStream lines, SmtpMessage message, CancellationToken cancellationToken)
    {
        await lines.WriteLineAsync($"MAIL FROM:<{message.From}>", cancellationToken).ConfigureAwait(false);
        if ((await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false)).Code != 250)
        {
            return "MAIL FROM was refused";
        }

        foreach (string recipient in message.To)
        {
            await lines.WriteLineAsync($"RCPT TO:<{recipient}>", cancellationToken).ConfigureAwait(false);
            int code = (await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false)).Code;
            if (code is not (250 or 251))
            {
                return $"RCPT TO:<{recipient}> was refused with {code}";
            }
        }

        await lines.WriteLineAsync("DATA", cancellationToken).ConfigureAwait(false);
        if ((await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false)).Code != 354)
        {
            return "DATA was refused";
        }

        // RFC 5321 §4.5.2: a leading dot on a line is doubled.
        string body = message.Data.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        if (!body.EndsWith("\r\n", StringComparison.Ordinal))
        {
            body += "\r\n";
        }

        body = (body.StartsWith('.') ? "." : "") + body.Replace("\r\n.", "\r\n..", StringComparison.Ordinal);
        await lines.WriteRawAsync(body + ".\r\n", cancellationToken).ConfigureAwait(false);
        (int accepted, _) = await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        return accepted == 250 ? null : $"the message was refused with {accepted}";
    }

    private static async ValueTask QuitAsync(SmtpLineStream lines, CancellationToken cancellationToken)
    {
        await lines.WriteLineAsync("QUIT", cancellationToken).ConfigureAwait(false);
        try
        {
            await lines.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A server that closes without a 221 after QUIT has still received everything.
        }
    }
}
