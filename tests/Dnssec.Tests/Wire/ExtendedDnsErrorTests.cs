using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Extended DNS Errors (RFC 8914) through <see cref="ExtendedDnsError"/>.</summary>
public sealed class ExtendedDnsErrorTests
{
    [Theory]
    [InlineData("code only", "0006", ExtendedDnsErrorCode.DnssecBogus, "")]
    [InlineData("code and text", "0007" + "6578706972656420323032362d3131", ExtendedDnsErrorCode.SignatureExpired, "expired 2026-11")]
    [InlineData("text ending in NUL, which RFC 8914 §2 says not to send", "0012" + "706f6c69637900", ExtendedDnsErrorCode.Prohibited, "policy")]
    [InlineData("a NUL alone", "0000" + "00", ExtendedDnsErrorCode.Other, "")]
    [InlineData("UTF-8 text", "0015" + "e29c93", ExtendedDnsErrorCode.NotSupported, "\u2713")]
    [InlineData("malformed UTF-8 is replaced", "0015" + "ff", ExtendedDnsErrorCode.NotSupported, "\uFFFD")]
    [InlineData("unassigned code survives", "fffe", (ExtendedDnsErrorCode)65534, "")]
    public void FromOptionData_Option_ReadsCodeAndText(string description, string hex, ExtendedDnsErrorCode code, string text)
    {
        ExtendedDnsError error = ExtendedDnsError.FromOptionData(Convert.FromHexString(hex));

        Assert.True(code == error.Code, description);
        Assert.Equal(text, error.ExtraText);
    }

    [Theory]
    [InlineData("no data", "")]
    [InlineData("half a code", "00")]
    public void FromOptionData_ShorterThanTheCode_Throws(string description, string hex)
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => ExtendedDnsError.FromOptionData(Convert.FromHexString(hex)));

        Assert.True(exception.Error == DnsFormatError.InvalidEdnsOption, description);
    }

    [Fact]
    public void ToOption_Error_RoundTripsThroughAMessage()
    {
        var error = new ExtendedDnsError(ExtendedDnsErrorCode.DnssecBogus, "RRSIG for www.example. A expired");
        var message = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.ServFail, Edns = new EdnsRecord() };
        message.Edns.Options.Add(error.ToOption());

        DnsMessage parsed = DnsMessage.Parse(message.ToArray());

        Assert.Equal(EdnsOptionCode.ExtendedDnsError, error.ToOption().Code);
        Assert.Equal(error, Assert.Single(parsed.Edns!.ExtendedErrors));
        Assert.Equal(DnsResponseCode.ServFail, parsed.ResponseCode);
    }
}
