using System.Net;
using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The resolver in a dependency injection container: options from <see cref="IOptions{ResolverOptions}"/> (and so from
/// configuration, servers written as strings), one shared instance behind <see cref="IDnssecResolver"/>, and a container
/// that disposes synchronously.
/// </summary>
public class ResolverServiceCollectionExtensionsTests
{
    [Fact]
    public void Configure_FromConfiguration_ServersAsStringsAndTheOtherOptionsBound()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "192.0.2.1",
            ["Dnssec:Servers:1"] = "192.0.2.1:5353",
            ["Dnssec:Servers:2"] = "[2001:db8::1]:53",
            ["Dnssec:Mode"] = "Stub",
            ["Dnssec:FallbackToIterative"] = "false",
            ["Dnssec:Timeout"] = "00:00:03",
            ["Dnssec:Attempts"] = "4",
            ["Dnssec:Rotate"] = "true",
            ["Dnssec:CacheSize"] = "500",
            ["Dnssec:FailureTtl"] = "00:00:05",
            ["Dnssec:Limits:Referrals"] = "20",
            ["Dnssec:Limits:CnameLinks"] = "1000",
        }).Build();
        var services = new ServiceCollection();
        services.Configure<ResolverOptions>(configuration.GetSection("Dnssec"));
        services.AddSingleton<IDnsTransport>(new RecordingTransport((server, _) => RecordingTransport.Timeout(server)));
        services.AddDnssecResolver();
        using ServiceProvider provider = services.BuildServiceProvider();

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53"), IPEndPoint.Parse("192.0.2.1:5353"), IPEndPoint.Parse("[2001:db8::1]:53")], options.Servers.Select(s => s.EndPoint));
        Assert.False(options.FallbackToIterative);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(4, options.Attempts);
        Assert.True(options.Rotate);
        Assert.Equal(500, options.CacheSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FailureTtl);
        Assert.Equal(20, options.Limits.Referrals);
        Assert.Equal(ResolverLimits.MaximumCnameLinks, options.Limits.CnameLinks);
        Assert.Equal(ResolverLimits.DefaultNameServerDepth, options.Limits.NameServerDepth);
    }

    [Fact]
    public void Bind_ValidationLimitsAndPolicy_LeaveTheSharedDefaultsAlone()
    {
        // The binder writes into the instance a getter returns; were that the shared default, one configured resolver
        // would change the limits of every validator in the process.
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dnssec:Validation:Limits:Nsec3HashesPerAnswer"] = "7",
            ["Dnssec:Validation:Policy:AllowDsa"] = "true",
        }).Build();
        var options = new ResolverOptions();

        configuration.GetSection("Dnssec").Bind(options);

        Assert.Equal(7, options.Validation.Limits.Nsec3HashesPerAnswer);
        Assert.True(options.Validation.Policy.AllowDsa);
        Assert.Equal(ValidationLimits.DefaultNsec3HashesPerAnswer, ValidationLimits.Default.Nsec3HashesPerAnswer);
        Assert.False(AlgorithmPolicy.Default.AllowDsa);
        Assert.Equal(ValidationLimits.DefaultNsec3HashesPerAnswer, new ValidatorOptions().Limits.Nsec3HashesPerAnswer);
    }

    [Fact]
    public async Task AddDnssecResolver_ConfiguredServers_TheResolverAsksThem()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "192.0.2.1:5353",
            ["Dnssec:FallbackToIterative"] = "false",
            ["Dnssec:Attempts"] = "1",
        }).Build();
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var services = new ServiceCollection();
        services.Configure<ResolverOptions>(configuration.GetSection("Dnssec"));
        services.AddSingleton<IDnsTransport>(transport);
        services.AddDnssecResolver();
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IDnssecResolver>().ResolveAsync(DnsName.Parse("www.example."), RecordType.A);

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:5353")], transport.Servers);
    }

    [Fact]
    public void AddDnssecResolver_Lambda_AppliedAfterConfigurationAndBothServicesAreOneInstance()
    {
        var services = new ServiceCollection();
        services.Configure<ResolverOptions>(o => o.Servers.Add(IPEndPoint.Parse("192.0.2.1:53")));
        services.AddDnssecResolver(o => o.Servers.Add(IPEndPoint.Parse("192.0.2.2:53")));
        using ServiceProvider provider = services.BuildServiceProvider();

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal(["192.0.2.1:53", "192.0.2.2:53"], options.Servers.Select(s => s.ToString()));
        Assert.Same(provider.GetRequiredService<DnssecResolver>(), provider.GetRequiredService<IDnssecResolver>());
    }

    [Fact]
    public void AddDnssecResolver_Twice_TheFirstRegistrationStands()
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(o => o.Servers.Add(IPEndPoint.Parse("192.0.2.1:53")));
        services.AddDnssecResolver(o => o.Servers.Add(IPEndPoint.Parse("192.0.2.9:53")));
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(["192.0.2.1:53"], provider.GetRequiredService<IOptions<ResolverOptions>>().Value.Servers.Select(s => s.ToString()));
        Assert.Single(services, service => service.ServiceType == typeof(DnssecResolver));
    }

    [Fact]
    public void Dispose_SynchronousContainerDispose_DoesNotThrow()
    {
        // A container's Dispose throws InvalidOperationException for a created service that is only IAsyncDisposable.
        var services = new ServiceCollection();
        services.AddDnssecResolver(o => o.Servers.Add(IPEndPoint.Parse("192.0.2.1:53")));
        ServiceProvider provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IDnssecResolver>());

        Exception? thrown = Record.Exception(provider.Dispose);

        Assert.Null(thrown);
    }

    [Fact]
    public void Dispose_Twice_DoesNotThrow()
    {
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(IPEndPoint.Parse("192.0.2.1:53"));
        var resolver = new DnssecResolver(options);

        Assert.Null(Record.Exception(resolver.Dispose));
        Assert.Null(Record.Exception(resolver.Dispose));
    }
}
