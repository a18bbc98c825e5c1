using Dnssec.Resolver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dnssec.Tests.Resolver;

/// <summary>Configuration binding of DNS over HTTPS upstreams and of DohUseGet, and a malformed URL named by its key.</summary>
public class ResolverConfigurationHttpsTests
{
    [Fact]
    public void AddDnssecResolver_Configuration_BindsHttpsUpstreamsAndDohUseGet()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dnssec:Servers:0"] = "https://dns.example/dns-query#192.0.2.1",
            ["Dnssec:Servers:1"] = "https://192.0.2.2:8443/q",
            ["Dnssec:DohUseGet"] = "true",
        });

        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal(
            [(UpstreamProtocol.Https, 443, "dns.example", "https://dns.example/dns-query"), (UpstreamProtocol.Https, 8443, null, "https://192.0.2.2:8443/q")],
            options.Servers.Select(s => (s.Protocol, s.EndPoint.Port, s.AuthenticationName, s.HttpsUrl?.AbsoluteUri)));
        Assert.True(options.DohUseGet);
    }

    [Fact]
    public void AddDnssecResolver_HttpsUrlWithoutPath_NamedByKey()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dnssec:Servers:0"] = "https://192.0.2.1" });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        Assert.StartsWith("Dnssec:Servers:0: 'https://192.0.2.1' is not IP[:PORT], tls://IP[:PORT][#NAME] or https://HOST[:PORT]/PATH", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dnssec"));
        return services.BuildServiceProvider();
    }
}
