using System.Net;
using System.Net.Sockets;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// <c>AddDnssecResolver(IConfiguration)</c>: the options read by the configuration binder's generated code from an
/// in-memory configuration, every wrong key or value reported by name in one OptionsValidationException, and a
/// resolver built from nothing but configuration (a trust anchor file included) proving answers.
/// </summary>
public class ResolverConfigurationTests
{
    [Fact]
    public void Keys_EveryPublicOptionButTheCodeOnlyOnes_CanBeConfigured()
    {
        // Options added later must be bindable too (or listed here with the reason): a key the reader does not know is an error.
        HashSet<string> codeOnly =
        [
            nameof(ResolverOptions.TrustAnchors), // an object; the configuration names a file instead (TrustAnchorsPath)
            nameof(ResolverOptions.StubZones), // a map of zones to addresses: set in code
            nameof(ResolverOptions.ForwardZones), // likewise
        ];

        string[] properties = [.. typeof(ResolverOptions).GetProperties().Select(p => p.Name).Where(name => !codeOnly.Contains(name))];

        Assert.Empty(properties.Except(ResolverConfigurationReader.Keys));
    }

    [Fact]
    public void AddDnssecResolver_Configuration_BindsTlsUpstreamsPinsAndCaFile()
    {
        using var directory = new TemporaryDirectory();
        string ca = directory.Write("ca.pem", "");
        string pin = "sha256/" + Convert.ToBase64String(new byte[32]);
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "tls://192.0.2.1#dns.example",
            ["Dnssec:Servers:1"] = "192.0.2.2",
            ["Dnssec:TlsPins:0"] = pin,
            ["Dnssec:TlsCaFile"] = ca,
        });

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal([(UpstreamProtocol.Tls, 853, "dns.example"), (UpstreamProtocol.Plain, 53, null)], options.Servers.Select(s => (s.Protocol, s.EndPoint.Port, s.AuthenticationName)));
        Assert.Equal([pin], options.TlsPins);
        Assert.Equal(ca, options.TlsCaFile);
    }

    [Fact]
    public void AddDnssecResolver_BadPinAndMissingCaFile_BothNamedByKey()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:TlsPins"] = "sha256/AAAA",
            ["Dnssec:TlsCaFile"] = "/nonexistent/ca.pem",
        });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.StartsWith("Dnssec:TlsPins: 'sha256/AAAA' is not sha256/BASE64", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Dnssec:TlsCaFile", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDnssecResolver_Configuration_BindsServersTimesBooleansSizesLimitsAndValidation()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "192.0.2.1",
            ["Dnssec:Servers:1"] = "192.0.2.1:5353",
            ["Dnssec:Servers:2"] = "[2001:db8::1]:53",
            ["Dnssec:Mode"] = "iterative",
            ["Dnssec:FallbackToIterative"] = "false",
            ["Dnssec:RootServers"] = "127.0.0.2, 127.0.0.3",
            ["Dnssec:AuthorityPort"] = "5300",
            ["Dnssec:Timeout"] = "00:00:03",
            ["Dnssec:Attempts"] = "4",
            ["Dnssec:Rotate"] = "true",
            ["Dnssec:UseTcp"] = "True",
            ["Dnssec:AddressFamily"] = "IPv6",
            ["Dnssec:UdpPayloadSize"] = "1400",
            ["Dnssec:CacheSize"] = "500",
            ["Dnssec:CacheBytes"] = "1048576",
            ["Dnssec:AggressiveNsec"] = "false",
            ["Dnssec:QnameMinimisation"] = "false",
            ["Dnssec:MaximumCacheTtl"] = "02:00:00",
            ["Dnssec:FailureTtl"] = "00:00:05",
            ["Dnssec:RefreshAnchorsInBackground"] = "false",
            ["Dnssec:Limits:Referrals"] = "20",
            ["Dnssec:Limits:CnameLinks"] = "1000",
            ["Dnssec:Validation:HardenDnssecStripped"] = "false",
            ["Dnssec:Validation:MaximumKeyTtl"] = "01:00:00",
            ["Dnssec:Validation:Policy:AllowSha1"] = "false",
            ["Dnssec:Validation:Limits:Nsec3HashesPerAnswer"] = "7",
        });

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal(["192.0.2.1:53", "192.0.2.1:5353", "[2001:db8::1]:53"], options.Servers.Select(s => s.ToString()));
        Assert.Equal(ResolutionMode.Iterative, options.Mode);
        Assert.False(options.FallbackToIterative);
        Assert.Equal([IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], options.RootServers);
        Assert.Equal(5300, options.AuthorityPort);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(4, options.Attempts);
        Assert.True(options.Rotate);
        Assert.True(options.UseTcp);
        Assert.Equal(AddressFamily.InterNetworkV6, options.AddressFamily);
        Assert.Equal(1400, options.UdpPayloadSize);
        Assert.Equal(500, options.CacheSize);
        Assert.Equal(1048576, options.CacheBytes);
        Assert.False(options.AggressiveNsec);
        Assert.False(options.QnameMinimisation);
        Assert.Equal(TimeSpan.FromHours(2), options.MaximumCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FailureTtl);
        Assert.False(options.RefreshAnchorsInBackground);
        Assert.Equal(20, options.Limits.Referrals);
        Assert.Equal(ResolverLimits.MaximumCnameLinks, options.Limits.CnameLinks);
        Assert.Equal(ResolverLimits.DefaultNameServerDepth, options.Limits.NameServerDepth);
        Assert.False(options.Validation.HardenDnssecStripped);
        Assert.Equal(TimeSpan.FromHours(1), options.Validation.MaximumKeyTtl);
        Assert.False(options.Validation.Policy.AllowSha1);
        Assert.Equal(7, options.Validation.Limits.Nsec3HashesPerAnswer);
        Assert.Equal(ValidationLimits.DefaultChainLength, options.Validation.Limits.ChainLength);
        Assert.Equal(ValidationLimits.DefaultNsec3HashesPerAnswer, ValidationLimits.Default.Nsec3HashesPerAnswer);
    }

    [Fact]
    public void AddDnssecResolver_EmptySection_LeavesTheDefaults()
    {
        using ServiceProvider provider = Provider([]);

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;
        var defaults = new ResolverOptions();

        Assert.Empty(options.Servers);
        Assert.Equal(defaults.Mode, options.Mode);
        Assert.Equal(defaults.FallbackToIterative, options.FallbackToIterative);
        Assert.Equal(defaults.Timeout, options.Timeout);
        Assert.Equal(defaults.CacheSize, options.CacheSize);
        Assert.Null(options.TrustAnchors);
    }

    [Fact]
    public void AddDnssecResolver_ConfigureAfterwards_AppliesOnTopOfTheConfiguration()
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(Configuration(new Dictionary<string, string?> { ["Dnssec:Servers:0"] = "192.0.2.1", ["Dnssec:CacheSize"] = "500" }));
        services.Configure<ResolverOptions>(o => o.CacheSize = 600);
        using ServiceProvider provider = services.BuildServiceProvider();

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal(["192.0.2.1:53"], options.Servers.Select(s => s.ToString()));
        Assert.Equal(600, options.CacheSize);
    }

    [Fact]
    public void AddDnssecResolver_WrongValues_OneExceptionNamingEveryKey()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "192.0.2.1",
            ["Dnssec:Servers:1"] = "dns.example:53",
            ["Dnssec:Mode"] = "Recursive",
            ["Dnssec:AddressFamily"] = "IPv5",
            ["Dnssec:CacheSize"] = "0",
            ["Dnssec:UdpPayloadSize"] = "100",
            ["Dnssec:Timout"] = "00:00:03",
            ["Dnssec:Limits:Referals"] = "3",
            ["Dnssec:RootHintsPath"] = "/nonexistent/named.root",
            ["Dnssec:TrustAnchorsPath"] = "/nonexistent/anchors.txt",
        });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        Assert.Equal(typeof(ResolverOptions), exception.OptionsType);
        string[] expected =
        [
            "Dnssec:Servers:1: 'dns.example:53' is not IP[:PORT]",
            "Dnssec:Mode: 'Recursive' is not one of Stub, Iterative",
            "Dnssec:AddressFamily: 'IPv5' is not IPv4, IPv6 or Any",
            "Dnssec:CacheSize: 0 is out of range",
            "Dnssec:UdpPayloadSize: 100 is out of range; it must be 512 to 65535",
            "Dnssec:Timout: unknown key",
            "Dnssec:Limits:Referals: unknown key",
            "Dnssec:RootHintsPath: the file '/nonexistent/named.root' does not exist",
            "Dnssec:TrustAnchorsPath: cannot read '/nonexistent/anchors.txt'",
        ];
        foreach (string failure in expected)
        {
            Assert.Contains(exception.Failures, f => f.StartsWith(failure, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, exception.Failures.Count());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDnssecResolver>());
    }

    [Theory]
    [InlineData("Dnssec:Timeout", "soon", "System.TimeSpan")]
    [InlineData("Dnssec:Rotate", "yes", "System.Boolean")]
    [InlineData("Dnssec:CacheSize", "many", "System.Int64")]
    [InlineData("Dnssec:Validation:Limits:ChainLength", "x", "System.Int32")]
    public void AddDnssecResolver_UnconvertibleValue_TheMessageNamesKeyAndType(string key, string value, string type)
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { [key] = value });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        string failure = Assert.Single(exception.Failures);
        Assert.Contains($"'{key}'", failure, StringComparison.Ordinal);
        Assert.Contains(type, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDnssecResolver_MalformedTrustAnchorFile_TheMessageNamesKeyFileAndLine()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Write("anchors.txt", "example.test. IN A 192.0.2.1\n");
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dnssec:TrustAnchorsPath"] = path });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        string failure = Assert.Single(exception.Failures);
        Assert.StartsWith($"Dnssec:TrustAnchorsPath: {path}", failure, StringComparison.Ordinal);
        Assert.Contains("is not a trust anchor", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDnssecResolver_RootAnchorsXml_ReplacesTheShippedAnchorWithTheFilesKeys()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:TrustAnchorsPath"] = RepositoryPaths.Combine("trust-anchors", "root-anchors.xml"),
        });

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        TrustAnchor? root = Assert.IsType<TrustAnchorSet>(options.TrustAnchors).FindClosest(DnsName.Parse("www.example."), DateTimeOffset.UtcNow);
        Assert.NotNull(root);
        Assert.Equal(DnsName.Root, root.Zone);
    }

    [Fact]
    public async Task AddDnssecResolver_OnlyConfiguration_TheResolverProvesAnswersFromTheAnchorFile()
    {
        TestHierarchy hierarchy = new();
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.80");
        hierarchy.Build();
        using var directory = new TemporaryDirectory();
        TrustAnchor rootAnchor = hierarchy.Anchors.FindClosest(DnsName.Root, TestHierarchy.Now)!;
        string anchors = directory.Write("root.anchors", ZoneFilePrinter.Print([.. rootAnchor.DelegationSigners, .. rootAnchor.Keys]));
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTransport>(new InMemoryUpstream(hierarchy.Authority));
        services.AddSingleton<TimeProvider>(hierarchy.Clock);
        services.AddDnssecResolver(Configuration(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "127.0.0.1:53",
            ["Dnssec:FallbackToIterative"] = "false",
            ["Dnssec:TrustAnchorsPath"] = anchors,
        }));
        await using ServiceProvider provider = services.BuildServiceProvider();
        IDnssecResolver resolver = provider.GetRequiredService<IDnssecResolver>();

        DnssecAnswer answer = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RecordType.A);

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Contains("192.0.2.80", ZoneFilePrinter.Print(answer.Answer), StringComparison.Ordinal);
    }

    [Fact]
    public void AddDnssecResolver_RootConfiguration_KeysAreNamedWithoutASectionPrefix()
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Servers:0"] = "nowhere" }).Build());
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        Assert.StartsWith("Servers:0: 'nowhere' is not IP[:PORT]", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dnssec");

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(Configuration(values));
        return services.BuildServiceProvider();
    }
}
