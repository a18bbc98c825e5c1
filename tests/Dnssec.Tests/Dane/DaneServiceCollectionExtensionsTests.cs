using System.Net;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Dane;

/// <summary>
/// <c>AddDnssecDane</c>: the verifier, the TLSA lookup and the SMTP client from the container, over its resolver, with
/// <see cref="DaneVerifierOptions"/> from code or from configuration (every wrong key or value named).
/// </summary>
public class DaneServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDnssecDane_Services_UseTheContainersResolver()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = "www A 127.0.0.1\n_443._tcp.www TLSA 3 1 1 " + new string('A', 64));
        var services = new ServiceCollection();
        services.AddSingleton<IDnssecResolver>(DaneTestZones.Resolver(hierarchy));
        services.AddDnssecDane();
        await using ServiceProvider provider = services.BuildServiceProvider();

        TlsaLookupResult lookup = await provider.GetRequiredService<TlsaLookup>().LookupAsync("www.example.test", 443);

        Assert.Equal(TlsaLookupStatus.Dane, lookup.Status);
        Assert.Equal([IPAddress.Loopback], lookup.Addresses);
        Assert.Same(provider.GetRequiredService<DaneVerifier>(), provider.GetRequiredService<DaneVerifier>());
        Assert.Same(provider.GetRequiredService<TlsaLookup>(), provider.GetRequiredService<TlsaLookup>());
        Assert.NotSame(provider.GetRequiredService<SmtpDaneClient>(), provider.GetRequiredService<SmtpDaneClient>());
    }

    [Fact]
    public void AddDnssecDane_Lambda_ConfiguresTheOptionsAndTheContainersClockIsTheirs()
    {
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDnssecDane(o => o.DaneEeNameChecks = true);
        services.AddDnssecDane();
        using ServiceProvider provider = services.BuildServiceProvider();

        DaneVerifierOptions options = provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value;

        Assert.True(options.DaneEeNameChecks);
        Assert.Same(clock, options.TimeProvider);
        Assert.Single(services, s => s.ServiceType == typeof(DaneVerifier));
    }

    [Fact]
    public void AddDnssecDane_Configuration_BindsEveryKey()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dane:DaneEeNameChecks"] = "true",
            ["Dane:DigestPreference"] = "sha256, SHA2-512",
            ["Dane:MaxChainLength"] = "5",
            ["Dane:PkixTrustAnchorsPath"] = pki.RootPemPath,
        });

        DaneVerifierOptions options = provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value;

        Assert.True(options.DaneEeNameChecks);
        Assert.Equal([TlsaMatchingType.SHA2256, TlsaMatchingType.SHA2512], options.DigestPreference);
        Assert.Equal(5, options.MaxChainLength);
        Assert.Equal([pki.Root.Thumbprint], options.PkixTrustAnchors!.Select(c => c.Thumbprint));
    }

    [Fact]
    public void AddDnssecDane_DigestsAsChildren_ReplaceTheDefaultOrder()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dane:DigestPreference:0"] = "2" });

        Assert.Equal([TlsaMatchingType.SHA2512], provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value.DigestPreference);
    }

    [Fact]
    public void AddDnssecDane_WrongValues_OneExceptionNamingEveryKey()
    {
        using var directory = new TemporaryDirectory();
        string notPem = directory.Write("ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        using ServiceProvider provider = Provider(new Dictionary<string, string?>
        {
            ["Dane:DigestPreference"] = "sha512,md5,sha512",
            ["Dane:MaxChainLength"] = "100",
            ["Dane:PkixTrustAnchorsPath"] = notPem,
            ["Dane:EeNameChecks"] = "true",
        });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value);

        string[] expected =
        [
            "Dane:DigestPreference: 'md5' is not a TLSA digest",
            "Dane:DigestPreference: 'sha512' is listed twice",
            "Dane:MaxChainLength: 100 is out of range; it must be 2 to 32",
            $"Dane:PkixTrustAnchorsPath: '{notPem}' is not a file of PEM certificates",
            "Dane:EeNameChecks: unknown key",
        ];
        foreach (string failure in expected)
        {
            Assert.Contains(exception.Failures, f => f.StartsWith(failure, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, exception.Failures.Count());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DaneVerifier>());
    }

    [Fact]
    public void AddDnssecDane_UnconvertibleBoolean_TheMessageNamesKeyAndType()
    {
        using ServiceProvider provider = Provider(new Dictionary<string, string?> { ["Dane:DaneEeNameChecks"] = "sometimes" });

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value);

        string failure = Assert.Single(exception.Failures);
        Assert.Contains("'Dane:DaneEeNameChecks'", failure, StringComparison.Ordinal);
        Assert.Contains("System.Boolean", failure, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddDnssecDane(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dane"));
        return services.BuildServiceProvider();
    }
}
