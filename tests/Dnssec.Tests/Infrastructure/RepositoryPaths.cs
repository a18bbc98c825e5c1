namespace Dnssec.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test output directory.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The directory that holds Dnssec.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dnssec.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Dnssec.sln above {AppContext.BaseDirectory}.");
    }
}
