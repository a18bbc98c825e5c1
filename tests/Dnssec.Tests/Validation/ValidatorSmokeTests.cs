using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Validation;

public class ValidatorSmokeTests
{
    private static TestHierarchy Build(DenialOfExistence denial = DenialOfExistence.Nsec)
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Denial = denial;
            z.Records = """
                www A 192.0.2.1
                alias CNAME www
                *.wild TXT "w"
                a.b.c A 192.0.2.3
                dn DNAME other.test.
                """;
        });
        h.Zone("other.test.", z => z.Records = "x A 192.0.2.9");
        h.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        return h.Build();
    }

    [Theory]
    [InlineData("www.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("alias.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("nothere.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("www.example.test.", RecordType.MX, SecurityStatus.Secure)]
    [InlineData("b.c.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("x.wild.example.test.", RecordType.TXT, SecurityStatus.Secure)]
    [InlineData("x.wild.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("x.dn.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("www.unsigned.test.", RecordType.A, SecurityStatus.Insecure)]
    [InlineData("nothere.unsigned.test.", RecordType.A, SecurityStatus.Insecure)]
    [InlineData("nothere.test.", RecordType.A, SecurityStatus.Secure)]
    public async Task Validate_Nsec(string name, RecordType type, SecurityStatus expected)
    {
        AnswerValidation result = await Build().ValidateAsync(name, type);
        Assert.True(expected == result.Status, result.Result.ToString());
    }

    [Theory]
    [InlineData("www.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("nothere.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("www.example.test.", RecordType.MX, SecurityStatus.Secure)]
    [InlineData("b.c.example.test.", RecordType.A, SecurityStatus.Secure)]
    [InlineData("x.wild.example.test.", RecordType.TXT, SecurityStatus.Secure)]
    [InlineData("x.wild.example.test.", RecordType.A, SecurityStatus.Secure)]
    public async Task Validate_Nsec3(string name, RecordType type, SecurityStatus expected)
    {
        AnswerValidation result = await Build(DenialOfExistence.Nsec3).ValidateAsync(name, type);
        Assert.True(expected == result.Status, result.Result.ToString());
    }
}

public class ValidatorSmokeNegativeTests
{
    [Fact]
    public async Task Validate_ExpiredZone_IsBogus()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => { z.Records = "www A 192.0.2.1"; z.ExpirationOffset = TimeSpan.FromDays(-2); z.InceptionOffset = TimeSpan.FromDays(-30); });
        h.Build();
        AnswerValidation result = await h.ValidateAsync("www.example.test.", RecordType.A);
        Assert.True(result.Status == SecurityStatus.Bogus, result.Result.ToString());
        Assert.Equal(ExtendedDnsErrorCode.SignatureExpired, result.Result.Error);
    }

    [Fact]
    public async Task Validate_StrippedSignature_IsBogus()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => { z.Records = "www A 192.0.2.1"; z.AfterSigning = l => l.RemoveAll(r => r.Type == RecordType.RRSIG && r.Owner.ToString() == "www.example.test."); });
        h.Build();
        AnswerValidation result = await h.ValidateAsync("www.example.test.", RecordType.A);
        Assert.True(result.Status == SecurityStatus.Bogus, result.Result.ToString());
        Assert.Equal(ExtendedDnsErrorCode.RrsigsMissing, result.Result.Error);
    }

    [Fact]
    public async Task Validate_WrongDs_IsBogus()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => { z.Records = "www A 192.0.2.1"; z.AlterDs = ds => [new DnsRecord(ds[0].Owner, RecordType.DS, RecordClass.IN, 3600, DsData.Encode(1234, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, new byte[32]))]; });
        h.Build();
        AnswerValidation result = await h.ValidateAsync("www.example.test.", RecordType.A);
        Assert.True(result.Status == SecurityStatus.Bogus, result.Result.ToString());
        Assert.Equal(ExtendedDnsErrorCode.DnskeyMissing, result.Result.Error);
    }

    [Fact]
    public async Task Validate_RemovedNsec_IsBogus()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => { z.Records = "www A 192.0.2.1"; z.AfterSigning = l => l.RemoveAll(r => r.Type == RecordType.NSEC || (r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.NSEC)); });
        h.Build();
        AnswerValidation result = await h.ValidateAsync("nothere.example.test.", RecordType.A);
        Assert.True(result.Status == SecurityStatus.Bogus, result.Result.ToString());
    }
}
