using Dnssec.Tests.Architecture.Probes;
using Dnssec.Wire;

namespace Dnssec.Tests.Architecture;

/// <summary>
/// Enforces the layer table of DESIGN.md on the compiled library: a layer uses only the layers before it, only Crypto
/// uses BouncyCastle, and the product never uses Dnssec.Testing. It reads the assemblies' metadata, where every name
/// is already resolved, rather than the source text.
/// </summary>
public sealed class LayeringTests
{
    private static string LibraryRoot => RepositoryPaths.Combine("src", "Dnssec");

    private static string CoreAssembly => typeof(DnsName).Assembly.Location;

    private static string TestingAssembly => Path.Combine(AppContext.BaseDirectory, "Dnssec.Testing.dll");

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

            Assert.True(LayerRules.Layers.Contains(name), $"src/Dnssec/{name} is not a layer of DESIGN.md");
        }
    }

    [Fact]
    public void Library_EveryFolder_IsItsNamespace()
    {
        // The assembly check knows namespaces, not folders: a file must declare the namespace of the layer folder it is in.
        foreach (string file in Directory.EnumerateFiles(LibraryRoot, "*.cs", SearchOption.AllDirectories))
        {
            string[] parts = Path.GetRelativePath(LibraryRoot, file).Split(Path.DirectorySeparatorChar);
            if (parts[0] is "bin" or "obj")
            {
                continue;
            }

            string expected = string.Join('.', [LayerRules.Root, .. parts[..^1]]);
            Assert.Contains($"namespace {expected};", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CoreAssembly_EveryDependency_FollowsTheLayerTable()
    {
        IReadOnlyList<NamespaceDependency> dependencies = AssemblyDependencies.Read(CoreAssembly);

        Assert.Contains(dependencies, d => d.From == "Dnssec.Crypto" && LayerRules.IsWithin(d.To, "Org.BouncyCastle"));
        IReadOnlyList<string> violations = LayerRules.Violations(dependencies);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void CoreAssembly_NeverReferencesTheTestingLibrary()
    {
        Assert.DoesNotContain("Dnssec.Testing", AssemblyDependencies.ReferencedAssemblies(CoreAssembly));
        Assert.DoesNotContain(AssemblyDependencies.Read(CoreAssembly), d => LayerRules.IsWithin(d.To, "Dnssec.Testing"));
    }

    [Fact]
    public void TestingAssembly_WhereBuilt_MayUseEveryLayer()
    {
        if (!File.Exists(TestingAssembly))
        {
            return;
        }

        IReadOnlyList<NamespaceDependency> dependencies = AssemblyDependencies.Read(TestingAssembly);

        Assert.All(dependencies, d => Assert.False(LayerRules.IsWithin(d.From, LayerRules.Root) && LayerRules.LayerOf(d.From) is not null, $"Dnssec.Testing declares {d.From}, a namespace of the library's layers"));
    }

    [Fact]
    public void Read_ReferenceOnlyInAMethodBody_IsSeen()
    {
        IReadOnlyList<NamespaceDependency> dependencies = AssemblyDependencies.Read(typeof(MethodBodyProbe).Assembly.Location);

        Assert.Contains(dependencies, d => d.From == typeof(MethodBodyProbe).Namespace && d.To == "Dnssec.Wire");
        Assert.Contains(dependencies, d => d.From == typeof(MethodBodyProbe).Namespace && d.To == "Dnssec.Validation");
    }

    [Fact]
    public void Violations_HigherLayer_NamesBothNamespaces()
    {
        IReadOnlyList<string> violations = LayerRules.Violations([new("Dnssec.Wire", "Dnssec.Resolver.Caching", "DnsName uses AnswerCache")]);

        string violation = Assert.Single(violations);
        Assert.Contains("Dnssec.Wire", violation, StringComparison.Ordinal);
        Assert.Contains("Dnssec.Resolver.Caching", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_LowerLayerOrSubNamespace_AreAllowed()
    {
        NamespaceDependency[] allowed =
        [
            new("Dnssec.Resolver.Caching", "Dnssec.Validation", "a cache entry holds a validation"),
            new("Dnssec.Resolver", "Dnssec.Resolver.Caching", "the resolver owns its cache"),
            new("Dnssec.Zones", "Dnssec.Crypto", "a zone is signed"),
            new("Dnssec.Crypto", "Org.BouncyCastle.Math", "Ed448 comes from BouncyCastle"),
            new("Dnssec.Dane", "System.Net.Security", "the framework is no layer"),
        ];

        Assert.Empty(LayerRules.Violations(allowed));
    }

    [Theory]
    [InlineData("Dnssec.Validation", "Org.BouncyCastle.Crypto", "only Crypto")]
    [InlineData("Dnssec.Crypto", "Dnssec.Zones", "a later layer")]
    [InlineData("Dnssec.Server", "Dnssec.Testing", "not a layer")]
    [InlineData("Dnssec.Caching", "Dnssec.Wire", "not inside a layer")]
    public void Violations_BrokenRule_IsReported(string from, string to, string reason)
    {
        string violation = Assert.Single(LayerRules.Violations([new(from, to, "example")]));

        Assert.Contains(from, violation, StringComparison.Ordinal);
        Assert.Contains(reason, violation, StringComparison.Ordinal);
    }
}
