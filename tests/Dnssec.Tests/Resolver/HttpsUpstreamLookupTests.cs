using System.Diagnostics;
using System.Net;
using Dnssec.Resolver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// DNS over HTTPS upstreams named without their address (<c>https://NAME[:PORT]/PATH</c>): the name looked up once
/// through the system resolver, the lookup visible (<see cref="UpstreamServer.AddressLookedUp"/>, event 1005), the
/// address pinned by ToString, and a name that does not resolve refused in bounded time, naming the host and the remedy.
/// </summary>
public class HttpsUpstreamLookupTests
{
    // RFC 6761 §6.4: .invalid names never resolve, whatever the resolver.
    private const string Unresolvable = "https://no-such-host.invalid/dns-query";

    [Fact]
    public void Parse_NameThatResolves_ConnectsToTheAddressFoundWithTheNameToAuthenticate()
    {
        UpstreamServer server = UpstreamServer.Parse($"https://{LocalHostName.Name}:8443/dns-query");

        Assert.Equal(UpstreamProtocol.Https, server.Protocol);
        Assert.True(server.AddressLookedUp);
        Assert.Equal(new IPEndPoint(LocalHostName.Address, 8443), server.EndPoint);
        Assert.Equal(LocalHostName.Name, server.AuthenticationName);
        Assert.Equal($"https://{LocalHostName.Name}:8443/dns-query", server.HttpsUrl!.AbsoluteUri);
    }

    [Fact]
    public void ToString_NameLookedUp_PinsTheAddressSoReadingItBackMakesNoLookup()
    {
        UpstreamServer server = UpstreamServer.Parse($"https://{LocalHostName.Name}:8443/dns-query?ct");

        string text = server.ToString();
        UpstreamServer again = UpstreamServer.Parse(text);

        Assert.Equal($"https://{LocalHostName.Name}:8443/dns-query?ct#{LocalHostName.Address}", text);
        Assert.False(again.AddressLookedUp);
        Assert.Equal(server.EndPoint, again.EndPoint);
        Assert.Equal(server.AuthenticationName, again.AuthenticationName);
        Assert.Equal(server.HttpsUrl, again.HttpsUrl);
    }

    [Fact]
    public void TryParse_NameThatDoesNotResolve_FalseNamingHostErrorAndRemedyInBoundedTime()
    {
        var clock = Stopwatch.StartNew();
        bool parsed = UpstreamServer.TryParse(Unresolvable, out _, out string? problem);
        TimeSpan elapsed = clock.Elapsed;

        Assert.False(parsed);
        Assert.StartsWith($"'{Unresolvable}': the address of no-such-host.invalid could not be looked up through the system resolver (", problem, StringComparison.Ordinal);
        Assert.EndsWith($"); give it after #, as in {Unresolvable}#192.0.2.1", problem, StringComparison.Ordinal);
        // The lookup waits 5 s at most; an unbounded one, with an unreachable resolver, waits resolv.conf's timeout for
        // each attempt, server and search domain, well beyond this.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"{elapsed}: {problem}");
        Assert.Equal(problem, Assert.Throws<FormatException>(() => UpstreamServer.Parse(Unresolvable)).Message);
    }

    [Theory]
    [InlineData("https://localhost/dns-query", "localhost, the loopback address by definition")]
    [InlineData("https://no-such-host.invalid/dns-query#192.0.2.1", "a name with its address")]
    [InlineData("https://192.0.2.1/dns-query#no-such-host.invalid", "an address with the name to authenticate")]
    public void Parse_AddressKnownWithoutLookup_NotLookedUp(string text, string description) =>
        Assert.False(UpstreamServer.Parse(text).AddressLookedUp, description);

    [Fact]
    public void AddDnssecResolver_NameThatResolves_BoundLookedUp()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dnssec:Servers:0"] = $"https://{LocalHostName.Name}/dns-query" });

        UpstreamServer server = Assert.Single(provider.GetRequiredService<IOptions<ResolverOptions>>().Value.Servers);

        Assert.True(server.AddressLookedUp);
        Assert.Equal(new IPEndPoint(LocalHostName.Address, 443), server.EndPoint);
    }

    [Fact]
    public void AddDnssecResolver_NameThatDoesNotResolve_LookupFailureNamedByKey()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dnssec:Servers:0"] = "192.0.2.1", ["Dnssec:Servers:1"] = Unresolvable });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResolverOptions>>().Value);

        string failure = Assert.Single(exception.Failures);
        Assert.StartsWith($"Dnssec:Servers:1: '{Unresolvable}': the address of no-such-host.invalid could not be looked up", failure, StringComparison.Ordinal);
        Assert.Contains("give it after #", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_UpstreamLookedUp_WarnsOncePerSuchUpstreamNamingThePinnedForm()
    {
        var log = new LogCapture<DnssecResolver>();
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(UpstreamServer.Parse($"https://{LocalHostName.Name}:8443/dns-query"));
        options.Servers.Add(UpstreamServer.Parse("https://localhost:8444/dns-query"));
        options.Servers.Add(UpstreamServer.Parse($"https://{LocalHostName.Name}:8445/dns-query#{LocalHostName.Address}"));

        await using var resolver = new DnssecResolver(options, new OneLoggerFactory(log));

        (_, LogLevel level, string line) = Assert.Single(log.Events, e => e.Id == 1005);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains($"https://{LocalHostName.Name}:8443/dns-query#{LocalHostName.Address}", line, StringComparison.Ordinal);
        Assert.Contains("clear text", line, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dnssec"));
        return services.BuildServiceProvider();
    }

    /// <summary>Gives every category the one capturing logger, so the resolver's events can be read.</summary>
    private sealed class OneLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
