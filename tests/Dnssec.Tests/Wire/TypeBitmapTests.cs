using Dnssec.Wire;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dnssec.Tests.Wire;

/// <summary>Type bitmaps of NSEC, NSEC3 and CSYNC (RFC 4034 §4.1.2) through <see cref="TypeBitmap"/>.</summary>
public sealed class TypeBitmapTests
{
    [Theory]
    [InlineData("window 0: A, MX, RRSIG, NSEC (RFC 4034 §4.3)", new[] { 1, 15, 46, 47 }, "0006400100000003")]
    [InlineData("window 0: the highest type of the window", new[] { 255 }, "0020" + "00000000000000000000000000000000000000000000000000000000000000" + "01")]
    [InlineData("window 1: URI and CAA", new[] { 256, 257 }, "0101c0")]
    [InlineData("window 1: type 511 needs all 32 octets", new[] { 511 }, "0120" + "00000000000000000000000000000000000000000000000000000000000000" + "01")]
    [InlineData("window 128: TA and DLV", new[] { 32768, 32769 }, "8001c0")]
    [InlineData("window 255: the first and the last type", new[] { 65280, 65535 }, "ff2080" + "000000000000000000000000000000000000000000000000000000000000" + "01")]
    [InlineData("windows 0, 1 and 255 together", new[] { 2, 258, 65281 }, "000120" + "010120" + "ff0140")]
    [InlineData("type 0 is bit 0 of window 0", new[] { 0 }, "000180")]
    public void Encode_Types_GivesWindowsAndReadsBack(string description, int[] codes, string hex)
    {
        RecordType[] types = [.. codes.Select(c => (RecordType)c)];

        byte[] encoded = TypeBitmap.Encode(types);

        Assert.True(string.Equals(hex, Convert.ToHexString(encoded), StringComparison.OrdinalIgnoreCase), $"{description}: {Convert.ToHexString(encoded)}");
        TypeBitmap bitmap = Read(encoded);
        Assert.Equal(types, bitmap.ToList());
        foreach (RecordType type in types)
        {
            Assert.True(bitmap.Contains(type));
        }
    }

    [Theory]
    [InlineData("neighbour bit in the same octet", 16)]
    [InlineData("past the window's last octet", 200)]
    [InlineData("same bit in a window that is absent", 0x0201)]
    [InlineData("window between two present ones", 0x8000)]
    [InlineData("window after the last present one", 0xFFFE)]
    public void Contains_AbsentType_IsFalse(string description, int code)
    {
        TypeBitmap bitmap = Read(TypeBitmap.Encode([RecordType.A, RecordType.MX, (RecordType)0x0101, (RecordType)0xFF00]));

        Assert.False(bitmap.Contains((RecordType)code), description);
    }

    [Fact]
    public void Encode_UnorderedWithDuplicates_IsSortedAndDistinct()
    {
        byte[] encoded = TypeBitmap.Encode([RecordType.CAA, RecordType.A, RecordType.NS, RecordType.A, RecordType.CAA]);

        Assert.Equal([RecordType.A, RecordType.NS, RecordType.CAA], Read(encoded).ToList());
    }

    [Fact]
    public void Encode_NoTypes_IsEmpty()
    {
        byte[] encoded = TypeBitmap.Encode([]);

        Assert.Empty(encoded);
        Assert.Empty(Read(encoded).ToList());
        Assert.False(Read(encoded).Contains(RecordType.A));
        Assert.False(default(TypeBitmap).Contains(RecordType.A));
    }

    [Property(MaxTest = 300)]
    public Property Encode_AnyTypes_ReadsBackAndPassesTheNsecCheck() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(0, 300)), (1, Gen.Choose(0, 65535)))).ToArbitrary(),
            codes =>
            {
                RecordType[] expected = [.. codes.Distinct().Order().Select(c => (RecordType)c)];
                byte[] encoded = TypeBitmap.Encode(codes.Select(c => (RecordType)c));

                // DnsRecord checks the window order and lengths that RFC 4034 §4.1.2 requires.
                TypeBitmap bitmap = Read(encoded);
                Assert.Equal(expected, bitmap.ToList());
                foreach (int code in codes)
                {
                    Assert.True(bitmap.Contains((RecordType)code));
                    Assert.Equal(Array.IndexOf(expected, (RecordType)(code ^ 1)) >= 0, bitmap.Contains((RecordType)(code ^ 1)));
                }
            });

    /// <summary>Reads the bitmap back through a checked NSEC record, as a validator would.</summary>
    private static TypeBitmap Read(byte[] bitmap)
    {
        var record = new DnsRecord(DnsName.Root, RecordType.NSEC, RecordClass.IN, 0, (byte[])[0, .. bitmap]);
        return NsecData.From(record).Types;
    }
}
