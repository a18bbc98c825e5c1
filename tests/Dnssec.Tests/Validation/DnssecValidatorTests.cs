using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>What checking that the signer holds the owner (RFC 4035 §5.3.1) costs: one DS query per name below the apex, once.</summary>
public sealed class DnssecValidatorTests
{
    private static TestHierarchy Build()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = ValidationScenarios.StandardRecords);
        return h.Build();
    }

    [Fact]
    public async Task ValidateAsync_OwnerBelowApex_CostsNoMoreQueriesThanApexData()
    {
        TestHierarchy h = Build();

        int before = h.Authority.Queries;
        AnswerValidation apex = await h.ValidateAsync("example.test.", RecordType.SOA);
        int apexQueries = h.Authority.Queries - before;
        before = h.Authority.Queries;
        AnswerValidation below = await h.ValidateAsync("www.example.test.", RecordType.A);
        int belowQueries = h.Authority.Queries - before;

        Assert.Equal(SecurityStatus.Secure, apex.Status);
        Assert.Equal(SecurityStatus.Secure, below.Status);
        Assert.Equal(apexQueries, belowQueries);
    }

    [Fact]
    public async Task ValidateAsync_SameNameTwiceWithOneValidator_AsksOnlyForTheAnswerTheSecondTime()
    {
        TestHierarchy h = Build();
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        int before = h.Authority.Queries;
        AnswerValidation again = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Secure, again.Status);
        Assert.Equal(1, h.Authority.Queries - before);
    }
}
