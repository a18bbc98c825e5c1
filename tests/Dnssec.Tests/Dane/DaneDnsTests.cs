using System.Net;
using Dnssec.Dane;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;

namespace Dnssec.Tests.Dane;

/// <summary>
/// TLSA records from a signed in-process hierarchy through DnssecResolver: the lookup's three outcomes, CNAME
/// expansion, and HttpClient connecting with DaneHttpHandler to an in-process server and to openssl s_server.
/// </summary>
public sealed class DaneDnsTests
{
    [Fact]
    public async Task Lookup_SecureTlsa_EnablesDane()
    {
        TlsaLookupResult result = await new TlsaLookup(Resolver(443, "3 1 1 " + new string('A', 64))).LookupAsync("www.example.test", 443);
        Assert.Equal(TlsaLookupStatus.Dane, result.Status);
        Assert.Single(result.Records);
        Assert.Equal("www.example.test", result.BaseDomain);
        Assert.Equal([IPAddress.Loopback], result.Addresses);
    }

    [Fact]
    public async Task Lookup_NoTlsaInASignedZone_IsNoDane()
    {
        TlsaLookupResult result = await new TlsaLookup(Resolver(443, "3 1 1 " + new string('A', 64))).LookupAsync("www.example.test", 8443);
        Assert.Equal(TlsaLookupStatus.NoDane, result.Status);
    }

    [Fact]
    public async Task Lookup_UnsignedZone_IsNoDane()
    {
        TlsaLookupResult result = await new TlsaLookup(Resolver(443, "3 1 1 " + new string('A', 64))).LookupAsync("www.unsigned.test", 443);
        Assert.Equal(TlsaLookupStatus.NoDane, result.Status);
        Assert.Contains("insecure", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_BogusTlsa_FailsClosed()
    {
        TlsaLookupResult result = await new TlsaLookup(Resolver(443, "3 1 1 " + new string('A', 64))).LookupAsync("bad.example.test", 443);
        Assert.Equal(TlsaLookupStatus.Failed, result.Status);
        Assert.Contains("bogus", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_Cname_UsesTheExpandedNameAsBaseDomain()
    {
        TlsaLookupResult result = await new TlsaLookup(Resolver(443, "3 1 1 " + new string('A', 64))).LookupAsync("alias.example.test", 443);
        Assert.Equal(TlsaLookupStatus.Dane, result.Status);
        Assert.Equal("www.example.test", result.BaseDomain);
        Assert.Equal(["www.example.test", "alias.example.test"], result.ReferenceIdentifiers);
    }

    [Trait("Category", "Interop")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HttpClient_WithDaneHandler_ConnectsOnlyWithAGoodTlsaRecord(bool openSsl)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        using var external = openSsl ? new OpenSslTestServer(pki) : null;
        await using var inProcess = openSsl ? null : new TlsTestServer(pki.Leaf, pki.Intermediate);
        int port = external?.Port ?? inProcess!.Port;
        string good = TlsaText.Format(TlsaRecords.For(pki.Intermediate, 2, 1, 1));

        var verdicts = new List<DaneResult>();
        using (var client = new HttpClient(DaneHttpHandler.Create(Resolver(port, good), observe: verdicts.Add)))
        {
            HttpResponseMessage response = await client.GetAsync(new Uri($"https://www.example.test:{port}/"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(verdicts[^1].Authenticated, verdicts[^1].Reason);

            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"https://bad.example.test:{port}/")));
        }

        string wrong = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa, 1).Intermediate, 2, 1, 1));
        using var refused = new HttpClient(DaneHttpHandler.Create(Resolver(port, wrong)));
        await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync(new Uri($"https://www.example.test:{port}/")));
    }

    private static DnssecResolver Resolver(int port, string tlsa)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Records = $"""
                www A 127.0.0.1
                _{port}._tcp.www TLSA {tlsa}
                alias CNAME www
                bad A 127.0.0.1
                _{port}._tcp.bad TLSA {tlsa}
                """;
            z.AfterSigning = DaneTestZones.CorruptTlsa(port, "bad");
        });
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = $"www A 127.0.0.1\n_{port}._tcp.www TLSA {tlsa}"; });
        return DaneTestZones.Resolver(hierarchy);
    }
}
