using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>How each denial status maps to a security status (RFC 4035 §4.3) and an Extended DNS Error (RFC 8914).</summary>
public sealed class DenialResultTests
{
    [Theory]
    [InlineData("proven", DenialStatus.Proven, SecurityStatus.Secure, null)]
    [InlineData("opt-out span (RFC 5155 §9.2)", DenialStatus.OptOut, SecurityStatus.Insecure, null)]
    [InlineData("too many iterations (RFC 9276 §3.2)", DenialStatus.IterationsTooHigh, SecurityStatus.Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue)]
    [InlineData("hash budget spent", DenialStatus.BudgetExceeded, SecurityStatus.Bogus, ExtendedDnsErrorCode.DnssecBogus)]
    [InlineData("not proven", DenialStatus.NotProven, SecurityStatus.Bogus, ExtendedDnsErrorCode.NsecMissing)]
    public void SecurityStatus_EachDenialStatus_Maps(string description, DenialStatus status, SecurityStatus security, ExtendedDnsErrorCode? ede)
    {
        var result = new DenialResult(status, description);

        Assert.Equal(security, result.SecurityStatus);
        Assert.Equal(ede, result.ExtendedError);
        Assert.Equal(status == DenialStatus.Proven, result.IsProven);
        Assert.Equal($"{status}: {description}", result.ToString());
    }

    [Fact]
    public void Default_IsNeverTrusted()
    {
        Assert.Equal(DenialStatus.NotProven, default);
    }
}
