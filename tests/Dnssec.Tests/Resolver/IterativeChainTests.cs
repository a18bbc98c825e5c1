using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// CNAME and DNAME chains that leave a signed zone, resolved iteratively through one authority per zone, so that a
/// response carries the alias together with the referral or the no-DS proof, as BIND serves them (issue 11, item 3).
/// Each link is judged in its own zone and the answer gets the weakest link's status.
/// </summary>
public sealed class IterativeChainTests
{
    public static TheoryData<string, RecordType, SecurityStatus, DnsResponseCode, string> Chains => new()
    {
        // Below an unsigned delegation of the same zone: the alias, the NS and the NSEC/NSEC3 proof in one response.
        { "tosub.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "CNAME into the unsigned child of its own NSEC zone" },
        { "tosub.nsec3.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "CNAME into the unsigned child of its own NSEC3 zone" },
        { "tosub.optout.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "CNAME into an unsigned child left out of an opt-out chain" },
        { "tosubnodata.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "CNAME to a name of the unsigned child without A (NSEC)" },
        { "tosubnodata.optout.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "CNAME to a name of the unsigned child without A (opt-out)" },
        { "tosubnx.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NXDomain, "CNAME to a missing name of the unsigned child (NSEC)" },
        { "tosubnx.nsec3.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NXDomain, "CNAME to a missing name of the unsigned child (NSEC3)" },
        { "tosubnx.optout.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NXDomain, "CNAME to a missing name of the unsigned child (opt-out)" },

        // To a signed child's apex, the DS-owning name.
        { "tochild.nsec.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, A" },
        { "tochild.nsec.test.", RecordType.SOA, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, SOA" },
        { "tochild.nsec.test.", RecordType.DNSKEY, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, DNSKEY" },
        { "tochild.nsec.test.", RecordType.DS, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, DS (from the parent)" },
        { "tochild.nsec3.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, A (NSEC3)" },
        { "tochild.nsec3.test.", RecordType.DS, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, DS (NSEC3)" },
        { "tochild.nsec.test.", RecordType.MX, SecurityStatus.Secure, DnsResponseCode.NoError, "CNAME to the signed child's apex, NODATA there" },

        // Two and three links across zones, in and out of signed zones.
        { "two.nsec.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NoError, "signed → signed → data" },
        { "three.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "signed → signed → unsigned" },
        { "back.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "signed → unsigned → signed" },
        { "twonx.nsec.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NXDomain, "signed → signed → missing in a signed zone" },
        { "www.dsub.nsec.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError, "DNAME into the unsigned child of its own zone" },
        { "www.dchild.nsec3.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NoError, "DNAME onto the signed child's apex" },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task ResolveAsync_IterativeChainLeavingASignedZone_GetsTheWeakestLinksStatus(string name, RecordType type, SecurityStatus status, DnsResponseCode code, string description)
    {
        await using DnssecResolver resolver = Resolver();

        DnssecAnswer answer = await resolver.ResolveAsync(name, type);

        Assert.True(status == answer.Status, $"{description}: {answer.Status} {answer.ResponseCode} {answer.Reason}");
        Assert.True(code == answer.ResponseCode, $"{description}: {answer.ResponseCode} {answer.Reason}");
    }

    private static readonly Lazy<ZoneHierarchy> World = new(() =>
    {
        var hierarchy = new ZoneHierarchy { RsaKeyBits = 1024 };
        hierarchy.Zone(".");
        hierarchy.Zone("test.");
        foreach ((string zone, DenialOfExistence denial, bool optOut) in new[] { ("nsec.test.", DenialOfExistence.Nsec, false), ("nsec3.test.", DenialOfExistence.Nsec3, false), ("optout.test.", DenialOfExistence.Nsec3, true) })
        {
            hierarchy.Zone(zone, z =>
            {
                z.Denial = denial;
                z.Nsec3OptOut = optOut;
                z.Records = $"""
                    www A 192.0.2.1
                    tosub CNAME www.sub.{zone}
                    tosubnodata CNAME txt.sub.{zone}
                    tosubnx CNAME nx.sub.{zone}
                    tochild CNAME child.{zone}
                    two CNAME alias.other.test.
                    three CNAME tounsigned.other.test.
                    back CNAME tosigned.unsigned.test.
                    twonx CNAME tonx.other.test.
                    dsub DNAME sub.{zone}
                    dchild DNAME child.{zone}
                    """;
            });
            hierarchy.Zone("sub." + zone, z => { z.Signed = false; z.Records = "www A 192.0.2.2\ntxt TXT \"text\""; });
            hierarchy.Zone("child." + zone, z => { z.Denial = denial; z.Records = "@ A 192.0.2.3\nwww A 192.0.2.4"; });
        }

        hierarchy.Zone("other.test.", z => z.Records = """
            www A 192.0.2.5
            alias CNAME www.nsec3.test.
            tounsigned CNAME www.unsigned.test.
            tonx CNAME nothere.nsec3.test.
            """);
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.6\ntosigned CNAME www.nsec.test."; });
        hierarchy.Build(TestHierarchy.Now);
        return hierarchy;
    });

    private static DnssecResolver Resolver()
    {
        ZoneHierarchy hierarchy = World.Value;
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = hierarchy.Anchors };
        options.RootServers.Add(hierarchy.RootAddress);
        return new DnssecResolver(options, null, new FakeTimeProvider(TestHierarchy.Now), new InMemoryTransport(hierarchy.Servers));
    }
}
