using System.Globalization;
using System.Text.Json;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Cli;

/// <summary>Prints a <see cref="DnssecAnswer"/> as `resolve` does, for every command that shows answers.</summary>
internal static class AnswerPrinter
{
    /// <summary>The answer for people: verdict, EDE or reason, the chain zone by zone, then the records in zone-file form.</summary>
    public static void WriteText(TextWriter output, DnssecAnswer answer)
    {
        string path = answer.Path switch
        {
            ResolutionPath.Stub => "the upstream resolver",
            ResolutionPath.Iterative => "iterative resolution from the root hints",
            ResolutionPath.IterativeFallback => "iterative resolution from the root hints (the upstream was a roadblock)",
            ResolutionPath.Synthesized => "the cache's validated denial records (RFC 8198)",
            _ => "the cache",
        };
        string privacy = answer.Privacy switch
        {
            TransportPrivacy.Cleartext => ", in clear text",
            TransportPrivacy.Opportunistic => ", over TLS to an unauthenticated server (opportunistic profile)",
            TransportPrivacy.Strict => ", over TLS to an authenticated server",
            _ => "",
        };
        output.WriteLine($"; {answer.Question.Name} {Mnemonics.FormatRecordType(answer.Question.Type)}: {Status(answer.Status)}, {Mnemonics.FormatResponseCode(answer.ResponseCode)}, via {path}{privacy}");
        if (answer.ExtendedError is { } ede)
        {
            output.WriteLine($"; EDE {(ushort)ede.Code} ({ede.Code}): {ede.ExtraText}");
        }
        else
        {
            output.WriteLine($"; {answer.Reason}");
        }

        if (answer.Chain.Count > 0)
        {
            output.WriteLine(";; chain of trust:");
            foreach (ZoneKeys zone in answer.Chain)
            {
                string keys = zone.Keys.Count == 0 ? "" : " keys " + string.Join(", ", zone.Keys.Select(k => $"{KeyTag.Compute(k)}/{Mnemonics.FormatAlgorithm(DnskeyData.From(k).Algorithm)}"));
                string ds = zone.DelegationSigners.Count == 0 ? "" : " from DS " + string.Join(", ", zone.DelegationSigners.Where(r => r.Type == RecordType.DS).Select(r => DsData.From(r)).Select(d => $"{d.KeyTag}/{(byte)d.Algorithm}/{(byte)d.DigestType}"));
                output.WriteLine($";;   {zone.Zone,-30} {Status(zone.Status),-13}{ds}{keys}");
                output.WriteLine($";;     {zone.Result.Reason}");
            }
        }

        foreach (DnsRecord record in answer.Answer)
        {
            output.WriteLine(RecordTextFormatter.Format(record));
        }

        foreach (DnsRecord record in answer.Authority)
        {
            output.WriteLine("; " + RecordTextFormatter.Format(record));
        }
    }

    /// <summary>The answer as the JSON object DESIGN.md fixes for `resolve --json`; <paramref name="topLevel"/> puts JSON.md's schemaVersion first.</summary>
    public static void WriteJson(Utf8JsonWriter writer, DnssecAnswer answer, bool topLevel = false)
    {
        writer.WriteStartObject();
        if (topLevel)
        {
            CliJson.WriteSchemaVersion(writer);
        }

        writer.WriteString("name", answer.Question.Name.ToString());
        writer.WriteString("type", Mnemonics.FormatRecordType(answer.Question.Type));
        writer.WriteString("status", Status(answer.Status));
        writer.WriteString("rcode", Mnemonics.FormatResponseCode(answer.ResponseCode));
        writer.WriteStartArray("answer");
        foreach (DnsRecord record in answer.Answer)
        {
            writer.WriteStringValue(RecordTextFormatter.Format(record));
        }

        writer.WriteEndArray();
        if (answer.ExtendedError is { } ede)
        {
            writer.WriteStartObject("ede");
            writer.WriteNumber("code", (ushort)ede.Code);
            writer.WriteString("text", ede.ExtraText);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ede");
        }

        writer.WriteString("reason", answer.Reason);
        writer.WriteString("path", answer.Path switch
        {
            ResolutionPath.Stub => "stub",
            ResolutionPath.Iterative => "iterative",
            ResolutionPath.IterativeFallback => "iterative-fallback",
            ResolutionPath.Synthesized => "synthesized",
            _ => "cache",
        });
        if (answer.Privacy is { } sent)
        {
            writer.WriteString("privacy", sent switch
            {
                TransportPrivacy.Cleartext => "cleartext",
                TransportPrivacy.Opportunistic => "opportunistic",
                _ => "strict",
            });
        }
        else
        {
            writer.WriteNull("privacy");
        }

        writer.WriteStartArray("chain");
        foreach (ZoneKeys zone in answer.Chain)
        {
            writer.WriteStartObject();
            writer.WriteString("name", zone.Zone.ToString());
            writer.WriteString("status", Status(zone.Status));
            writer.WriteStartArray("keys");
            foreach (DnsRecord key in zone.Keys)
            {
                writer.WriteStringValue(RecordTextFormatter.Format(key));
            }

            writer.WriteEndArray();
            writer.WriteStartArray("ds");
            foreach (DnsRecord ds in zone.DelegationSigners)
            {
                writer.WriteStringValue(RecordTextFormatter.Format(ds));
            }

            writer.WriteEndArray();
            writer.WriteString("reason", zone.Result.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A status as the text and JSON forms spell it: secure, insecure, bogus or indeterminate.</summary>
    public static string Status(SecurityStatus status) => status.ToString().ToLower(CultureInfo.InvariantCulture);
}
