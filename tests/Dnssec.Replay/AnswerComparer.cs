using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// Compares the answer a client got with a CHECK_ANSWER entry, as testpkts' find_match does: <c>MATCH all</c> compares
/// the header flags (AD included), opcode, rcode, the EDNS DO bit and every section; <c>question</c>, <c>answer</c>,
/// <c>opcode</c>, <c>rcode</c>, <c>qname</c> and <c>qtype</c> compare those parts alone; <c>ttl</c> makes TTLs count
/// (otherwise they are zeroed); <c>ede=N</c> asks for that Extended DNS Error. Names compare without regard to case
/// (Unbound lowercases both packets). One difference from Unbound: records within a section may come in any order,
/// since that order is not part of what a validator decides.
/// </summary>
public static class AnswerComparer
{
    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>; otherwise what differs.</summary>
    /// <exception cref="NotSupportedException">The MATCH line has a keyword this runner does not know.</exception>
    public static string? Compare(ReplayEntry expected, DnsMessage actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        DnsMessage wanted = expected.Message;
        bool ttl = expected.Match.Contains("ttl");
        var problems = new List<string>();
        if (expected.MatchExtendedError is { } code)
        {
            ExtendedDnsError? error = actual.Edns?.ExtendedErrors.FirstOrDefault();
            if (error is null)
            {
                problems.Add($"EDE {(code < 0 ? "any" : code)} expected, none came");
            }
            else if (code >= 0 && (int)error.Code != code)
            {
                problems.Add($"EDE {code} expected, {(int)error.Code} came ({error.ExtraText})");
            }
        }

        foreach (string keyword in expected.Match)
        {
            switch (keyword)
            {
                case "all":
                    CompareHeader(wanted, actual, problems, extendedErrorChecked: expected.MatchExtendedError is not null);
                    CompareQuestion(wanted, actual, problems);
                    CompareSection("answer", wanted.Answers, actual.Answers, ttl, problems);
                    CompareSection("authority", wanted.Authorities, actual.Authorities, ttl, problems);
                    CompareSection("additional", wanted.Additionals, actual.Additionals, ttl, problems);
                    break;
                case "question":
                    CompareQuestion(wanted, actual, problems);
                    break;
                case "answer":
                    CompareSection("answer", wanted.Answers, actual.Answers, ttl, problems);
                    break;
                case "opcode" when wanted.OpCode != actual.OpCode:
                    problems.Add($"opcode {wanted.OpCode} expected, {actual.OpCode} came");
                    break;
                case "rcode" when wanted.ResponseCode != actual.ResponseCode:
                    problems.Add($"rcode {Mnemonics.FormatResponseCode(wanted.ResponseCode)} expected, {Mnemonics.FormatResponseCode(actual.ResponseCode)} came");
                    break;
                case "qname" or "qtype":
                    CompareQuestion(wanted, actual, problems);
                    break;
                case "opcode" or "rcode" or "ttl":
                    break;
                default:
                    throw new NotSupportedException($"MATCH {keyword} in a CHECK_ANSWER (entry at line {expected.Line}) is not supported by this runner");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems.Distinct());
    }

    /// <summary>The message as text, one record a line, for failure reports.</summary>
    public static string Describe(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append(string.Join(' ', Flags(message))).Append(' ').Append(Mnemonics.FormatResponseCode(message.ResponseCode));
        if (message.Edns?.ExtendedErrors.FirstOrDefault() is { } error)
        {
            text.Append($" EDE {(int)error.Code} ({error.ExtraText})");
        }

        text.AppendLine();
        foreach (DnsQuestion question in message.Questions)
        {
            text.Append("  QUESTION ").AppendLine(question.ToString());
        }

        Append(text, "ANSWER", message.Answers);
        Append(text, "AUTHORITY", message.Authorities);
        Append(text, "ADDITIONAL", message.Additionals);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string section, List<DnsRecord> records)
    {
        foreach (DnsRecord record in records)
        {
            text.Append("  ").Append(section).Append(' ').AppendLine(RecordTextFormatter.Format(record));
        }
    }

    private static void CompareHeader(DnsMessage wanted, DnsMessage actual, List<string> problems, bool extendedErrorChecked)
    {
        string want = string.Join(' ', Flags(wanted));
        string got = string.Join(' ', Flags(actual));
        if (want != got)
        {
            problems.Add($"flags '{want}' expected, '{got}' came");
        }

        if (wanted.OpCode != actual.OpCode)
        {
            problems.Add($"opcode {wanted.OpCode} expected, {actual.OpCode} came");
        }

        if (wanted.ResponseCode != actual.ResponseCode)
        {
            problems.Add($"rcode {Mnemonics.FormatResponseCode(wanted.ResponseCode)} expected, {Mnemonics.FormatResponseCode(actual.ResponseCode)} came");
        }

        // Unbound prints the OPT record's options with the packet, so an EDE nobody asked for is a difference too.
        if (!extendedErrorChecked && actual.Edns?.ExtendedErrors.FirstOrDefault() is { } error && wanted.Edns?.ExtendedErrors.Any() != true)
        {
            problems.Add($"no EDE expected, EDE {(int)error.Code} came ({error.ExtraText})");
        }
    }

    /// <summary>The header flags and the DO bit, as the REPLY line writes them.</summary>
    private static IEnumerable<string> Flags(DnsMessage message)
    {
        (DnsHeaderFlags Flag, string Name)[] names =
        [
            (DnsHeaderFlags.Response, "QR"), (DnsHeaderFlags.Authoritative, "AA"), (DnsHeaderFlags.Truncated, "TC"),
            (DnsHeaderFlags.RecursionDesired, "RD"), (DnsHeaderFlags.RecursionAvailable, "RA"),
            (DnsHeaderFlags.AuthenticData, "AD"), (DnsHeaderFlags.CheckingDisabled, "CD"),
        ];
        foreach ((DnsHeaderFlags flag, string name) in names)
        {
            if (message.Flags.HasFlag(flag))
            {
                yield return name;
            }
        }

        if (message.Edns?.DnssecOk == true)
        {
            yield return "DO";
        }
    }

    private static void CompareQuestion(DnsMessage wanted, DnsMessage actual, List<string> problems)
    {
        string want = string.Join(", ", wanted.Questions.Select(q => q.ToString().ToLowerInvariant()));
        string got = string.Join(", ", actual.Questions.Select(q => q.ToString().ToLowerInvariant()));
        if (want != got)
        {
            problems.Add($"question '{want}' expected, '{got}' came");
        }
    }

    private static void CompareSection(string name, List<DnsRecord> wanted, List<DnsRecord> actual, bool ttl, List<string> problems)
    {
        List<string> missing = [.. wanted.Select(r => Key(r, ttl))];
        var extra = new List<string>();
        foreach (DnsRecord record in actual)
        {
            string key = Key(record, ttl);
            if (!missing.Remove(key))
            {
                extra.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            problems.Add($"{name} section lacks {string.Join(" | ", missing)}");
        }

        if (extra.Count > 0)
        {
            problems.Add($"{name} section has unexpected {string.Join(" | ", extra)}");
        }
    }

    /// <summary>A record as text with names in canonical (lower) case, and TTL zero unless TTLs count.</summary>
    private static string Key(DnsRecord record, bool ttl)
    {
        byte[] canonical = new byte[record.Data.Length];
        CanonicalOrder.WriteCanonicalRecordData(record.Type, record.Data.Span, canonical);
        var normal = new DnsRecord(record.Owner.ToLowerCase(), record.Type, record.Class, ttl ? record.Ttl : 0, canonical);
        return RecordTextFormatter.Format(normal);
    }
}
