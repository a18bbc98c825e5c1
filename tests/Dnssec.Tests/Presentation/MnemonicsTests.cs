using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

public class MnemonicsTests
{
    public static TheoryData<string, RecordType, string> TypeRows => new()
    {
        { "registry mnemonic", RecordType.A, "A" },
        { "DNSSEC type", RecordType.NSEC3PARAM, "NSEC3PARAM" },
        { "mnemonic with a dash", (RecordType)23, "NSAP-PTR" },
        { "type without an enum member", (RecordType)104, "NID" },
        { "last type BIND 9.18 knows", (RecordType)262, "WALLET" },
        { "meta type", RecordType.ANY, "ANY" },
        { "private-use TA", RecordType.TA, "TA" },
        { "DLV", RecordType.DLV, "DLV" },
        { "unassigned code (RFC 3597 §5)", (RecordType)54, "TYPE54" },
        { "type newer than BIND 9.18", (RecordType)263, "TYPE263" },
        { "zero", (RecordType)0, "TYPE0" },
        { "largest code", (RecordType)65535, "TYPE65535" },
    };

    [Theory]
    [MemberData(nameof(TypeRows))]
    public void FormatRecordType_Code_PrintsMnemonicOrGenericForm(string description, RecordType type, string expected)
    {
        _ = description;
        Assert.Equal(expected, Mnemonics.FormatRecordType(type));
        Assert.True(Mnemonics.TryParseRecordType(expected, out RecordType parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void FormatRecordType_EveryEnumMember_PrintsItsOwnName()
    {
        foreach (RecordType type in Enum.GetValues<RecordType>())
        {
            Assert.Equal(type.ToString(), Mnemonics.FormatRecordType(type));
        }
    }

    [Theory]
    [InlineData("lower case", "nsec3", RecordType.NSEC3)]
    [InlineData("mixed case", "DnsKey", RecordType.DNSKEY)]
    [InlineData("generic form for a known type", "TYPE1", RecordType.A)]
    [InlineData("generic form in lower case", "type65280", (RecordType)65280)]
    [InlineData("generic form with leading zeros", "TYPE0046", RecordType.RRSIG)]
    public void TryParseRecordType_AcceptedSpelling_ReturnsCode(string description, string text, RecordType expected)
    {
        _ = description;
        Assert.True(Mnemonics.TryParseRecordType(text, out RecordType type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("unknown word", "AAAAA")]
    [InlineData("prefix alone", "TYPE")]
    [InlineData("over 16 bits", "TYPE65536")]
    [InlineData("six digits", "TYPE000001")]
    [InlineData("sign", "TYPE-1")]
    [InlineData("class, not a type", "IN")]
    public void TryParseRecordType_Invalid_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(Mnemonics.TryParseRecordType(text, out _));
    }

    [Fact]
    public void ParseRecordType_Unknown_ThrowsFormatExceptionNamingIt()
    {
        var exception = Assert.Throws<FormatException>(() => Mnemonics.ParseRecordType("BOGUS"));
        Assert.Contains("'BOGUS'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Internet", RecordClass.IN, "IN")]
    [InlineData("Chaos", RecordClass.CH, "CH")]
    [InlineData("Hesiod", RecordClass.HS, "HS")]
    [InlineData("NONE of RFC 2136", RecordClass.NONE, "NONE")]
    [InlineData("ANY", RecordClass.ANY, "ANY")]
    [InlineData("unknown class (RFC 3597 §5)", (RecordClass)32, "CLASS32")]
    [InlineData("OPT payload size in the class field", (RecordClass)1232, "CLASS1232")]
    public void FormatClass_Code_PrintsMnemonicOrGenericForm(string description, RecordClass @class, string expected)
    {
        _ = description;
        Assert.Equal(expected, Mnemonics.FormatClass(@class));
        Assert.Equal(@class, Mnemonics.ParseClass(expected));
    }

    [Theory]
    [InlineData("lower case", "in", RecordClass.IN)]
    [InlineData("BIND's long name for CH", "CHAOS", RecordClass.CH)]
    [InlineData("BIND's long name for HS", "hesiod", RecordClass.HS)]
    [InlineData("generic form of IN", "CLASS1", RecordClass.IN)]
    public void TryParseClass_AcceptedSpelling_ReturnsCode(string description, string text, RecordClass expected)
    {
        _ = description;
        Assert.True(Mnemonics.TryParseClass(text, out RecordClass @class));
        Assert.Equal(expected, @class);
    }

    [Theory]
    [InlineData("type, not a class", "A")]
    [InlineData("over 16 bits", "CLASS65536")]
    [InlineData("prefix alone", "CLASS")]
    public void TryParseClass_Invalid_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(Mnemonics.TryParseClass(text, out _));
    }

    [Theory]
    [InlineData(0, "NOERROR")]
    [InlineData(1, "FORMERR")]
    [InlineData(2, "SERVFAIL")]
    [InlineData(3, "NXDOMAIN")]
    [InlineData(4, "NOTIMP")]
    [InlineData(5, "REFUSED")]
    [InlineData(6, "YXDOMAIN")]
    [InlineData(7, "YXRRSET")]
    [InlineData(8, "NXRRSET")]
    [InlineData(9, "NOTAUTH")]
    [InlineData(10, "NOTZONE")]
    [InlineData(11, "RCODE11")]
    [InlineData(16, "BADVERS")]
    [InlineData(23, "BADCOOKIE")]
    [InlineData(24, "RCODE24")]
    [InlineData(4095, "RCODE4095")]
    public void FormatResponseCode_Code_PrintsAsDigDoes(int code, string expected)
    {
        Assert.Equal(expected, Mnemonics.FormatResponseCode((DnsResponseCode)code));
        Assert.Equal((DnsResponseCode)code, Mnemonics.ParseResponseCode(expected));
    }

    [Theory]
    [InlineData("lower case", "nxdomain", DnsResponseCode.NXDomain)]
    [InlineData("generic form of a named code", "RCODE2", DnsResponseCode.ServFail)]
    public void TryParseResponseCode_AcceptedSpelling_ReturnsCode(string description, string text, DnsResponseCode expected)
    {
        _ = description;
        Assert.True(Mnemonics.TryParseResponseCode(text, out DnsResponseCode code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("beyond 12 bits (RFC 6891 §6.1.3)", "RCODE4096")]
    [InlineData("unknown word", "NOSUCH")]
    public void TryParseResponseCode_Invalid_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(Mnemonics.TryParseResponseCode(text, out _));
        Assert.Throws<FormatException>(() => Mnemonics.ParseResponseCode(text));
    }

    [Theory]
    [InlineData(1, "RSAMD5")]
    [InlineData(3, "DSA")]
    [InlineData(5, "RSASHA1")]
    [InlineData(6, "DSA-NSEC3-SHA1")]
    [InlineData(7, "RSASHA1-NSEC3-SHA1")]
    [InlineData(8, "RSASHA256")]
    [InlineData(10, "RSASHA512")]
    [InlineData(12, "ECC-GOST")]
    [InlineData(13, "ECDSAP256SHA256")]
    [InlineData(14, "ECDSAP384SHA384")]
    [InlineData(15, "ED25519")]
    [InlineData(16, "ED448")]
    [InlineData(17, "SM2SM3")]
    [InlineData(23, "ECC-GOST12")]
    [InlineData(253, "PRIVATEDNS")]
    [InlineData(254, "PRIVATEOID")]
    [InlineData(200, "200")]
    [InlineData(0, "0")]
    public void FormatAlgorithm_Number_PrintsRegistryMnemonic(int number, string expected)
    {
        Assert.Equal(expected, Mnemonics.FormatAlgorithm((DnssecAlgorithm)number));
        Assert.Equal((DnssecAlgorithm)number, Mnemonics.ParseAlgorithm(expected));
    }

    [Theory]
    [InlineData("number", "13", DnssecAlgorithm.ECDSAP256SHA256)]
    [InlineData("lower case", "ed25519", DnssecAlgorithm.ED25519)]
    [InlineData("enum spelling without dashes", "RSASHA1NSEC3SHA1", DnssecAlgorithm.RSASHA1NSEC3SHA1)]
    [InlineData("BIND's older NSEC3 name", "NSEC3RSASHA1", DnssecAlgorithm.RSASHA1NSEC3SHA1)]
    [InlineData("largest number", "255", (DnssecAlgorithm)255)]
    public void TryParseAlgorithm_AcceptedSpelling_ReturnsNumber(string description, string text, DnssecAlgorithm expected)
    {
        _ = description;
        Assert.True(Mnemonics.TryParseAlgorithm(text, out DnssecAlgorithm algorithm));
        Assert.Equal(expected, algorithm);
    }

    [Theory]
    [InlineData("over 8 bits", "256")]
    [InlineData("unknown word", "RSASHA384")]
    [InlineData("empty", "")]
    public void TryParseAlgorithm_Invalid_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(Mnemonics.TryParseAlgorithm(text, out _));
    }
}
