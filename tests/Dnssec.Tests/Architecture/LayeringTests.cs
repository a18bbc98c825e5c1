using System.Text.RegularExpressions;

namespace Dnssec.Tests.Architecture;

/// <summary>Enforces the layer table of DESIGN.md: a layer uses only the layers before it, and only Crypto uses BouncyCastle.</summary>
public partial class LayeringTests
{
    /// <summary>The layers in order; each may use only those before it.</summary>
    private static readonly string[] Layers = ["Wire", "Presentation", "Crypto", "Zones", "Validation", "TrustAnchors", "Resolver", "Dane", "Server"];

    private static string LibraryRoot => RepositoryPaths.Combine("src", "Dnssec");

    public static TheoryData<string> SourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(LibraryRoot, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(LibraryRoot, file);
            if (!relative.StartsWith("obj", StringComparison.Ordinal) && !relative.StartsWith("bin", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Fact]
    public void Library_EveryFolder_IsALayer()
    {
        foreach (string directory in Directory.EnumerateDirectories(LibraryRoot))
        {
            string name = Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            Assert.True(Array.IndexOf(Layers, name) >= 0, $"src/Dnssec/{name} is not a layer of DESIGN.md");
        }
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void SourceFile_ReferencesOnlyLowerLayers(string relativePath)
    {
        string layer = relativePath.Split(Path.DirectorySeparatorChar)[0];
        int rank = Array.IndexOf(Layers, layer);
        Assert.True(rank >= 0, $"{relativePath} is not inside a layer folder");
        string text = File.ReadAllText(Path.Combine(LibraryRoot, relativePath));

        Match declared = NamespacePattern().Match(text);
        Assert.True(declared.Success && declared.Groups[1].Value == "Dnssec." + layer, $"{relativePath} must declare namespace Dnssec.{layer}");

        foreach (Match reference in ReferencePattern().Matches(text))
        {
            string used = reference.Groups[1].Value;
            int usedRank = Array.IndexOf(Layers, used);
            Assert.True(usedRank <= rank, $"{relativePath} ({layer}) uses the higher layer {used}");
        }

        if (layer != "Crypto")
        {
            Assert.DoesNotContain("Org.BouncyCastle", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Library_OnlyCryptoMayReferenceBouncyCastle()
    {
        string project = File.ReadAllText(Path.Combine(LibraryRoot, "Dnssec.csproj"));
        bool referencesBouncyCastle = project.Contains("BouncyCastle", StringComparison.Ordinal);
        bool usedOutsideCrypto = false;
        foreach (string file in Directory.EnumerateFiles(LibraryRoot, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(LibraryRoot, file);
            if (!relative.StartsWith("Crypto", StringComparison.Ordinal) && File.ReadAllText(file).Contains("BouncyCastle", StringComparison.Ordinal))
            {
                usedOutsideCrypto = true;
            }
        }

        Assert.False(usedOutsideCrypto && referencesBouncyCastle, "BouncyCastle is used outside Crypto");
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"\bDnssec\.(\w+)\b")]
    private static partial Regex ReferencePattern();
}
