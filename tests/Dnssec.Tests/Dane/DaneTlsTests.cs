using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>
/// Real TLS handshakes on loopback, judged by DaneTls's callback: an in-process SslStream server (RSA, ECDSA) and
/// `openssl s_server` (RSA, ECDSA, Ed25519), certificates made in the tests.
/// </summary>
public sealed class DaneTlsTests
{
    private const string Host = "www.example.test";

    public enum ServerKind
    {
        InProcess,
        OpenSsl,
    }

    public static TheoryData<ServerKind, TestKeyKind, int, int, int> EveryParameter()
    {
        var data = new TheoryData<ServerKind, TestKeyKind, int, int, int>();
        foreach (ServerKind server in Enum.GetValues<ServerKind>())
        {
            foreach (TestKeyKind kind in Enum.GetValues<TestKeyKind>())
            {
                if (server == ServerKind.InProcess && kind == TestKeyKind.Ed25519)
                {
                    continue; // .NET cannot load an Ed25519 private key; openssl s_server covers it.
                }

                for (int usage = 0; usage < 4; usage++)
                {
                    for (int selector = 0; selector < 2; selector++)
                    {
                        for (int matchingType = 0; matchingType < 3; matchingType++)
                        {
                            data.Add(server, kind, usage, selector, matchingType);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Trait("Category", "Interop")]
    [Theory]
    [MemberData(nameof(EveryParameter))]
    public async Task Handshake_EveryParameter_AcceptsTheRightRecordAndRefusesAWrongOne(ServerKind server, TestKeyKind kind, int usage, int selector, int matchingType)
    {
        TestPki pki = TestPki.Shared(kind);
        TestPki other = TestPki.Shared(kind, 1);
        X509Certificate2 target = usage is 1 or 3 ? pki.Leaf : pki.Intermediate;
        X509Certificate2 wrong = usage is 1 or 3 ? other.Leaf : other.Intermediate;
        var options = new DaneVerifierOptions { PkixTrustAnchors = [pki.Root] };
        await using var running = await StartAsync(server, pki);

        (bool ok, DaneResult? result) = await HandshakeAsync(running.Port, Lookup(TlsaRecords.For(target, usage, selector, matchingType)), options);
        Assert.True(ok, result?.Reason);
        Assert.Equal(usage is 1 or 3 ? 0 : 1, result!.Depth);

        (bool refused, DaneResult? wrongResult) = await HandshakeAsync(running.Port, Lookup(TlsaRecords.For(wrong, usage, selector, matchingType)), options);
        Assert.False(refused);
        Assert.Equal(DaneFailure.NoMatch, wrongResult!.Failure);
    }

    [Trait("Category", "Interop")]
    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.OpenSsl)]
    public async Task Handshake_UnusableRecordsMixedWithAUsableOne_Authenticates(ServerKind server)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var running = await StartAsync(server, pki);
        TlsaData[] records = [TlsaRecords.Raw(4, 1, 1, new byte[32]), TlsaRecords.Raw(3, 1, 9, new byte[32]), TlsaRecords.Raw(3, 1, 1, new byte[7]), TlsaRecords.For(pki.Intermediate, 2, 0, 1)];
        (bool ok, DaneResult? result) = await HandshakeAsync(running.Port, Lookup(records));
        Assert.True(ok, result?.Reason);
        Assert.Equal(1, result!.UsableRecords);
    }

    [Fact]
    public async Task Handshake_DaneTaAnchorNotSent_OnlyARecordThatCarriesItAuthenticates()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Rsa);
        await using var leafOnly = new TlsTestServer(pki.Leaf);
        (bool digest, _) = await HandshakeAsync(leafOnly.Port, Lookup(TlsaRecords.For(pki.Intermediate, 2, 0, 1)));
        Assert.False(digest);
        (bool carried, DaneResult? result) = await HandshakeAsync(leafOnly.Port, Lookup(TlsaRecords.For(pki.Intermediate, 2, 0, 0)));
        Assert.True(carried, result?.Reason);
        Assert.Equal(1, result!.Depth);

        await using var withIntermediate = new TlsTestServer(pki.Leaf, pki.Intermediate);
        (bool root, DaneResult? rootResult) = await HandshakeAsync(withIntermediate.Port, Lookup(TlsaRecords.For(pki.Root, 2, 1, 0)));
        Assert.True(root, rootResult?.Reason);
        Assert.Equal(1, rootResult!.Depth);
        (bool rootDigest, _) = await HandshakeAsync(withIntermediate.Port, Lookup(TlsaRecords.For(pki.Root, 2, 1, 1)));
        Assert.False(rootDigest);
    }

    [Fact]
    public async Task Handshake_DigestAgility_WeakerDigestIsRetired()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        TlsaData[] records = [TlsaRecords.For(pki.Leaf, 3, 1, 1), TlsaRecords.Raw(3, 1, 2, new byte[64])];
        (bool ok, DaneResult? result) = await HandshakeAsync(server.Port, Lookup(records));
        Assert.False(ok);
        Assert.Equal(DaneFailure.NoMatch, result!.Failure);
    }

    [Theory]
    [InlineData("expired", 3, true)]
    [InlineData("expired", 2, false)]
    [InlineData("wrong-name", 3, true)]
    [InlineData("wrong-name", 2, false)]
    [InlineData("self-signed", 3, true)]
    [InlineData("self-signed", 1, false)]
    public async Task Handshake_BadLeaf_OnlyDaneEeOverlooksIt(string problem, int usage, bool accepted)
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, problem == "wrong-name" ? ["other.example.test"] : null, expiredLeaf: problem == "expired");
        using X509Certificate2 selfSigned = TestPki.SelfSigned(TestKeyKind.Ecdsa, Host);
        X509Certificate2 leaf = problem == "self-signed" ? selfSigned : pki.Leaf;
        await using var server = problem == "self-signed" ? new TlsTestServer(leaf) : new TlsTestServer(leaf, pki.Intermediate);
        X509Certificate2 target = usage == 2 ? pki.Intermediate : leaf;
        var options = new DaneVerifierOptions { PkixTrustAnchors = [pki.Root] };
        (bool ok, DaneResult? result) = await HandshakeAsync(server.Port, Lookup(TlsaRecords.For(target, usage, 1, 1)), options);
        Assert.True(accepted == ok, result?.Reason);
    }

    [Fact]
    public async Task Handshake_LookupFailedClosed_RefusesEvenAGoodCertificate()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        var failed = new TlsaLookupResult(TlsaLookupStatus.Failed, Host, null, [], [Host], [IPAddress.Loopback], "bogus");
        (bool ok, _) = await HandshakeAsync(server.Port, failed);
        Assert.False(ok);
    }

    internal static TlsaLookupResult Lookup(params TlsaData[] records) =>
        new(TlsaLookupStatus.Dane, Host, Host, records, [Host], [IPAddress.Loopback], "made by the test");

    internal static async Task<(bool Ok, DaneResult? Result)> HandshakeAsync(int port, TlsaLookupResult lookup, DaneVerifierOptions? options = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream());
        DaneResult? seen = null;
        try
        {
            await ssl.AuthenticateAsClientAsync(DaneTls.CreateClientOptions(lookup, options, result => seen = result));
            return (true, seen);
        }
        catch (AuthenticationException)
        {
            return (false, seen);
        }
    }

    private static async Task<IRunningServer> StartAsync(ServerKind server, TestPki pki)
    {
        await Task.Yield();
        return server == ServerKind.InProcess ? new InProcess(new TlsTestServer(pki.Leaf, pki.Intermediate)) : new External(new OpenSslTestServer(pki));
    }

    private interface IRunningServer : IAsyncDisposable
    {
        int Port { get; }
    }

    private sealed class InProcess(TlsTestServer server) : IRunningServer
    {
        public int Port => server.Port;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }

    private sealed class External(OpenSslTestServer server) : IRunningServer
    {
        public int Port => server.Port;

        public ValueTask DisposeAsync()
        {
            server.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
