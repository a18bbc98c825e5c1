namespace Dnssec.Tests.Architecture;

/// <summary>The conventions of STYLE.md that no analyzer checks: no <c>#region</c> in any source file.</summary>
public sealed class SourceConventionsTests
{
    private static readonly string[] SourceRoots = ["src", "tests", "benchmarks", "fuzz"];

    [Fact]
    public void Sources_HaveNoRegions()
    {
        var offenders = new List<string>();
        foreach (string root in SourceRoots)
        {
            foreach (string file in Directory.EnumerateFiles(RepositoryPaths.Combine(root), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(RepositoryPaths.Root, file);
                bool generated = relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
                if (!generated && File.ReadLines(file).Any(line => line.TrimStart().StartsWith("#region", StringComparison.Ordinal)))
                {
                    offenders.Add(relative);
                }
            }
        }

        Assert.Empty(offenders);
    }
}
