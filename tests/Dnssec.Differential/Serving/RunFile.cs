using System.Globalization;

namespace Dnssec.Differential.Serving;

/// <summary>
/// What a campaign has started, on disk (/tmp/dnssec-differential.run unless DIFFERENTIAL_RUN_FILE says otherwise):
/// its directory and every server's process id, so that the next campaign can end the servers and remove the aliases
/// of one that was killed, as the interop hierarchy's build.sh does with its own run file. A process is ended only
/// when its command line still names the recorded directory, so that a reused process id is left alone.
/// </summary>
public sealed class RunFile
{
    private readonly object _gate = new();

    /// <summary>Starts a run file for the campaign working in <paramref name="directory"/>.</summary>
    public RunFile(string directory)
    {
        Directory = directory;
        File.WriteAllText(Path, $"dir {directory}\n");
    }

    /// <summary>Where the run file is.</summary>
    public static string Path => Environment.GetEnvironmentVariable("DIFFERENTIAL_RUN_FILE") ?? "/tmp/dnssec-differential.run";

    /// <summary>The campaign's working directory.</summary>
    public string Directory { get; }

    /// <summary>Records a server's process id.</summary>
    public void Record(int processId, string name)
    {
        lock (_gate)
        {
            File.AppendAllText(Path, string.Create(CultureInfo.InvariantCulture, $"pid {processId} {name}\n"));
        }
    }

    /// <summary>Removes the run file at the end of a campaign that stopped everything itself.</summary>
    public static void Delete() => File.Delete(Path);

    /// <summary>
    /// Ends what a previous campaign left running (the processes of its run file whose command line names its
    /// directory) and removes every alias in the campaign's range. Harmless when nothing is left.
    /// </summary>
    public static async Task CleanUpStaleAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path))
        {
            string[] lines = await File.ReadAllLinesAsync(Path, cancellationToken).ConfigureAwait(false);
            string? directory = lines.Where(l => l.StartsWith("dir ", StringComparison.Ordinal)).Select(l => l[4..].Trim()).FirstOrDefault();
            foreach (string line in lines.Where(l => l.StartsWith("pid ", StringComparison.Ordinal)))
            {
                if (directory is not null && int.TryParse(line.Split(' ')[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    await ServerProcess.EndStaleAsync(pid, directory).ConfigureAwait(false);
                }
            }

            File.Delete(Path);
        }

        await LoopbackAliases.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
    }
}
