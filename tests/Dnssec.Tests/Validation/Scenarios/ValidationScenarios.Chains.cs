using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>CNAME and DNAME chains inside a zone and across zones, and the ways they break.</summary>
    private static IEnumerable<ValidationScenario> Chains()
    {
        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);
            yield return new($"CnameInZone_{suffix}", "alias.example.test.", RecordType.A, Secure, null, "alias.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"CnameSecureToSecureZone_{suffix}", "toother.example.test.", RecordType.A, Secure, null, "toother.example.test.")
            {
                Setup = Standard(denial),
            };

            // The alias is proven, its target lies below a proven unsigned delegation: the answer is only as good as its weakest link.
            yield return new($"CnameSecureToInsecureZone_{suffix}", "tounsigned.example.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"DnameAcrossZones_{suffix}", "x.dn.example.test.", RecordType.A, Secure, null, "x.dn.example.test.")
            {
                Setup = Standard(denial),
            };

            // RFC 6672 §5.3.2: the CNAME a DNAME synthesises is unsigned; it must be exactly the DNAME substitution.
            yield return new($"DnameSynthesizedCnameNotTheSubstitution_{suffix}", "x.dn.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "dn.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "x.dn.example.test.", RecordType.A, m =>
                {
                    DnsMessage forged = HostileUpstream.Honest(h, "www.other.test.", RecordType.A);
                    var answers = m.Answers.Where(r => r.Type == RecordType.DNAME || (r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.DNAME)).ToList();
                    answers.Add(new DnsRecord(DnsName.Parse("x.dn.example.test."), RecordType.CNAME, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse("www.other.test."))));
                    answers.AddRange(forged.Answers);
                    return HostileUpstream.Copy(m, answers: answers);
                }),
            };

            yield return new($"CnameLoop_{suffix}", "loop1.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "loop1.example.test.")
            {
                Setup = Standard(denial),
            };
        }

        yield return new("CnameToNxdomainInOtherZone_Nsec3", "dangling.example.test.", RecordType.A, Secure, null, "dangling.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };

        yield return new("CnameToNodataInOtherZone_Nsec", "toother.example.test.", RecordType.MX, Secure, null, "toother.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
        };

        yield return new("DnameToNxdomainTarget_Nsec3", "nothere.dn.example.test.", RecordType.A, Secure, null, "nothere.dn.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };

        yield return new("DnameToInsecureZone_Nsec", "www.dnu.example.test.", RecordType.A, Insecure, null, "unsigned.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
        };

        yield return new("DnameWithoutSynthesizedCname_Nsec3", "x.dn.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "dn.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => HostileUpstream.Rewrite(h, "x.dn.example.test.", RecordType.A, m => HostileUpstream.Without(m, r => r.Type == RecordType.CNAME)),
        };
    }
}
