using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dnssec.Replay;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Replay;

/// <summary>
/// How the replay reader takes records that Unbound's reader takes but that are empty or malformed, and the steps of
/// testbound's macro language (ASSIGN, TIME_PASSES EVAL, CHECK_AUTOTRUST) that the autotrust scenarios use.
/// </summary>
public partial class ScenarioParserTests
{
    private const string Header = """
        server:
            trust-anchor: "example. DS 1 8 2 8a87d067fd09a5965244fe2e317dd26d182c468e0a7f26ecc4c7b479bf89db9b"
        stub-zone:
            name: "."
            stub-addr: 192.0.2.1
        CONFIG_END
        SCENARIO_BEGIN parser test
        RANGE_BEGIN 0 100
            ADDRESS 192.0.2.1
        ENTRY_BEGIN
        MATCH opcode qtype qname
        ADJUST copy_id
        REPLY QR AA NOERROR
        SECTION QUESTION
        www.example. IN A
        SECTION ANSWER
        """;

    private const string Footer = """
        ENTRY_END
        RANGE_END
        SCENARIO_END
        """;

    [Fact]
    public void Parse_RrsigWithoutSignature_ReadsAsAnEmptySignature()
    {
        ReplayEntry entry = OnlyEntry("""
            www.example. 3600 IN A 192.0.2.1
            www.example. 3600 IN RRSIG A 8 2 3600 20201116135527 20201019135527 55567 example.
            """);

        DnsRecord signature = Assert.Single(entry.Message.Answers, r => r.Type == RecordType.RRSIG);
        Assert.True(RrsigData.From(signature).Signature.IsEmpty);
        Assert.Equal(2, entry.Message.Answers.Count);
    }

    [Fact]
    public async Task Parse_GenericRdataThatDoesNotFitItsType_ReplayServesTheRestOfTheEntry()
    {
        // Unbound's val_canon_short_px serves a PX whose second name is missing. A scrubbing transport drops that one
        // record and hands on the rest of the reply, so the replay serves the rest of the entry, not a failure.
        ReplayScenario scenario = Scenario("""
            www.example. 3600 IN A 192.0.2.1
            www.example. 3600 IN PX \# 3 000A00
            www.example. 3600 IN RRSIG A 8 2 3600 20201116135527 20201019135527 55567 example. AAAA
            """);
        var transport = new CannedTransport(scenario);

        TransportResponse response = await transport.QueryAsync(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53), new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), QueryOptions.Authoritative);

        Assert.True(response.Succeeded, response.Detail);
        Assert.Equal([RecordType.A, RecordType.RRSIG], response.Message.Answers.Select(r => r.Type));
    }

    [Fact]
    public void Parse_Base64WithAnIncompleteLastGroup_ReadsAsUnboundsReaderDoes()
    {
        // val_canon_short_px breaks a signature by cutting its base64 short; sldns_b64_pton ignores a last group of
        // fewer than four characters, so the signature is what the whole groups give.
        ReplayEntry entry = OnlyEntry("www.example. 3600 IN RRSIG A 8 2 3600 20201116135527 20201019135527 55567 example. AQIDBAU");

        DnsRecord signature = Assert.Single(entry.Message.Answers);
        Assert.Equal([1, 2, 3], RrsigData.From(signature).Signature.ToArray());
    }

    [Fact]
    public void Parse_Assign_KeepsTheVariableAndTheUnevaluatedExpression()
    {
        ReplayStep step = OnlyStep("STEP 8 ASSIGN probe0 = ${range 3200 ${timeout} 3600}   ; the probe is planned");

        Assert.Equal(ReplayStepKind.Assign, step.Kind);
        Assert.Equal("probe0", step.Variable);
        Assert.Equal("${range 3200 ${timeout} 3600}", step.Expression);
    }

    [Theory]
    [InlineData("STEP 8 ASSIGN probe0 ${time}", "a missing '='")]
    [InlineData("STEP 8 ASSIGN = ${time}", "a missing name")]
    [InlineData("STEP 8 ASSIGN probe0 =", "a missing value")]
    [InlineData("STEP 5 TIME_PASSES EVAL", "a missing expression")]
    [InlineData("STEP 11 CHECK_AUTOTRUST example.com\nexample.com. IN DS 1 8 2 00\nFILE_END", "a missing FILE_BEGIN")]
    [InlineData("STEP 11 CHECK_AUTOTRUST example.com\nFILE_BEGIN\n;;id: example.com. 1", "a missing FILE_END")]
    public void Parse_MalformedMacroStep_ThrowsFormatException(string steps, string description)
    {
        FormatException e = Assert.Throws<FormatException>(() => WithSteps(steps));

        Assert.True(e.Message.StartsWith("test.rpl line ", StringComparison.Ordinal), $"{description}: {e.Message}");
    }

    [Fact]
    public void Parse_TimePassesEval_IsTimePassesCarryingTheExpression()
    {
        ReplayStep step = OnlyStep("STEP 31 TIME_PASSES EVAL ${ ${20*24*3600} - 3000 }");

        Assert.Equal(ReplayStepKind.TimePasses, step.Kind);
        Assert.Equal("${ ${20*24*3600} - 3000 }", step.Expression);
        Assert.Equal(TimeSpan.Zero, step.Elapse);
    }

    [Fact]
    public void Parse_TimePassesElapse_KeepsItsSecondsAndNoExpression()
    {
        ReplayStep step = OnlyStep("STEP 10 TIME_PASSES ELAPSE 2.5");

        Assert.Equal(ReplayStepKind.TimePasses, step.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2.5), step.Elapse);
        Assert.Null(step.Expression);
    }

    [Fact]
    public void Parse_CheckAutotrust_KeepsTheNameAndEveryLineAsWritten()
    {
        // Testbound compares the state file with these lines one by one, so comment and blank lines must survive.
        string[] expected =
        [
            "; autotrust trust anchor file",
            ";;id: example.com. 1",
            ";;last_queried: ${$t0} ;;${ctime $t0}",
            "",
            "example.com.\t10800\tIN\tDNSKEY\t257 3 5 AwEAAc3Z5DQDJpH4oPdNtC4BUQHk50XMD+dHr4r8psHmivIa83hxR5CRgCtd9sENCW9Ae8OIO19xw9t/RPaEAqQa+OE= ;{id = 55582 (ksk), size = 512b} ;;state=2 [  VALID  ] ;;count=0 ;;lastchange=${$t0} ;;${ctime $t0}",
        ];

        ReplayStep step = OnlyStep($"STEP 11 CHECK_AUTOTRUST example.com\nFILE_BEGIN\n{string.Join('\n', expected)}\nFILE_END");

        Assert.Equal(ReplayStepKind.CheckAutotrust, step.Kind);
        Assert.Equal("example.com", step.AutotrustName);
        Assert.Equal(expected, step.ExpectedFile);
    }

    [Fact]
    public void Parse_AutotrustFile_KeepsItsStateCommentsAndMacros()
    {
        // Unbound keeps RFC 5011 state in ';;' lines of the file; testbound writes the block out as it is, macros too.
        string text = """
            server:
                val-override-date: "-1"
            AUTOTRUST_FILE example.com
            ; autotrust trust anchor file
            ;;REVOKED
            ;;id: example.com. 1
            ;;next_probe_time: ${0} ;;${ctime 0}
            example.com. 10800 IN DS 55582 5 2 0000000000000000000000000000000000000000000000000000000000000000
            AUTOTRUST_END
            CONFIG_END
            SCENARIO_BEGIN autotrust file
            SCENARIO_END
            """;

        ReplayScenario scenario = ScenarioParser.Parse(text.Split('\n'), "test.rpl");

        string file = Assert.Single(scenario.Config.AutotrustFiles).Value;
        Assert.Equal(
            "; autotrust trust anchor file\n;;REVOKED\n;;id: example.com. 1\n;;next_probe_time: ${0} ;;${ctime 0}\n"
                + "example.com. 10800 IN DS 55582 5 2 0000000000000000000000000000000000000000000000000000000000000000",
            file);
    }

    /// <summary>One row per autotrust_* scenario file, copied unmodified from Unbound's testdata.</summary>
    public static TheoryData<string> AutotrustScenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(FixtureFolder, "autotrust_*").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AutotrustScenarios))]
    public void Parse_UnboundAutotrustScenario_ReadsEveryStepAndEveryMacroExpands(string scenario)
    {
        ReplayScenario parsed = ScenarioParser.ParseFile(Path.Combine(FixtureFolder, scenario));
        var variables = new Dictionary<string, long>(StringComparer.Ordinal) { ["tp"] = 1258962400, ["probe"] = 3600 };
        for (int i = 0; i <= 9; i++)
        {
            variables[$"t{i}"] = 1258962400 + (i * 86400);
            variables[$"probe{i}"] = 3600 + i;
        }

        Assert.DoesNotContain(parsed.Steps, s => s.Kind == ReplayStepKind.Unsupported);
        foreach (ReplayStep step in parsed.Steps)
        {
            if (step.Expression is { } expression)
            {
                _ = Macros(variables, expression).Evaluate(expression);
            }

            foreach (string line in step.ExpectedFile)
            {
                Assert.DoesNotContain("${", Macros(variables, line).Expand(line), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// An evaluator whose next timer is as far off as the range in <paramref name="text"/> asks for at least: these
    /// tests are about reading the macros, not about the values a real run gives.
    /// </summary>
    private static ReplayMacros Macros(Dictionary<string, long> variables, string text) =>
        new(variables, () => 1258969600, () => RangeLow().Match(text) is { Success: true } range ? long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture) : null);

    [GeneratedRegex(@"\$\{range (\d+) ")]
    private static partial Regex RangeLow();

    private static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Replay");

    private static ReplayStep OnlyStep(string steps) => Assert.Single(WithSteps(steps).Steps);

    private static ReplayScenario WithSteps(string steps) =>
        ScenarioParser.Parse($"{Header}\n{Footer.Replace("SCENARIO_END", steps + "\nSCENARIO_END", StringComparison.Ordinal)}".Split('\n'), "test.rpl");

    private static ReplayScenario Scenario(string answers) =>
        ScenarioParser.Parse($"{Header}\n{answers}\n{Footer}".Split('\n'), "test.rpl");

    private static ReplayEntry OnlyEntry(string answers) => Assert.Single(Assert.Single(Scenario(answers).Ranges).Entries);
}
