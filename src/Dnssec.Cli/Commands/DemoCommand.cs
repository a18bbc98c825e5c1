using System.CommandLine;
using System.Text.Json;
using Dnssec.Cli.Demo;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Testing;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec demo`: signs a private hierarchy in process, resolves one name per case iteratively from its root with the
/// real resolver and no network, and explains each verdict as `resolve` does; a smoke test as well as a tour.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON array of the objects `resolve --json` prints." };
        var command = new Command("demo", "Sign a private DNSSEC hierarchy in memory, then resolve and explain secure, insecure and bogus answers from it; no network needed.\nExit status: 0 every case gave the verdict it must, 1 a case gave another verdict.")
        {
            json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {
        ZoneHierarchy hierarchy = DemoHierarchy.Build(DateTimeOffset.UtcNow);
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = hierarchy.Anchors };
        options.RootServers.Add(hierarchy.RootAddress);
        await using var resolver = new DnssecResolver(options, transport: new InMemoryTransport(hierarchy.Servers));

        var answers = new List<DnssecAnswer>();
        int expected = 0;
        foreach (DemoCase demo in DemoHierarchy.Cases)
        {
            DnssecAnswer answer = await resolver.ResolveAsync(demo.Name, demo.Type, cancellationToken);
            answers.Add(answer);
            bool asExpected = answer.Status == demo.ExpectedStatus && answer.ResponseCode == demo.ExpectedCode;
            expected += asExpected ? 1 : 0;
            string verdict = $"expected {AnswerPrinter.Status(demo.ExpectedStatus)}, {Mnemonics.FormatResponseCode(demo.ExpectedCode)}";
            if (!asExpected)
            {
                Console.Error.WriteLine($"dnssec demo: {demo.Name} {Mnemonics.FormatRecordType(demo.Type)}: {verdict}, got {AnswerPrinter.Status(answer.Status)}, {Mnemonics.FormatResponseCode(answer.ResponseCode)}");
            }

            if (!json)
            {
                Console.Out.WriteLine($";; demo: {demo.Shows}; {verdict}: {(asExpected ? "as expected" : "UNEXPECTED")}");
                AnswerPrinter.WriteText(Console.Out, answer);
                Console.Out.WriteLine();
            }
        }

        if (json)
        {
            WriteJson(answers);
        }

        Console.Error.WriteLine($"; {expected} of {DemoHierarchy.Cases.Count} cases gave the expected verdict");
        return expected == DemoHierarchy.Cases.Count ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static void WriteJson(List<DnssecAnswer> answers)
    {
        using Stream stream = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stream, CliJson.WriterOptions);
        writer.WriteStartArray();
        foreach (DnssecAnswer answer in answers)
        {
            AnswerPrinter.WriteJson(writer, answer);
        }

        writer.WriteEndArray();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }
}
