using System.Globalization;
using System.Net;
using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// Reads Unbound's replay format (testcode/replay.h and testpkts.h in the unbound repository): a config header up to
/// CONFIG_END, then SCENARIO_BEGIN, RANGE blocks of ENTRY blocks, and numbered STEPs. Records in SECTIONs are zone-file
/// lines whose TTL defaults to 3600, as Unbound's reader gives them.
/// </summary>
public static class ScenarioParser
{
    private const uint DefaultTtl = 3600;

    /// <summary>The token that starts RDATA in the generic form of RFC 3597 §5.</summary>
    private const string GenericMarker = @"\#";

    /// <summary>Reads the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file does not follow the format; the message names the line.</exception>
    public static ReplayScenario ParseFile(string path) => Parse(File.ReadAllLines(path), path);

    /// <summary>Reads a scenario from its lines; <paramref name="path"/> names it in messages.</summary>
    /// <exception cref="FormatException">The text does not follow the format; the message names the line.</exception>
    public static ReplayScenario Parse(IReadOnlyList<string> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var cursor = new LineCursor(lines, path);
        ReplayConfig config = ParseConfig(cursor);
        string title = "";
        var ranges = new List<ReplayRange>();
        var steps = new List<ReplayStep>();
        while (cursor.Next() is { } line)
        {
            string[] words = Words(line);
            switch (words[0])
            {
                case "SCENARIO_BEGIN":
                    title = line.Trim()["SCENARIO_BEGIN".Length..].Trim();
                    break;
                case "SCENARIO_END":
                    return new ReplayScenario { Path = path, Title = title, Config = config, Ranges = ranges, Steps = steps };
                case "RANGE_BEGIN":
                    ranges.Add(ParseRange(cursor, words));
                    break;
                case "STEP":
                    steps.Add(ParseStep(cursor, line));
                    break;
                case "RANGE_END":
                    // Testbound passes over lines it has no use for between ranges and steps; autotrust_probefail closes a range twice.
                    break;
                default:
                    throw cursor.Error($"unexpected '{words[0]}'");
            }
        }

        throw cursor.Error("no SCENARIO_END");
    }

    private static ReplayConfig ParseConfig(LineCursor cursor)
    {
        var config = new ReplayConfig();
        string clause = "server";
        DnsName? zone = null;
        while (cursor.Next() is { } line)
        {
            string text = line.Trim();
            if (text == "CONFIG_END")
            {
                return config;
            }

            if (text.StartsWith("AUTOTRUST_FILE", StringComparison.Ordinal))
            {
                // Testbound writes the lines to the state file as they are: its ';;' lines carry RFC 5011 state.
                config.AutotrustFiles[text["AUTOTRUST_FILE".Length..].Trim()] = string.Join('\n', ReadRawBlock(cursor, "AUTOTRUST_END"));
                continue;
            }

            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw cursor.Error($"config line without ':': '{text}'");
            }

            string name = text[..colon].Trim();
            string value = Unquote(StripHashComment(text[(colon + 1)..]).Trim());
            if (value.Length == 0 && name is "server" or "stub-zone" or "forward-zone" or "remote-control" or "auth-zone" or "python" or "dynlib")
            {
                clause = name;
                zone = null;
                continue;
            }

            if (clause == "server")
            {
                config.Server.Add(new(name, value));
                continue;
            }

            Dictionary<DnsName, List<IPAddress>> zones = clause == "forward-zone" ? config.ForwardZones : config.StubZones;
            switch (name)
            {
                case "name":
                    zone = DnsName.Parse(value);
                    zones.TryAdd(zone, []);
                    break;
                case "stub-addr" or "forward-addr" when zone is not null:
                    zones[zone].Add(ParseAddress(cursor, value));
                    break;
                default:
                    config.ZoneSettings.Add(new($"{clause} {name}", value));
                    break;
            }
        }

        throw cursor.Error("no CONFIG_END");
    }

    private static ReplayRange ParseRange(LineCursor cursor, string[] header)
    {
        var addresses = new List<IPAddress>();
        var entries = new List<ReplayEntry>();
        while (cursor.Next() is { } line)
        {
            string[] words = Words(line);
            switch (words[0])
            {
                case "ADDRESS":
                    addresses.Add(ParseAddress(cursor, words[1]));
                    break;
                case "ENTRY_BEGIN":
                    entries.Add(ParseEntry(cursor));
                    break;
                case "RANGE_END":
                    return new ReplayRange { FirstStep = Number(cursor, header, 1), LastStep = Number(cursor, header, 2), Addresses = addresses, Entries = entries };
                default:
                    throw cursor.Error($"unexpected '{words[0]}' in a RANGE");
            }
        }

        throw cursor.Error("no RANGE_END");
    }

    private static ReplayStep ParseStep(LineCursor cursor, string line)
    {
        string[] words = Words(line);
        int number = Number(cursor, words, 1);
        string keyword = words.Length > 2 ? words[2] : throw cursor.Error("STEP without a kind");
        switch (keyword)
        {
            case "QUERY" or "CHECK_ANSWER":
                string begin = cursor.Next() is { } next ? next.Trim() : "";
                if (begin != "ENTRY_BEGIN")
                {
                    throw cursor.Error($"{keyword} not followed by ENTRY_BEGIN");
                }

                return new ReplayStep { Number = number, Keyword = keyword, Kind = keyword == "QUERY" ? ReplayStepKind.Query : ReplayStepKind.CheckAnswer, Entry = ParseEntry(cursor) };
            case "TIME_PASSES" when words.Length > 3 && words[3] == "EVAL":
                // The seconds are a macro (ReplayMacros) that may read the clock, so the runner evaluates them.
                return new ReplayStep { Number = number, Keyword = "TIME_PASSES EVAL", Kind = ReplayStepKind.TimePasses, Expression = Rest(cursor, line, "EVAL") };
            case "TIME_PASSES":
                int elapse = Array.IndexOf(words, "ELAPSE");
                if (elapse < 0 || elapse + 1 >= words.Length || !double.TryParse(words[elapse + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    throw cursor.Error("TIME_PASSES without ELAPSE seconds");
                }

                return new ReplayStep { Number = number, Keyword = keyword, Kind = ReplayStepKind.TimePasses, Elapse = TimeSpan.FromSeconds(seconds) };
            case "TRAFFIC":
                return new ReplayStep { Number = number, Keyword = keyword, Kind = ReplayStepKind.Traffic };
            case "ASSIGN":
                return ParseAssign(cursor, line, number);
            case "CHECK_AUTOTRUST":
                // Testbound compares the state file line by line with these lines, comments and blank lines included.
                string name = Rest(cursor, line, keyword);
                return cursor.NextRaw()?.Trim() == "FILE_BEGIN"
                    ? new ReplayStep { Number = number, Keyword = keyword, Kind = ReplayStepKind.CheckAutotrust, AutotrustName = name, ExpectedFile = ReadRawBlock(cursor, "FILE_END") }
                    : throw cursor.Error($"{keyword} not followed by FILE_BEGIN");
            default:
                // Steps such as CHECK_OUT_QUERY carry an entry; it is read so that parsing can go on.
                if (cursor.Peek() is { } peek && peek.Trim() == "ENTRY_BEGIN")
                {
                    cursor.Next();
                    ParseEntry(cursor);
                }

                return new ReplayStep { Number = number, Keyword = keyword, Kind = ReplayStepKind.Unsupported };
        }
    }

    private static ReplayEntry ParseEntry(LineCursor cursor)
    {
        int line = cursor.LineNumber;
        var match = new HashSet<string>(StringComparer.Ordinal);
        var adjust = new HashSet<string>(StringComparer.Ordinal);
        int? ede = null;
        var message = new DnsMessage();
        DnsSection? section = null;
        var records = new StringBuilder();
        while (cursor.Next() is { } text)
        {
            string[] words = Words(text);
            if (words[0] is "SECTION" or "ENTRY_END")
            {
                AddRecords(cursor, message, section, records);
                if (words[0] == "ENTRY_END")
                {
                    return new ReplayEntry { Line = line, Match = match, MatchExtendedError = ede, Adjust = adjust, Message = message };
                }

                section = words.Length > 1 ? ParseSection(cursor, words[1]) : throw cursor.Error("SECTION without a name");
                continue;
            }

            if (section is null)
            {
                switch (words[0])
                {
                    case "MATCH":
                        foreach (string word in words.Skip(1))
                        {
                            if (word.StartsWith("ede=", StringComparison.Ordinal))
                            {
                                ede = word == "ede=any" ? -1 : int.Parse(word.AsSpan(4), CultureInfo.InvariantCulture);
                            }
                            else
                            {
                                match.Add(word.ToLowerInvariant());
                            }
                        }

                        continue;
                    case "ADJUST":
                        adjust.UnionWith(words.Skip(1).Select(w => w.ToLowerInvariant()));
                        continue;
                    case "REPLY":
                        ParseReply(cursor, message, words);
                        continue;
                    default:
                        throw cursor.Error($"unexpected '{words[0]}' in an ENTRY");
                }
            }

            records.AppendLine(text.Trim());
        }

        throw cursor.Error("no ENTRY_END");
    }

    /// <summary>STEP n ASSIGN name = expression, read as testbound reads it: a name, '=', and the rest of the line.</summary>
    private static ReplayStep ParseAssign(LineCursor cursor, string line, int number)
    {
        string rest = Rest(cursor, line, "ASSIGN");
        int equals = rest.IndexOf('=', StringComparison.Ordinal);
        string variable = equals < 0 ? "" : rest[..equals].Trim();
        if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw cursor.Error("ASSIGN wants 'name = ${...}'");
        }

        string expression = rest[(equals + 1)..].Trim();
        return expression.Length > 0
            ? new ReplayStep { Number = number, Keyword = "ASSIGN", Kind = ReplayStepKind.Assign, Variable = variable, Expression = expression }
            : throw cursor.Error($"ASSIGN {variable} has no value");
    }

    /// <summary>The text of <paramref name="line"/> after <paramref name="keyword"/>, without a ';' comment; an error when empty.</summary>
    private static string Rest(LineCursor cursor, string line, string keyword)
    {
        string text = StripComment(line);
        int at = text.IndexOf(keyword, StringComparison.Ordinal);
        string rest = text[(at + keyword.Length)..].Trim();
        return rest.Length > 0 ? rest : throw cursor.Error($"nothing follows {keyword}");
    }

    /// <summary>
    /// The lines up to the one that starts with <paramref name="end"/>, exactly as written: testbound copies such a block
    /// byte for byte, so comment and blank lines count.
    /// </summary>
    private static List<string> ReadRawBlock(LineCursor cursor, string end)
    {
        var lines = new List<string>();
        while (cursor.NextRaw() is { } line)
        {
            if (line.TrimStart().StartsWith(end, StringComparison.Ordinal))
            {
                return lines;
            }

            lines.Add(line);
        }

        throw cursor.Error($"no {end}");
    }

    private static DnsSection ParseSection(LineCursor cursor, string name) => name switch
    {
        "QUESTION" => DnsSection.Question,
        "ANSWER" => DnsSection.Answer,
        "AUTHORITY" => DnsSection.Authority,
        "ADDITIONAL" => DnsSection.Additional,
        _ => throw cursor.Error($"unknown SECTION {name}"),
    };

    private static void ParseReply(LineCursor cursor, DnsMessage message, string[] words)
    {
        foreach (string word in words.Skip(1))
        {
            DnsHeaderFlags? flag = word switch
            {
                "QR" => DnsHeaderFlags.Response,
                "AA" => DnsHeaderFlags.Authoritative,
                "TC" => DnsHeaderFlags.Truncated,
                "RD" => DnsHeaderFlags.RecursionDesired,
                "RA" => DnsHeaderFlags.RecursionAvailable,
                "AD" => DnsHeaderFlags.AuthenticData,
                "CD" => DnsHeaderFlags.CheckingDisabled,
                _ => null,
            };
            if (flag is { } set)
            {
                message.Flags |= set;
            }
            else if (word == "DO")
            {
                // testpkts gives a DO entry an OPT record with a 4096-octet payload size.
                message.Edns = new EdnsRecord { DnssecOk = true, UdpPayloadSize = 4096 };
            }
            else if (Enum.TryParse(word, ignoreCase: true, out DnsOpCode opCode) && !int.TryParse(word, out _))
            {
                message.OpCode = opCode;
            }
            else if (Mnemonics.TryParseResponseCode(word, out DnsResponseCode code))
            {
                message.ResponseCode = code;
            }
            else
            {
                throw cursor.Error($"unknown REPLY word '{word}'");
            }
        }
    }

    private static void AddRecords(LineCursor cursor, DnsMessage message, DnsSection? section, StringBuilder text)
    {
        if (section is null || text.Length == 0)
        {
            text.Clear();
            return;
        }

        if (section == DnsSection.Question)
        {
            foreach (string line in text.ToString().Split('\n'))
            {
                string[] words = Words(line);
                if (words[0].Length == 0)
                {
                    continue;
                }

                RecordClass @class = RecordClass.IN;
                int typeIndex = words.Length > 2 && Mnemonics.TryParseClass(words[1], out @class) ? 2 : 1;
                if (typeIndex >= words.Length || !Mnemonics.TryParseRecordType(words[typeIndex], out RecordType type))
                {
                    throw cursor.Error($"question '{line.Trim()}' has no type");
                }

                message.Questions.Add(new DnsQuestion(DnsName.Parse(words[0]), type, @class));
            }

            text.Clear();
            return;
        }

        var options = new ZoneFileReaderOptions { Origin = DnsName.Root, DefaultTtl = DefaultTtl };
        string source = $"{cursor.Path} line {cursor.LineNumber}";
        List<DnsRecord> records;
        try
        {
            records = [.. ZoneFileReader.Parse(text.ToString(), source, options)];
        }
        catch (ZoneFileException)
        {
            // Read again line by line, as Unbound's reader would take the lines that this reader refuses alone.
            string kept = string.Join('\n', text.ToString().Split('\n').Select(line => AsUnboundReadsIt(line, source, options)).OfType<string>());
            try
            {
                records = [.. ZoneFileReader.Parse(kept, source, options)];
            }
            catch (ZoneFileException again)
            {
                throw cursor.Error(again.Message);
            }
        }

        text.Clear();
        List<DnsRecord> target = section switch
        {
            DnsSection.Answer => message.Answers,
            DnsSection.Authority => message.Authorities,
            _ => message.Additionals,
        };
        target.AddRange(records);
    }

    /// <summary>
    /// A line of records as Unbound's reader takes it, for a section this reader refused: null for a record in generic
    /// form (RFC 3597 §5) whose RDATA does not fit its type, which is how scenarios serve malformed records (the
    /// transport parses scrubbing, DnsMessage.ParseScrubbed, so it leaves such a record out and hands on the rest of
    /// the reply); base64 whose last group has fewer than four characters without them, as sldns_b64_pton ignores
    /// such a group (val_canon_short_px breaks a signature that way); any other line as it is, to be read with the rest.
    /// </summary>
    private static string? AsUnboundReadsIt(string line, string source, ZoneFileReaderOptions options)
    {
        if (Reads(line, source, options))
        {
            return line;
        }

        string[] words = Words(line);
        string last = words[^1];
        int partial = last.Length % 4;
        if (partial != 0 && words.Length > 1 && !last.Contains('=', StringComparison.Ordinal))
        {
            string trimmed = line[..line.LastIndexOf(last, StringComparison.Ordinal)] + last[..^partial];
            if (Reads(trimmed, source, options))
            {
                return trimmed;
            }
        }

        return line.Contains(GenericMarker, StringComparison.Ordinal) ? null : line;
    }

    private static bool Reads(string line, string source, ZoneFileReaderOptions options)
    {
        try
        {
            _ = ZoneFileReader.Parse(line, source, options).ToList();
            return true;
        }
        catch (ZoneFileException)
        {
            return false;
        }
    }

    private static IPAddress ParseAddress(LineCursor cursor, string text)
    {
        // Unbound writes a port after '@' (1.2.3.4@10053); the canned servers answer on every port.
        string address = text.Split('@')[0].Trim();
        return IPAddress.TryParse(address, out IPAddress? parsed) ? parsed : throw cursor.Error($"'{text}' is no address");
    }

    private static int Number(LineCursor cursor, string[] words, int index) =>
        index < words.Length && int.TryParse(words[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
            ? number
            : throw cursor.Error($"'{string.Join(' ', words)}' lacks a number");

    private static string[] Words(string line) => StripComment(line).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? words : [""];

    private static string StripComment(string line)
    {
        int semicolon = line.IndexOf(';', StringComparison.Ordinal);
        return semicolon < 0 ? line : line[..semicolon];
    }

    private static string StripHashComment(string value)
    {
        // A '#' starts a comment in unbound.conf unless it is quoted.
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == '#' && !quoted)
            {
                return value[..i];
            }
        }

        return value;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>Walks the lines, skipping blank and comment-only ones, and names the current line in errors.</summary>
    private sealed class LineCursor(IReadOnlyList<string> lines, string path)
    {
        private int _index = -1;

        public string Path => path;

        public int LineNumber => _index + 1;

        public string? Next()
        {
            while (++_index < lines.Count)
            {
                if (!IsBlank(lines[_index]))
                {
                    return lines[_index];
                }
            }

            return null;
        }

        /// <summary>The next line whatever it holds, blank and comment lines included.</summary>
        public string? NextRaw() => ++_index < lines.Count ? lines[_index] : null;

        public string? Peek()
        {
            for (int i = _index + 1; i < lines.Count; i++)
            {
                if (!IsBlank(lines[i]))
                {
                    return lines[i];
                }
            }

            return null;
        }

        public FormatException Error(string what) => new($"{path} line {LineNumber}: {what}");

        private static bool IsBlank(string line)
        {
            string trimmed = line.TrimStart();
            return trimmed.Length == 0 || trimmed[0] is ';' or '#';
        }
    }
}
