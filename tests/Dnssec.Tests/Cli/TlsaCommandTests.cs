using Dnssec.Tests.Dane;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec tlsa` prints, for danetest.in's example.com chain, exactly the records its comment block lists.</summary>
public sealed class TlsaCommandTests
{
    [Theory]
    [MemberData(nameof(TlsaMatcherTests.DocumentedRecords), MemberType = typeof(TlsaMatcherTests))]
    public void Tlsa_DocumentedRecord_IsPrintedForItsCertificate(int depth, string selectorAndType, string hex)
    {
        string[] fields = selectorAndType.Split(' ');
        using var directory = new TemporaryDirectory();
        string pem = directory.Write("cert.pem", OpenSslDaneVectors.Read("danetest.in")[10].CertificatesPem[depth]);
        string usage = depth == 0 ? "3" : "2";
        ExternalTool.Result run = CliRunner.Run("tlsa", pem, "--usage", usage, "--selector", fields[0], "--mtype", fields[1]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{usage} {fields[0]} {fields[1]} {hex.ToUpperInvariant()}", run.Output.Trim());
    }

    [Fact]
    public void Tlsa_WithHost_PrintsAZoneFileLine()
    {
        using var directory = new TemporaryDirectory();
        string pem = directory.Write("cert.pem", OpenSslDaneVectors.Read("danetest.in")[10].CertificatesPem[0]);
        ExternalTool.Result run = CliRunner.Run("tlsa", pem, "--host", "mail.example.com", "--port", "25");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("_25._tcp.mail.example.com. IN TLSA 3 1 1 3111668338043DE264D0256A702248696C9484B6221A42740F920187B4C61838", run.Output.Trim());
    }

    [Theory]
    [InlineData("--usage", "4", "usage must be 0-3")]
    [InlineData("--mtype", "3", "matching type 0-2")]
    [InlineData("--port", "0", "is not a service")]
    public void Tlsa_BadOption_ExplainsAndExitsThree(string option, string value, string expected)
    {
        using var directory = new TemporaryDirectory();
        string pem = directory.Write("cert.pem", OpenSslDaneVectors.Read("danetest.in")[10].CertificatesPem[0]);
        ExternalTool.Result run = CliRunner.Run("tlsa", pem, option, value);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tlsa_FileWithoutCertificate_ExplainsAndExitsThree()
    {
        using var directory = new TemporaryDirectory();
        string pem = directory.Write("cert.pem", "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        ExternalTool.Result run = CliRunner.Run("tlsa", pem);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("malformed", run.Error, StringComparison.Ordinal);
    }
}
