using System.Net;
using System.Security.Authentication;
using Dnssec.Dane;
using Dnssec.Extensions.Http;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Microsoft.Extensions.DependencyInjection;

namespace Dnssec.Tests.Dane;

/// <summary>
/// <c>UseDane()</c>: an HttpClient from IHttpClientFactory talks to an in-process HTTPS server on loopback whose
/// address and TLSA records are published in a signed in-memory hierarchy; a matching record lets the request through,
/// a forged or bogus one fails it with the DANE reason, and the container's DANE options apply.
/// </summary>
public sealed class DaneHttpClientBuilderTests
{
    private readonly TestPki _pki = TestPki.Shared(TestKeyKind.Ecdsa);

    [Fact]
    public async Task UseDane_MatchingTlsa_TheRequestSucceedsAuthenticatedByDane()
    {
        await using var server = new TlsTestServer(_pki.Leaf, _pki.Intermediate);
        var verdicts = new List<DaneResult>();
        await using ServiceProvider provider = Provider(server.Port, TlsaText.Format(TlsaRecords.For(_pki.Leaf, 3, 1, 1)), verdicts.Add);
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("dane");

        HttpResponseMessage response = await client.GetAsync(new Uri($"https://www.example.test:{server.Port}/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        DaneResult verdict = Assert.Single(verdicts);
        Assert.True(verdict.Authenticated, verdict.Reason);
        Assert.Equal(0, verdict.Depth);
    }

    [Fact]
    public async Task UseDane_ForgedTlsa_HttpRequestExceptionWithTheDaneReason()
    {
        await using var server = new TlsTestServer(_pki.Leaf, _pki.Intermediate);
        string forged = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf, 3, 1, 1));
        await using ServiceProvider provider = Provider(server.Port, forged);
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("dane");

        HttpRequestException exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"https://www.example.test:{server.Port}/")));

        AuthenticationException refused = Assert.IsType<AuthenticationException>(exception.InnerException);
        Assert.StartsWith("DANE: no usable TLSA record matched", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseDane_BogusTlsa_RefusedBeforeConnecting()
    {
        await using var server = new TlsTestServer(_pki.Leaf, _pki.Intermediate);
        await using ServiceProvider provider = Provider(server.Port, TlsaText.Format(TlsaRecords.For(_pki.Leaf, 3, 1, 1)));
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("dane");

        HttpRequestException exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"https://bad.example.test:{server.Port}/")));

        Assert.Contains("DANE: the TLSA RRset", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains("is bogus", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseDane_ContainersDaneOptions_AreTheHandlers()
    {
        await using var server = new TlsTestServer(_pki.Leaf, _pki.Intermediate);
        // DANE-EE ignores names unless the options demand them; the leaf is issued for www.example.test only.
        await using ServiceProvider provider = Provider(server.Port, TlsaText.Format(TlsaRecords.For(_pki.Leaf, 3, 1, 1)), configure: o => o.DaneEeNameChecks = true);
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("dane");

        HttpRequestException exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"https://other.example.test:{server.Port}/")));

        Assert.Contains("matches none of the reference identifiers other.example.test", exception.InnerException!.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(int port, string tlsa, Action<DaneResult>? observe = null, Action<DaneVerifierOptions>? configure = null)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Records = $"""
                www A 127.0.0.1
                _{port}._tcp.www TLSA {tlsa}
                bad A 127.0.0.1
                _{port}._tcp.bad TLSA {tlsa}
                other A 127.0.0.1
                _{port}._tcp.other TLSA {tlsa}
                """;
            z.AfterSigning = DaneTestZones.CorruptTlsa(port, "bad");
        });
        var services = new ServiceCollection();
        services.AddSingleton<IDnssecResolver>(DaneTestZones.Resolver(hierarchy));
        services.AddDnssecDane(configure ?? (_ => { }));
        services.AddHttpClient("dane").UseDane(observe);
        return services.BuildServiceProvider();
    }
}
