using System.Globalization;
using Dnssec.Crypto;

namespace Dnssec.Tests.Crypto;

/// <summary>OpenSSL's `cms -verify -attime` and <see cref="DetachedCmsVerifier"/> give the same verdict on IANA's signed sample.</summary>
[Trait("Category", "Interop")]
public class DetachedCmsVerifierInteropTests
{
    [Theory]
    [InlineData("the sample as of 2014", false, false, true)]
    [InlineData("one XML byte changed, as of 2014", true, false, false)]
    [InlineData("the sample today, the signer expired", false, true, false)]
    public void Verify_IanaSample_AgreesWithOpenSsl(string description, bool tamper, bool today, bool expected)
    {
        using var directory = new TemporaryDirectory();
        byte[] xml = SignedAnchorFixtures.Xml;
        if (tamper)
        {
            xml[Array.IndexOf(xml, (byte)'9')] = (byte)'8';
        }

        string xmlPath = Path.Combine(directory.Path, "root-anchors.xml");
        File.WriteAllBytes(xmlPath, xml);
        DateTimeOffset time = today ? DateTimeOffset.UtcNow : SignedAnchorFixtures.SignedEra;
        List<string> arguments =
        [
            "cms", "-verify", "-inform", "DER", "-in", SignedAnchorFixtures.Path("root-anchors.p7s"), "-content", xmlPath,
            "-CAfile", SignedAnchorFixtures.Path("icannbundle.pem"), "-binary", "-purpose", "any", "-out", Path.Combine(directory.Path, "out"),
        ];
        if (!today)
        {
            arguments.AddRange(["-attime", time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]);
        }

        ExternalTool.Result openssl = ExternalTool.Run("openssl", arguments, directory.Path);
        CmsVerification ours = DetachedCmsVerifier.Verify(xml, SignedAnchorFixtures.Signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", time);

        Assert.True(expected == (openssl.ExitCode == 0), $"{description}: OpenSSL said {openssl.Combined}");
        Assert.True(expected == ours.IsValid, $"{description}: we said {ours.Reason}");
    }
}
