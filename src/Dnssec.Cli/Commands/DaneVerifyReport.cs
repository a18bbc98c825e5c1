using System.Security.Cryptography;
using System.Text.Json;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>What `dane verify` found, printed as text (posttls-finger's style) or as JSON.md's dane verify object.</summary>
/// <param name="Host">HOST, in A-labels.</param>
/// <param name="Port">The port.</param>
/// <param name="Sni">--sni, or null.</param>
/// <param name="Lookup">The TLSA lookup at HOST; null for SMTP, whose lookups are per MX host inside the client.</param>
/// <param name="Attempts">Every address tried, in order.</param>
/// <param name="Overall">The verdict the exit status comes from.</param>
/// <param name="Smtp">The SMTP delivery's level and result; null for direct TLS.</param>
internal sealed record DaneVerifyReport(string Host, int Port, string? Sni, TlsaLookupResult? Lookup, IReadOnlyList<DaneVerifyAttempt> Attempts, DaneVerifyOutcome Overall, DaneVerifyReport.SmtpPart? Smtp)
{
    /// <summary>The SMTP side: the level asked for, the level that applied, and the client's result.</summary>
    internal sealed record SmtpPart(string Level, string EffectiveLevel, SmtpDeliveryResult Result);

    /// <summary>The outcome as JSON spells it.</summary>
    public static string Name(DaneVerifyOutcome outcome) => outcome switch
    {
        DaneVerifyOutcome.Authenticated => "authenticated",
        DaneVerifyOutcome.NoDane => "no-dane",
        DaneVerifyOutcome.Refused => "refused",
        _ => "unreachable",
    };

    /// <summary>The text form: the TLSA lookup, then each attempt, then the verdict on a line of its own.</summary>
    public void WriteText(TextWriter output)
    {
        if (Lookup is not null)
        {
            output.WriteLine($"; TLSA: {Lookup.Reason}");
            foreach (TlsaData record in Lookup.Records)
            {
                output.WriteLine($";   {TlsaText.Format(record)}");
            }
        }

        if (Sni is not null)
        {
            output.WriteLine($"; server name (SNI): {Sni}");
        }

        foreach (DaneVerifyAttempt attempt in Attempts)
        {
            if (Smtp is null)
            {
                WriteTlsAttempt(output, attempt);
            }
            else
            {
                WriteSmtpAttempt(output, attempt);
            }
        }

        output.WriteLine(Smtp is null ? TlsVerdict() : SmtpVerdict(Smtp));
    }

    private void WriteTlsAttempt(TextWriter output, DaneVerifyAttempt attempt)
    {
        output.WriteLine($"; connecting to {attempt.Where}:{Port}");
        if (attempt.Error is { } error)
        {
            output.WriteLine($"{attempt.Where}: unreachable: {error.Message}");
            return;
        }

        output.WriteLine("; certificate chain as sent:");
        for (int i = 0; i < attempt.Chain.Count; i++)
        {
            output.WriteLine($";   {i} s:{attempt.Chain[i].Subject}");
            output.WriteLine($";     i:{attempt.Chain[i].Issuer}");
        }

        if (attempt.Dane is { } verdict)
        {
            string by = verdict.MatchedRecord is { } record ? $" by {TlsaText.Format(record)} at depth {verdict.Depth}" : "";
            output.WriteLine($"; DANE: {(verdict.Authenticated ? "authenticated" : $"not authenticated ({verdict.Failure})")}{by}");
            output.WriteLine($";   {verdict.Reason}");
        }

        output.WriteLine($"{attempt.Where}: {attempt.Reason}");
    }

    private void WriteSmtpAttempt(TextWriter output, DaneVerifyAttempt attempt)
    {
        if (attempt.Address is not null)
        {
            output.WriteLine($"; connecting to {attempt.Where}:{Port}");
        }

        foreach (string line in attempt.Transcript)
        {
            output.WriteLine(line);
        }

        if (attempt.Dane is { } dane)
        {
            output.WriteLine($"; {(dane.Authenticated ? "verified" : "not verified")}: {dane.Reason}");
        }

        if (attempt.Outcome is DaneVerifyOutcome.Unreachable or DaneVerifyOutcome.Refused)
        {
            output.WriteLine($"{attempt.Where}: {Name(attempt.Outcome)}: {attempt.Reason}");
        }
    }

    private string TlsVerdict()
    {
        int count = Attempts.Count;
        string addresses = count == 1 ? "the address" : $"all {count} addresses";
        return Overall switch
        {
            _ when Lookup?.Status == TlsaLookupStatus.Failed => $"{Host}: refused: the TLSA lookup failed closed, no address was tried",
            DaneVerifyOutcome.Authenticated => $"{Host}: {addresses} authenticated by DANE",
            DaneVerifyOutcome.NoDane => $"{Host}: no DANE; {addresses} verified by PKIX",
            DaneVerifyOutcome.Refused => $"{Host}: refused: {Attempts.Count(a => a.Outcome == DaneVerifyOutcome.Refused)} of {count} address(es) failed verification",
            _ => $"{Host}: {Attempts.Count(a => a.Outcome == DaneVerifyOutcome.Unreachable)} of {count} address(es) could not be reached",
        };
    }

    private string SmtpVerdict(SmtpPart smtp)
    {
        SmtpDeliveryResult result = smtp.Result;
        string host = result.MxHost ?? Host;
        string last = result.Delivered
            ? $"{host}: {(result.Tls ? "TLS" : "plain-text")} session at level {smtp.EffectiveLevel}: {result.Reason}"
            : $"{host}: refused at level {smtp.EffectiveLevel}: {result.Reason}";
        return Overall is DaneVerifyOutcome.Refused or DaneVerifyOutcome.Unreachable && result.Delivered
            ? $"{last}\n{Host}: {Name(Overall)}: an earlier attempt was {Name(Overall)}"
            : last;
    }

    /// <summary>JSON.md's dane verify object, alone on stdout.</summary>
    public void WriteJson() => CliJson.WriteObject(writer =>
    {
        writer.WriteString("host", Host);
        writer.WriteNumber("port", Port);
        if (Sni is null)
        {
            writer.WriteNull("sni");
        }
        else
        {
            writer.WriteString("sni", Sni);
        }

        if (Lookup is null)
        {
            writer.WriteNull("tlsa");
        }
        else
        {
            writer.WriteStartObject("tlsa");
            writer.WriteString("status", Lookup.Status switch { TlsaLookupStatus.Dane => "dane", TlsaLookupStatus.NoDane => "no-dane", _ => "failed" });
            writer.WriteString("reason", Lookup.Reason);
            writer.WriteStartArray("records");
            foreach (TlsaData record in Lookup.Records)
            {
                writer.WriteStringValue(TlsaText.Format(record));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteStartArray("attempts");
        foreach (DaneVerifyAttempt attempt in Attempts)
        {
            WriteAttempt(writer, attempt);
        }

        writer.WriteEndArray();
        writer.WriteString("verdict", Name(Overall));
        writer.WriteBoolean("ok", Overall == DaneVerifyOutcome.Authenticated);
        if (Smtp is { } smtp)
        {
            writer.WriteString("level", smtp.Level);
            writer.WriteString("effectiveLevel", smtp.EffectiveLevel);
            if (smtp.Result.MxHost is { } mxHost)
            {
                writer.WriteString("mxHost", mxHost);
            }
            else
            {
                writer.WriteNull("mxHost");
            }

            writer.WriteBoolean("delivered", smtp.Result.Delivered);
            writer.WriteString("reason", smtp.Result.Reason);
            WriteLines(writer, "transcript", smtp.Result.Transcript);
        }
    });

    private static void WriteAttempt(Utf8JsonWriter writer, DaneVerifyAttempt attempt)
    {
        writer.WriteStartObject();
        writer.WriteString("host", attempt.Host);
        if (attempt.Address is null)
        {
            writer.WriteNull("address");
        }
        else
        {
            writer.WriteString("address", attempt.Address.ToString());
        }

        writer.WriteBoolean("connected", attempt.Connected);
        writer.WriteBoolean("tls", attempt.Tls);
        writer.WriteString("outcome", Name(attempt.Outcome));
        writer.WriteString("reason", attempt.Reason);
        if (attempt.Dane is { } dane)
        {
            writer.WriteStartObject("dane");
            writer.WriteBoolean("authenticated", dane.Authenticated);
            writer.WriteString("failure", dane.Failure.ToString());
            CliJson.WriteNumberOrNull(writer, "depth", dane.Depth);
            if (dane.MatchedRecord is { } record)
            {
                writer.WriteString("matched", TlsaText.Format(record));
            }
            else
            {
                writer.WriteNull("matched");
            }

            writer.WriteString("reason", dane.Reason);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("dane");
        }

        writer.WriteStartArray("chain");
        foreach (var certificate in attempt.Chain)
        {
            writer.WriteStartObject();
            writer.WriteString("subject", certificate.Subject);
            writer.WriteString("issuer", certificate.Issuer);
            writer.WriteString("sha256", Convert.ToHexString(SHA256.HashData(certificate.RawData)));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (attempt.Error is { } error)
        {
            writer.WriteStartObject("error");
            writer.WriteString("code", error.Code);
            writer.WriteString("stage", error.Stage);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("error");
        }

        WriteLines(writer, "transcript", attempt.Transcript);
        writer.WriteEndObject();
    }

    private static void WriteLines(Utf8JsonWriter writer, string name, IReadOnlyList<string> lines)
    {
        writer.WriteStartArray(name);
        foreach (string line in lines)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
    }
}
