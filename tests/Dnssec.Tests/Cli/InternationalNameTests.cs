namespace Dnssec.Tests.Cli;

/// <summary>Names in U-labels on the command line: resolved and printed as their A-labels, as delv prints them; bad labels named.</summary>
public sealed class InternationalNameTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("international-names").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_NameInULabels_SecureAnswerPrintedInALabels()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.bücher.test", "A", .. root.Stub, "--anchors", root.RootKeyFile]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("www.xn--bcher-kva.test.", result.Output, StringComparison.Ordinal);
        Assert.Contains("192.0.2.2", result.Output, StringComparison.Ordinal);
        Assert.Contains(": secure, NOERROR", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidULabel_UsageErrorNamingTheLabel()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "bü_cher.test", "A", "--server", "127.0.0.1");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("dnssec resolve: 'bü_cher.test' is not a domain name: label 'bü_cher'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tlsa_HostInULabels_OwnerInALabels()
    {
        string pem = Path.Combine(_folder, "cert.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=xn--bcher-kva.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(pem, certificate.ExportCertificatePem());
        }

        ExternalTool.Result result = CliRunner.Run("tlsa", pem, "--host", "bücher.test");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.StartsWith("_443._tcp.xn--bcher-kva.test.", result.Output, StringComparison.Ordinal);
    }
}
