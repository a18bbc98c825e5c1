using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dnssec.Tests.Packaging;

/// <summary>
/// The packages as people get them: eng/pack.sh's folder has every package with its metadata and symbols, the tool
/// installs from it and runs, and a project outside the repository builds and runs against the packed library.
/// Interop: each test drives the SDK (pack, tool install, restore and build), which takes minutes.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class PackagingTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    // The SourceLink record of a portable PDB (Portable PDB format specification, CustomDebugInformation kinds).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Pack_FillsTheFolderWithEveryPackageTheirSymbolsAndTheirMetadata()
    {
        string version = packages.Version;
        List<string> expected =
        [
            $"Dnssec.{version}.nupkg", $"Dnssec.{version}.snupkg",
            $"Dnssec.Testing.{version}.nupkg", $"Dnssec.Testing.{version}.snupkg",
            $"Dnssec.Extensions.Http.{version}.nupkg", $"Dnssec.Extensions.Http.{version}.snupkg",
            $"Dnssec.Cli.{version}.nupkg", $"Dnssec.Cli.any.{version}.nupkg",
        ];
        if (PackedPackages.NativeRuntime is { } rid)
        {
            expected.Add($"Dnssec.Cli.{rid}.{version}.nupkg");
        }

        foreach (string file in expected)
        {
            Assert.True(File.Exists(packages.Package(file)), $"{file} is missing; eng/pack.sh printed:\n{packages.PackOutput}");
            Assert.Contains(file, packages.PackOutput, StringComparison.Ordinal);
        }

        XElement library = Metadata($"Dnssec.{version}.nupkg", out IReadOnlyList<string> entries);
        Assert.Equal("Dnssec", Value(library, "id"));
        Assert.Equal(version, Value(library, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Value(library, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(library, "authors")));
        Assert.False(string.IsNullOrWhiteSpace(Value(library, "releaseNotes")));
        Assert.Contains("dnssec", Value(library, "tags").Split(' '));
        XElement license = Child(library, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Value(library, "readme"));
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/Dnssec.Core.dll", entries);
        XElement repository = Child(library, "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches(CommitId(), (string?)repository.Attribute("commit") ?? "");
        Assert.Equal((string?)repository.Attribute("url"), Value(library, "projectUrl"));

        XElement testing = Metadata($"Dnssec.Testing.{version}.nupkg", out IReadOnlyList<string> testingEntries);
        Assert.Equal("README.md", Value(testing, "readme"));
        Assert.Contains("README.md", testingEntries);
        Assert.Contains(testing.Descendants(testing.Name.Namespace + "dependency"), d => (string?)d.Attribute("id") == "Dnssec" && (string?)d.Attribute("version") == version);

        XElement http = Metadata($"Dnssec.Extensions.Http.{version}.nupkg", out IReadOnlyList<string> httpEntries);
        Assert.Equal("README.md", Value(http, "readme"));
        Assert.Contains("lib/net10.0/Dnssec.Extensions.Http.dll", httpEntries);
        Assert.Contains(http.Descendants(http.Name.Namespace + "dependency"), d => (string?)d.Attribute("id") == "Dnssec" && (string?)d.Attribute("version") == version);
        Assert.Contains(http.Descendants(http.Name.Namespace + "dependency"), d => (string?)d.Attribute("id") == "Microsoft.Extensions.Http");

        AssertSymbolsLinkTheSources($"Dnssec.{version}.snupkg", "lib/net10.0/Dnssec.Core.pdb");
        AssertSymbolsLinkTheSources($"Dnssec.Testing.{version}.snupkg", "lib/net10.0/Dnssec.Testing.pdb");
        AssertSymbolsLinkTheSources($"Dnssec.Extensions.Http.{version}.snupkg", "lib/net10.0/Dnssec.Extensions.Http.pdb");
    }

    [Fact]
    public void Pack_ToolRollsForwardToNewerRuntimesAndCarriesOnlyEnglishResources()
    {
        XElement pointer = Metadata($"Dnssec.Cli.{packages.Version}.nupkg", out _);
        Assert.Contains(pointer.Descendants(pointer.Name.Namespace + "packageType"), t => (string?)t.Attribute("name") == "DotnetTool");
        Assert.Equal("README.md", Value(pointer, "readme"));

        using ZipArchive any = ZipFile.OpenRead(packages.Package($"Dnssec.Cli.any.{packages.Version}.nupkg"));
        ZipArchiveEntry runtimeConfig = any.Entries.Single(e => e.FullName.EndsWith("/dnssec.runtimeconfig.json", StringComparison.Ordinal));
        using (var reader = new StreamReader(runtimeConfig.Open()))
        {
            Assert.Matches("\"rollForward\"\\s*:\\s*\"Major\"", reader.ReadToEnd());
        }

        Assert.Contains(any.Entries, e => e.FullName.EndsWith("/System.CommandLine.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(any.Entries, e => e.FullName.EndsWith(".resources.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void ToolInstall_FromThePackedFolder_RunsVersionAndDemo()
    {
        string work = packages.NewWorkDirectory("tool");
        string toolPath = Path.Combine(work, "bin");
        // No feed but the packed folder (--add-source), so that a Dnssec.Cli from any other feed cannot be installed
        // instead; and a NuGet cache of its own, so that a Dnssec.Cli of the same version left in the machine's cache
        // by an earlier build cannot either.
        string config = Path.Combine(work, "NuGet.config");
        File.WriteAllText(config, "<configuration><packageSources><clear /></packageSources></configuration>");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages") };

        ExternalTool.Result install = SdkCommand.Run(
            "dotnet",
            ["tool", "install", "Dnssec.Cli", "--tool-path", toolPath, "--add-source", packages.Folder, "--configfile", config, "--version", packages.Version],
            work,
            environment,
            TimeSpan.FromMinutes(10));
        Assert.True(install.ExitCode == 0, install.Combined);
        if (PackedPackages.NativeRuntime is { } rid)
        {
            // The pointer package sent the install to this platform's Native AOT package, not the JIT-compiled "any".
            Assert.True(
                Directory.EnumerateDirectories(toolPath, $"dnssec.cli.{rid}", SearchOption.AllDirectories).Any(),
                $"the native package for {rid} was not installed:\n{install.Combined}");
        }

        string dnssec = Path.Combine(toolPath, "dnssec");
        ExternalTool.Result version = SdkCommand.Run(dnssec, ["--version"], work, environment, TimeSpan.FromMinutes(1));
        Assert.True(version.ExitCode == 0, version.Combined);
        Assert.StartsWith(packages.Version, version.Output.Trim(), StringComparison.Ordinal);

        ExternalTool.Result demo = SdkCommand.Run(dnssec, ["demo"], work, environment, TimeSpan.FromMinutes(5));
        Assert.True(demo.ExitCode == 0, demo.Combined);
        Assert.Contains("; www.ecdsa.test. A: secure, NOERROR, via iterative resolution", demo.Output, StringComparison.Ordinal);
        Assert.Matches(AllCasesExpected(), demo.Error);
    }

    [Fact]
    public void Consumer_OutsideTheRepository_BuildsAndRunsAgainstThePackedLibrary()
    {
        string work = packages.NewWorkDirectory("consumer");
        string project = Path.Combine(work, "Consumer");
        Directory.CreateDirectory(project);
        foreach (string file in new[] { "Consumer.csproj", "Program.cs", "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(RepositoryPaths.Combine("samples", "Consumer", file), Path.Combine(project, file));
        }

        // The packed folder serves Dnssec (mapped to it alone, so no feed can answer for it instead); the machine's
        // configured feeds serve the library's own dependencies, as they would for a user.
        ExternalTool.Result sources = SdkCommand.Run("dotnet", ["nuget", "list", "source", "--format", "short"], work, null, TimeSpan.FromMinutes(1));
        Assert.True(sources.ExitCode == 0, sources.Combined);
        string[] feeds = [.. sources.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("E ", StringComparison.Ordinal)).Select(l => l[2..].Trim())];
        Assert.True(feeds.Length > 0, $"no enabled NuGet feed is configured on this machine:\n{sources.Combined}");
        var config = new XElement(
            "configuration",
            new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "packed"), new XAttribute("value", packages.Folder)), feeds.Select((f, i) => new XElement("add", new XAttribute("key", $"feed{i}"), new XAttribute("value", f)))),
            new XElement(
                "packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "packed"), new XElement("package", new XAttribute("pattern", "Dnssec")), new XElement("package", new XAttribute("pattern", "Dnssec.*"))),
                feeds.Select((_, i) => new XElement("packageSource", new XAttribute("key", $"feed{i}"), new XElement("package", new XAttribute("pattern", "*"))))));
        config.Save(Path.Combine(work, "NuGet.config"));

        // A NuGet cache of its own rather than the machine's: every build of the repository packs the same version, so
        // the machine's cache may hold a Dnssec of that version from an earlier pack, which restore would take
        // without looking at the folder. Clearing it from the machine's cache instead would reach outside the test.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages") };
        ExternalTool.Result build = SdkCommand.Run("dotnet", ["build", project, "-c", "Release", $"-p:DnssecVersion={packages.Version}", "-nologo"], work, environment, TimeSpan.FromMinutes(15));
        Assert.True(build.ExitCode == 0, build.Combined);
        Assert.True(
            File.Exists(Path.Combine(work, "nuget-packages", "dnssec", packages.Version, $"dnssec.{packages.Version}.nupkg")),
            "the consumer was not restored from the packed Dnssec");

        ExternalTool.Result run = SdkCommand.Run("dotnet", ["run", "--project", project, "-c", "Release", "--no-build"], work, environment, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Matches(ConsumerLine(), run.Output);
    }

    private XElement Metadata(string package, out IReadOnlyList<string> entries)
    {
        using ZipArchive archive = ZipFile.OpenRead(packages.Package(package));
        entries = [.. archive.Entries.Select(e => e.FullName)];
        ZipArchiveEntry nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = nuspec.Open();
        XElement root = XDocument.Load(stream).Root!;
        return Child(root, "metadata");
    }

    private void AssertSymbolsLinkTheSources(string symbolPackage, string pdbEntry)
    {
        using ZipArchive archive = ZipFile.OpenRead(packages.Package(symbolPackage));
        ZipArchiveEntry entry = archive.GetEntry(pdbEntry) ?? throw new InvalidOperationException($"{symbolPackage} has no {pdbEntry}");
        using var pdb = new MemoryStream();
        using (Stream stream = entry.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        MetadataReader reader = provider.GetMetadataReader();
        string? sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(information => reader.GetGuid(information.Kind) == SourceLinkKind)
            .Select(information => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value)))
            .SingleOrDefault();
        Assert.True(sourceLink is not null, $"{pdbEntry} in {symbolPackage} has no SourceLink record");
        Assert.Matches("https://raw\\.githubusercontent\\.com/[^\"]+/[0-9a-f]{40}/\\*", sourceLink);
    }

    private static XElement Child(XElement parent, string name) =>
        parent.Element(parent.Name.Namespace + name) ?? throw new InvalidOperationException($"the nuspec has no <{name}>");

    private static string Value(XElement metadata, string name) => Child(metadata, name).Value;

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();

    [GeneratedRegex(@"; (\d+) of \1 cases gave the expected verdict")]
    private static partial Regex AllCasesExpected();

    [GeneratedRegex(@"consumer: (?i:_25\._tcp\.mail\.example\.com\.) TLSA 3 1 1 [0-9a-fA-F]{64}: server Match, other NoMatch, shipped root anchors [1-9]")]
    private static partial Regex ConsumerLine();
}
