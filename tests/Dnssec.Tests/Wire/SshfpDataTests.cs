using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>SSHFP RDATA through <see cref="SshfpData"/> (RFC 4255).</summary>
public sealed class SshfpDataTests
{
    [Theory]
    [InlineData("Ed25519 SHA-256", 4, 2, 32)]
    [InlineData("RSA SHA-1", 1, 1, 20)]
    public void Encode_Fields_ReadBack(string description, int algorithm, int fingerprintType, int length)
    {
        byte[] fingerprint = [.. Enumerable.Range(0, length).Select(i => (byte)(i + 1))];
        var record = new DnsRecord(DnsName.Parse("host.example."), RecordType.SSHFP, RecordClass.IN, 60, SshfpData.Encode((byte)algorithm, (byte)fingerprintType, fingerprint));

        SshfpData sshfp = SshfpData.From(record);

        Assert.True((algorithm, fingerprintType) == (sshfp.Algorithm, sshfp.FingerprintType), description);
        Assert.Equal(fingerprint, sshfp.Fingerprint.ToArray());
        Assert.Throws<ArgumentException>("record", () => SshfpData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
