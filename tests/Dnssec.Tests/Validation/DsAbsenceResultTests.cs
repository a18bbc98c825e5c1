using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>How each DS-absence kind maps to the status the chain of trust carries on with (RFC 4035 §4.3, §5.2) and an Extended DNS Error (RFC 8914).</summary>
public sealed class DsAbsenceResultTests
{
    [Theory]
    [InlineData("unsigned delegation", DsAbsenceKind.InsecureDelegation, SecurityStatus.Insecure, null)]
    [InlineData("opt-out span", DsAbsenceKind.OptOut, SecurityStatus.Insecure, null)]
    [InlineData("too many iterations", DsAbsenceKind.IterationsTooHigh, SecurityStatus.Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue)]
    [InlineData("no zone cut: still inside the signed zone", DsAbsenceKind.NoZoneCut, SecurityStatus.Secure, null)]
    [InlineData("the name does not exist", DsAbsenceKind.NameDoesNotExist, SecurityStatus.Secure, null)]
    [InlineData("hash budget spent", DsAbsenceKind.BudgetExceeded, SecurityStatus.Bogus, ExtendedDnsErrorCode.DnssecBogus)]
    [InlineData("not proven", DsAbsenceKind.NotProven, SecurityStatus.Bogus, ExtendedDnsErrorCode.NsecMissing)]
    public void SecurityStatus_EachDsAbsenceKind_Maps(string description, DsAbsenceKind kind, SecurityStatus security, ExtendedDnsErrorCode? ede)
    {
        var result = new DsAbsenceResult(kind, description);

        Assert.Equal(security, result.SecurityStatus);
        Assert.Equal(ede, result.ExtendedError);
        Assert.Equal($"{kind}: {description}", result.ToString());
    }

    [Fact]
    public void Default_IsNeverTrusted()
    {
        Assert.Equal(DsAbsenceKind.NotProven, default);
    }
}
