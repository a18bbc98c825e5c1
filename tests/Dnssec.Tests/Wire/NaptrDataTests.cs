using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>NAPTR RDATA through <see cref="NaptrData"/> (RFC 3403 §4.1).</summary>
public sealed class NaptrDataTests
{
    [Theory]
    [InlineData("regular expression, root replacement", 100, 10, "u", "E2U+sip", "!^.*$!sip:info@example.com!", ".")]
    [InlineData("replacement, empty strings", 0, 65535, "", "", "", "_sip._udp.example.")]
    public void Encode_Fields_ReadBack(string description, int order, int preference, string flags, string services, string regexp, string replacement)
    {
        var record = new DnsRecord(DnsName.Parse("4.3.2.1.e164.arpa."), RecordType.NAPTR, RecordClass.IN, 60,
            NaptrData.Encode((ushort)order, (ushort)preference, Encoding.ASCII.GetBytes(flags), Encoding.ASCII.GetBytes(services), Encoding.ASCII.GetBytes(regexp), DnsName.Parse(replacement)));

        NaptrData naptr = NaptrData.From(record);

        Assert.True((order, preference) == (naptr.Order, naptr.Preference), description);
        Assert.Equal(flags, Encoding.ASCII.GetString(naptr.Flags.Span));
        Assert.Equal(services, Encoding.ASCII.GetString(naptr.Services.Span));
        Assert.Equal(regexp, Encoding.ASCII.GetString(naptr.Regexp.Span));
        Assert.Equal(replacement, naptr.Replacement.ToString());
        Assert.Throws<ArgumentException>("record", () => NaptrData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
