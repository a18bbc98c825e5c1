using System.Net;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>
/// DANE-TA chains judged by OpenSSL and by us over the same real handshake: one `openssl s_server` per case, then
/// `openssl s_client -dane_tlsa_domain … -dane_tlsa_rrdata …` and our SslStream client with DaneTls. OpenSSL's verify
/// code must be the one the case records (so the table stays true to OpenSSL), and our verdict must agree with it.
/// </summary>
[Trait("Category", "Interop")]
public sealed class DaneTaChainTests
{
    public static TheoryData<string> Cases() => [.. DaneTaChainCase.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Handshake_DaneTaChain_AgreesWithOpenSsl(string name)
    {
        DaneTaChainCase chainCase = DaneTaChainCase.All[name];
        using OpenSslChain chain = OpenSslChain.Create(chainCase.Root, chainCase.Intermediate, chainCase.LeafSubject, chainCase.Leaf, chainCase.SubIntermediate, chainCase.ExplicitCurveLeaf);
        TlsaData record = chainCase.Record(chain);
        using var server = new OpenSslTestServer(chain.LeafPemPath, chain.LeafKeyPath, chain.WriteServedChain(chainCase.SendsRoot));

        (int code, string report) = OpenSslDaneClient.Judge(server.Port, chainCase.Domain, [TlsaText.Format(record)], chainCase.Pkix ? chain.RootPemPath : null);
        Assert.True(code == chainCase.OpenSslCode, $"{name}: OpenSSL gave {code}, the case says {chainCase.OpenSslCode}\n{report}");

        var options = new DaneVerifierOptions { PkixTrustAnchors = chainCase.Pkix ? [chain.Root] : [] };
        DaneResult? result;
        bool ok;
        if (chainCase.ExplicitCurveLeaf)
        {
            // .NET's own chain build throws on such a key before any validation callback runs (an unmapped OpenSSL
            // error 94), so our verdict comes from the verifier on the chain the server sends.
            result = new DaneVerifier(options).Verify(chain.Sent(chainCase.SendsRoot), [record], [chainCase.Domain]);
            ok = result.Authenticated;
        }
        else
        {
            var lookup = new TlsaLookupResult(TlsaLookupStatus.Dane, chainCase.Domain, chainCase.Domain, [record], [chainCase.Domain], [IPAddress.Loopback], "made by the test");
            (ok, result) = await DaneTlsTests.HandshakeAsync(server.Port, lookup, options);
        }

        Assert.NotNull(result);
        Assert.True(chainCase.ExpectedFailure == result.Failure.ToString(), $"{name} ({chainCase.Why}): OpenSSL gave {code}, we gave {result.Failure}: {result.Reason}");
        Assert.Equal(code == 0, ok);
    }
}
