namespace Dnssec.Fuzz;

/// <summary>Runs saved inputs through a target outside afl-fuzz, to reproduce a crash or check a corpus.</summary>
public static class Replay
{
    /// <summary>Runs every file named in <paramref name="paths"/>, or found in the folders named there; returns 1 if any failed.</summary>
    public static int Run(IFuzzTarget target, ReadOnlySpan<string> paths)
    {
        ArgumentNullException.ThrowIfNull(target);
        int passed = 0;
        int failed = 0;
        foreach (string path in paths)
        {
            IEnumerable<string> files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal)
                : [path];
            foreach (string file in files)
            {
                try
                {
                    target.Run(File.ReadAllBytes(file));
                    passed++;
                }
#pragma warning disable CA1031 // Reporting every failure, whatever its type, is the point of a replay.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failed++;
                    Console.Error.WriteLine($"FAIL {file}");
                    Console.Error.WriteLine(e);
                }
            }
        }

        Console.WriteLine($"{target.Name}: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
