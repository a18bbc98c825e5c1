using System.Globalization;
using System.Net;

namespace Dnssec.Load;

/// <summary>The command line: where to ask, what to trust, which names, how many at once and for how long.</summary>
internal sealed class LoadSettings
{
    public const string Usage = """
        Usage: Dnssec.Load --server IP:PORT --anchors FILE --names FILE --concurrency N (--duration SECONDS | --queries N)
                           [--warmup FILE] [--label TEXT] [--timeout SECONDS]
          --server       the non-validating recursive upstream (stub mode, no iterative fallback)
          --anchors      trust anchors: DS or DNSKEY lines in zone-file form
          --names        one "name type" per line; the workers cycle through them in order
          --concurrency  workers, each with one resolution outstanding at a time
          --duration     measure for this many seconds, or
          --queries      measure this many resolutions (the names file once: --queries equal to its line count)
          --warmup       names resolved one by one before the measurement (key chain or cache warm-up)
          --label        a name for the run, repeated in the RESULT line
          --timeout      the upstream timeout per attempt (2 s by default; two attempts)
        Prints the figures, then one line "RESULT key=value ..." for scripts. Exit status 0 when every measured answer
        was Secure, 1 otherwise, 2 on usage errors.
        """;

    public required IPEndPoint Server { get; init; }

    public required string AnchorsPath { get; init; }

    public required string NamesPath { get; init; }

    public required int Concurrency { get; init; }

    public TimeSpan? Duration { get; init; }

    public long? Queries { get; init; }

    public string? WarmupPath { get; init; }

    public string Label { get; init; } = "run";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Parses the arguments; null and a message when they are wrong.</summary>
    public static LoadSettings? Parse(string[] args, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                problem = $"unexpected argument '{args[i]}'";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        string[] known = ["server", "anchors", "names", "concurrency", "duration", "queries", "warmup", "label", "timeout"];
        foreach (string key in values.Keys)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                problem = $"unknown option --{key}";
                return null;
            }
        }

        foreach (string required in (string[])["server", "anchors", "names", "concurrency"])
        {
            if (!values.ContainsKey(required))
            {
                problem = $"--{required} is required";
                return null;
            }
        }

        if (values.ContainsKey("duration") == values.ContainsKey("queries"))
        {
            problem = "give one of --duration and --queries";
            return null;
        }

        if (!IPEndPoint.TryParse(values["server"], out IPEndPoint? server) || server.Port == 0)
        {
            problem = $"--server '{values["server"]}' is not IP:PORT";
            return null;
        }

        if (!int.TryParse(values["concurrency"], NumberStyles.None, CultureInfo.InvariantCulture, out int concurrency) || concurrency < 1)
        {
            problem = "--concurrency must be a positive integer";
            return null;
        }

        TimeSpan? duration = null;
        if (values.TryGetValue("duration", out string? durationText))
        {
            if (!double.TryParse(durationText, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
            {
                problem = "--duration must be a positive number of seconds";
                return null;
            }

            duration = TimeSpan.FromSeconds(seconds);
        }

        long? queries = null;
        if (values.TryGetValue("queries", out string? queriesText))
        {
            if (!long.TryParse(queriesText, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count < 1)
            {
                problem = "--queries must be a positive integer";
                return null;
            }

            queries = count;
        }

        TimeSpan timeout = TimeSpan.FromSeconds(2);
        if (values.TryGetValue("timeout", out string? timeoutText))
        {
            if (!double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
            {
                problem = "--timeout must be a positive number of seconds";
                return null;
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }

        problem = null;
        return new LoadSettings
        {
            Server = server,
            AnchorsPath = values["anchors"],
            NamesPath = values["names"],
            Concurrency = concurrency,
            Duration = duration,
            Queries = queries,
            WarmupPath = values.GetValueOrDefault("warmup"),
            Label = values.GetValueOrDefault("label") ?? "run",
            Timeout = timeout,
        };
    }
}
