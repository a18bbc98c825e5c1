using Dnssec.Crypto;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Insecure delegations proven by NSEC, NSEC3 and opt-out; DS digest and algorithm choices; NSEC3 iteration limits.</summary>
    private static IEnumerable<ValidationScenario> Delegations()
    {
        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);
            yield return new($"InsecureDelegation_{suffix}", "www.unsigned.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial),
            };
        }

        // RFC 5155 §6, §8.6: the unsigned child has no NSEC3 of its own; the opt-out span over it proves it insecure.
        yield return new("InsecureChildBelowOptOutSpan_Nsec3", "www.unsigned.test.", RecordType.A, Insecure, null, "unsigned.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3OptOut = true);
            },
        };

        // RFC 5155 §9.2: a name error whose next closer name lies in an opt-out span gets no AD bit.
        yield return new("NxdomainInOptOutSpan_Nsec3", "nothere.test.", RecordType.A, Insecure, null, "nothere.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3OptOut = true);
            },
        };

        // A secure delegation in an opt-out zone keeps its NSEC3 and its DS.
        yield return new("SecureChildInOptOutZone_Nsec3", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3OptOut = true);
            },
        };

        yield return new("DsWithSha1Only_Nsec", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.DsDigest = DigestType.SHA1),
        };

        yield return new("DsWithSha384Only_Nsec3", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.DsDigest = DigestType.SHA384),
        };

        // RFC 4035 §5.2: a DS RRset naming only algorithms the validator does not support makes the child insecure.
        yield return new("DsWithUnsupportedAlgorithmOnly_Nsec", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterDs = ds => [Ds(ds[0], algorithm: DnssecAlgorithm.ECCGOST)]),
        };

        yield return new("DsAlgorithmDisabledByPolicy_Nsec3", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.Algorithm = DnssecAlgorithm.RSASHA1NSEC3SHA1),
            Options = new ValidatorOptions { Policy = new AlgorithmPolicy { AllowSha1 = false } },
        };

        yield return new("DsWithUnsupportedDigestOnly_Nsec", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedDsDigestType, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterDs = ds => [Ds(ds[0], digestType: DigestType.GOST)]),
        };

        yield return new("DsWithUnknownDigestOnly_Nsec3", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedDsDigestType, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.AlterDs = ds => [Ds(ds[0], digestType: (DigestType)200)]),
        };

        // Unsupported entries beside a supported one are skipped; the supported one decides.
        yield return new("DsMixWithValidSupportedEntry_Nsec", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterDs = ds =>
                [Ds(ds[0], digestType: DigestType.GOST), Ds(ds[0], algorithm: DnssecAlgorithm.ECCGOST), ds[0]]),
        };

        yield return new("DsMixWhereSupportedEntryMismatches_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.AlterDs = ds =>
                [Ds(ds[0], digestType: DigestType.GOST), Ds(ds[0], algorithm: DnssecAlgorithm.ECCGOST), Corrupt(ds[0])]),
        };

        // RFC 4509 §3: with a SHA-256 DS present, SHA-1 DS records are ignored, so a matching SHA-1 digest cannot rescue a broken SHA-256 one.
        yield return new("DsSha1IgnoredWhenSha256Present_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec, z => z.AlterDs = ds =>
                [DsDigest.CreateDs(h.KeySigningKeys[Example].Dnskey, DigestType.SHA1, 3600), Corrupt(ds[0])]),
        };

        yield return new("DsSha256UsedBesideBrokenSha1_Nsec3", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec3, z => z.AlterDs = ds =>
                [Corrupt(DsDigest.CreateDs(h.KeySigningKeys[Example].Dnskey, DigestType.SHA1, 3600)), ds[0]]),
        };

        // RFC 9276 §3.2: denials hashed with more iterations than the validator allows are Insecure with EDE 27.
        yield return new("Nsec3IterationsAboveLimitAtInsecureDelegation_Nsec3", "www.unsigned.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, "unsigned.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3Iterations = 200);
            },
        };

        yield return new("Nsec3IterationsAboveLimitForNxdomain_Nsec3", "nothere.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, "nothere.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.Nsec3Iterations = AlgorithmPolicy.DefaultMaxNsec3Iterations + 1),
        };

        yield return new("Nsec3IterationsAboveLimitForWildcardAnswer_Nsec3", "x.wild.example.test.", RecordType.TXT, Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, "x.wild.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.Nsec3Iterations = 500),
        };

        // The limit concerns denials only: a positive answer from the same zone is still Secure.
        yield return new("Nsec3IterationsAboveLimitPositiveAnswer_Nsec3", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.Nsec3Iterations = 500),
        };

        // RFC 9276 §3.2 read as Unbound does: an unsigned answer is Insecure when the proof that its owner is no
        // unsigned delegation uses too many iterations to be checked; the zone's choice, not the validator's.
        yield return new("UnsignedAnswerInZoneWithIterationsAboveLimit_Nsec3", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.Nsec3Iterations = 500),
            AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m,
                answers: [new DnsRecord(DnsName.Parse("www.example.test."), RecordType.A, RecordClass.IN, 3600, new byte[] { 203, 0, 113, 66 })])),
        };

        yield return new("Nsec3IterationsAtLimitWithSalt_Nsec3", "nothere.example.test.", RecordType.A, Secure, null, "nothere.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z =>
            {
                z.Nsec3Iterations = AlgorithmPolicy.DefaultMaxNsec3Iterations;
                z.Nsec3Salt = [0xAA, 0xBB, 0xCC, 0xDD];
            }),
        };
    }
}
