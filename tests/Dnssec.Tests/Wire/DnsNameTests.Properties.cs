using Dnssec.Wire;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dnssec.Tests.Wire;

/// <summary>Round-trip and ordering properties of <see cref="DnsName"/> over generated names.</summary>
public sealed partial class DnsNameTests
{
    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 500)]
    public void ToString_AnyName_ParsesBackToTheSameOctets(DnsName name)
    {
        DnsName parsed = DnsName.Parse(name.ToString());

        Assert.Equal(name, parsed);
        Assert.Equal(name.WireForm.ToArray(), parsed.WireForm.ToArray());
        Assert.Equal(name.LabelCount, parsed.LabelCount);
    }

    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 500)]
    public void ToString_AnyName_IsWhatAppendToWrites(DnsName name)
    {
        // ToString writes names without escapes straight into the string; AppendTo always goes octet by octet.
        var builder = new System.Text.StringBuilder();
        name.AppendTo(builder);

        Assert.Equal(builder.ToString(), name.ToString());
    }

    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 500)]
    public void FromWire_AnyName_GivesTheSameName(DnsName name)
    {
        DnsName parsed = DnsName.FromWire(name.WireForm);

        Assert.Equal(name.WireForm.ToArray(), parsed.WireForm.ToArray());
        Assert.Equal(name.LabelCount, parsed.LabelCount);
        Assert.Equal(name.GetHashCode(), parsed.GetHashCode());
    }

    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 300)]
    public void Equals_AnyNameWithCaseChanged_IsEqualWithSameHash(DnsName name)
    {
        byte[] wire = name.WireForm.ToArray();
        for (int i = 0; i < wire.Length; i++)
        {
            // Flip the case of every other letter; label length octets are never letters (they are at most 63).
            if (i % 2 == 0 && char.IsAsciiLetter((char)wire[i]))
            {
                wire[i] ^= 0x20;
            }
        }

        DnsName other = DnsName.FromWire(wire);

        Assert.Equal(name, other);
        Assert.Equal(name.GetHashCode(), other.GetHashCode());
        Assert.Equal(0, name.CompareTo(other));
    }

    [Property(MaxTest = 1000)]
    public Property CompareTo_AnyThreeNames_IsATotalOrderConsistentWithEquals() =>
        Prop.ForAll(
            (from a in WireArbitraries.SmallNames from b in WireArbitraries.SmallNames from c in WireArbitraries.SmallNames select (a, b, c)).ToArbitrary(),
            names =>
            {
                (DnsName a, DnsName b, DnsName c) = names;
                int ab = Math.Sign(a.CompareTo(b));
                int bc = Math.Sign(b.CompareTo(c));
                int ac = Math.Sign(a.CompareTo(c));

                Assert.Equal(0, a.CompareTo(a));
                Assert.Equal(-ab, Math.Sign(b.CompareTo(a)));
                Assert.Equal(ab == 0, a.Equals(b));
                if (ab == 0)
                {
                    Assert.Equal(a.GetHashCode(), b.GetHashCode());
                }

                // Transitivity: a ≤ b ≤ c implies a ≤ c, strictly if either step is strict.
                if (ab <= 0 && bc <= 0)
                {
                    Assert.True(ac <= 0);
                    Assert.True(ac < 0 || (ab == 0 && bc == 0));
                }
            });

    [Property(MaxTest = 300)]
    public Property CompareTo_ParentAndChild_ParentSortsFirst() =>
        Prop.ForAll(
            WireArbitraries.SmallNames.Where(n => !n.IsRoot).ToArbitrary(),
            name =>
            {
                Assert.True(name.Parent.CompareTo(name) < 0);
                Assert.True(name.IsStrictSubdomainOf(name.Parent));
                Assert.Equal(name.Parent.LabelCount, name.CommonSuffixLabelCount(name.Parent));
            });
}
