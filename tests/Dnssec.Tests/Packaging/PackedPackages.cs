using System.Xml.Linq;

namespace Dnssec.Tests.Packaging;

/// <summary>The packages of one `eng/pack.sh` run into a temporary folder, shared by the packaging tests (packing takes minutes).</summary>
public sealed class PackedPackages : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public PackedPackages()
    {
        Version = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
        Folder = Path.Combine(_directory.Path, "packages");
        ExternalTool.Result result = SdkCommand.Run("bash", [RepositoryPaths.Combine("eng", "pack.sh"), Folder], RepositoryPaths.Root, null, TimeSpan.FromMinutes(40));
        PackOutput = result.Combined;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/pack.sh exited {result.ExitCode}:\n{result.Combined}");
        }
    }

    /// <summary>The folder eng/pack.sh filled.</summary>
    public string Folder { get; }

    /// <summary>The version every package carries (Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>What eng/pack.sh printed, for the failure messages.</summary>
    public string PackOutput { get; }

    /// <summary>This machine's runtime identifier when eng/pack.sh could make the tool's native package for it, else null.</summary>
    public static string? NativeRuntime => NativeRuntimeCandidate is { } rid && ExternalToolExists("clang") ? rid : null;

    /// <summary>The full path of a package in <see cref="Folder"/>.</summary>
    public string Package(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>A directory for one test's own files (tool path, consumer project, NuGet caches), removed with the packages.</summary>
    public string NewWorkDirectory(string name) => Directory.CreateDirectory(Path.Combine(_directory.Path, name)).FullName;

    public void Dispose() => _directory.Dispose();

    // The tool's native packages exist for the platforms Dnssec.Cli.csproj lists; these tests run on Linux.
    private static string? NativeRuntimeCandidate => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier switch
    {
        "linux-x64" => "linux-x64",
        "linux-arm64" => "linux-arm64",
        _ => null,
    };

    private static bool ExternalToolExists(string program)
    {
        try
        {
            ExternalTool.Find(program);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
