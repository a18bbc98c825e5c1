using System.Security.Cryptography.X509Certificates;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The RFC 8310 profiles against a loopback TLS DNS server: the strict profile refuses a wrong name, a wrong pin, an
/// expired, a self-signed and an untrusted certificate with the reason; the opportunistic profile uses them, saying so.
/// </summary>
public class DnsOverTlsProfileTests
{
    private const string Name = "www.example.test";

    public enum Certificate
    {
        Good,
        Expired,
        SelfSigned,
    }

    [Fact]
    public async Task Strict_RightNameAndCa_Authenticated()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], Name, [], [pki.Root]);

        Assert.True(response.Succeeded, response.Detail);
        Assert.DoesNotContain("unauthenticated", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dns.other.test", "name mismatch", "a name the certificate is not for")]
    [InlineData("example.test", "name mismatch", "the parent of the certificate's name")]
    public async Task Strict_WrongName_RefusedAsNameMismatch(string authenticationName, string reason, string description)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        var log = new LogCapture<DnsOverTlsTransport>();

        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], authenticationName, [], [pki.Root], log);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.True(response.Detail.Contains(reason, StringComparison.Ordinal), $"{description}: {response.Detail}");
        Assert.Contains("strict profile", response.Detail, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Id == 1112 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Strict_ExpiredCertificate_RefusedAsExpired()
    {
        using TestPki expired = TestPki.Create(TestKeyKind.Ecdsa, expiredLeaf: true);

        TransportResponse response = await AskAsync(expired.Leaf, [expired.Intermediate], Name, [], [expired.Root]);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.Contains("expired", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "against the configured CA file")]
    [InlineData(false, "against the system store")]
    public async Task Strict_SelfSignedCertificate_RefusedAsSelfSigned(bool caFile, string description)
    {
        using X509Certificate2 self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);

        TransportResponse response = await AskAsync(self, [], Name, [], caFile ? [TestPki.Shared(TestKeyKind.Ecdsa).Root] : null);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.True(response.Detail.Contains("self-signed", StringComparison.Ordinal), $"{description}: {response.Detail}");
    }

    [Fact]
    public async Task Strict_ChainToAnotherRoot_RefusedAsUntrusted()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);

        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], Name, [], [TestPki.Shared(TestKeyKind.Ecdsa, 1).Root]);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.Contains("untrusted", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "the leaf's key")]
    [InlineData(1, "the intermediate's key")]
    public async Task Strict_PinOfAKeyInTheChain_AuthenticatedWithoutACa(int depth, string description)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        SpkiPin pin = SpkiPin.FromCertificate(depth == 0 ? pki.Leaf : pki.Intermediate);

        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], null, [pin], null);

        Assert.True(response.Succeeded, $"{description}: {response.Detail}");
    }

    [Fact]
    public async Task Strict_PinOfASelfSignedCertificate_Authenticated()
    {
        using X509Certificate2 self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);

        TransportResponse response = await AskAsync(self, [], null, [SpkiPin.FromCertificate(self)], null);

        Assert.True(response.Succeeded, response.Detail);
    }

    [Fact]
    public async Task Strict_WrongPin_RefusedAsPinMismatch()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        SpkiPin other = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf);

        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], null, [other], null);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.Contains("pin mismatch", response.Detail, StringComparison.Ordinal);
        Assert.Contains(SpkiPin.FromCertificate(pki.Leaf).ToString(), response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_RightNameButWrongPin_RefusedAsPinMismatch()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        SpkiPin other = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf);

        TransportResponse response = await AskAsync(pki.Leaf, [pki.Intermediate], Name, [other], [pki.Root]);

        Assert.Equal(TransportError.TlsFailure, response.Error);
        Assert.Contains("pin mismatch", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Certificate.Good, "a certificate a CA signed")]
    [InlineData(Certificate.Expired, "an expired certificate")]
    [InlineData(Certificate.SelfSigned, "a self-signed certificate")]
    public async Task Opportunistic_AnyCertificate_UsedWithAWarning(Certificate kind, string description)
    {
        using TestPki? own = kind == Certificate.Expired ? TestPki.Create(TestKeyKind.Ecdsa, expiredLeaf: true) : null;
        using X509Certificate2? self = kind == Certificate.SelfSigned ? TestPki.SelfSigned(TestKeyKind.Ecdsa, "dns.elsewhere.test") : null;
        TestPki pki = own ?? TestPki.Shared(TestKeyKind.Ecdsa);
        var log = new LogCapture<DnsOverTlsTransport>();

        TransportResponse response = self is null
            ? await AskAsync(pki.Leaf, [pki.Intermediate], null, [], null, log)
            : await AskAsync(self, [], null, [], null, log);

        Assert.True(response.Succeeded, $"{description}: {response.Detail}");
        Assert.Contains("unauthenticated TLS", response.Detail, StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Id == 1111 && e.Level == LogLevel.Warning && e.Line.Contains("not authenticated", StringComparison.Ordinal));
    }

    private static async Task<TransportResponse> AskAsync(X509Certificate2 leaf, X509Certificate2[] intermediates, string? name, SpkiPin[] pins, X509Certificate2[]? trusted, ILogger<DnsOverTlsTransport>? logger = null)
    {
        await using var server = new TlsDnsServer(q => TlsDnsServer.AddressAnswer(q, "192.0.2.1"), leaf, intermediates);
        var upstream = new TlsUpstream(server.EndPoint, name, pins, trusted is null ? null : new X509Certificate2Collection(trusted));
        await using var transport = new DnsOverTlsTransport([upstream], logger);
        return await transport.QueryAsync(server.EndPoint, DnsOverTlsTransportTests.Question("www.example.test."), DnsOverTlsTransportTests.Options);
    }
}
