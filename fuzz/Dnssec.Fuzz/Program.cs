using Dnssec.Fuzz;
using Dnssec.Fuzz.Seeds;
using SharpFuzz;

// Usage:
//   Dnssec.Fuzz TARGET                  run under afl-fuzz (input on standard input; SharpFuzz's fork server)
//   Dnssec.Fuzz TARGET --run PATH...    run files, or every file of folders, without afl-fuzz; exit 1 on any failure
//   Dnssec.Fuzz seed TARGET FOLDER      write the generated seed corpus of a target (certificate, message, zone)
//   Dnssec.Fuzz --list                  list the targets
const string Usage = "usage: Dnssec.Fuzz TARGET [--run PATH...] | seed TARGET FOLDER | --list";

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

if (args[0] == "--list")
{
    foreach (IFuzzTarget target in FuzzTargets.All)
    {
        Console.WriteLine(target.Name);
    }

    return 0;
}

if (args[0] == "seed")
{
    if (args.Length != 3 || !SeedCorpora.Targets.Contains(args[1]))
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    Console.WriteLine($"Wrote {SeedCorpora.WriteTo(args[1], args[2])} seeds to {args[2]}");
    return 0;
}

if (!FuzzTargets.TryGet(args[0], out IFuzzTarget? selected))
{
    Console.Error.WriteLine($"Unknown target '{args[0]}'. {Usage}");
    return 2;
}

if (args.Length > 1)
{
    if (args[1] != "--run" || args.Length < 3)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    return Replay.Run(selected, args.AsSpan(2));
}

var input = new MemoryStream();
Fuzzer.Run(stream =>
{
    input.SetLength(0);
    stream.CopyTo(input);
    selected.Run(input.GetBuffer().AsSpan(0, (int)input.Length));
});
return 0;
