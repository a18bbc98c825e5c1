using Dnssec.Crypto;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Negative trust anchors, anchors pinned below the root, and no anchor at all.</summary>
    private static IEnumerable<ValidationScenario> Anchors()
    {
        // RFC 7646 §2: below a negative trust anchor a zone that would be Bogus is treated as Insecure.
        yield return new("NegativeTrustAnchorOverBogusZone_Nsec", "www.example.test.", RecordType.A, Insecure, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, ExpiredSignatures),
            AfterBuild = h => h.Anchors.AddNegative(new NegativeTrustAnchor(Example, TestHierarchy.Now + TimeSpan.FromHours(1))),
        };

        yield return new("NegativeTrustAnchorOverNxdomain_Nsec3", "nothere.example.test.", RecordType.A, Insecure, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, ExpiredSignatures),
            AfterBuild = h => h.Anchors.AddNegative(new NegativeTrustAnchor(Example, TestHierarchy.Now + TimeSpan.FromHours(1))),
        };

        // RFC 7646 §2: every NTA expires, and after that validation applies again.
        yield return new("ExpiredNegativeTrustAnchorNoLongerApplies_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureExpired, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, ExpiredSignatures),
            AfterBuild = h => h.Anchors.AddNegative(new NegativeTrustAnchor(Example, TestHierarchy.Now - TimeSpan.FromHours(1))),
        };

        // The closest enclosing anchor applies: a key pinned for example.test. is trusted even though the parent's DS is wrong.
        yield return new("PinnedAnchorBelowRootOverridesBrokenParent_Nsec", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterDs = ds => [Corrupt(ds[0])]),
            AfterBuild = h => h.Anchors.Add([DsDigest.CreateDs(h.KeySigningKeys[Example].Dnskey, DigestType.SHA256)]),
        };

        // ... and it is the only thing that counts: a pinned anchor the zone does not match is Bogus even though the parent's chain is sound.
        yield return new("PinnedAnchorBelowRootNotMatched_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => h.Anchors.Add([Corrupt(DsDigest.CreateDs(h.KeySigningKeys[Example].Dnskey, DigestType.SHA256))]),
        };

        yield return new("PinnedDnskeyAnchorWithoutRootAnchor_Nsec", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            Validator = h =>
            {
                var anchors = new TrustAnchorSet();
                anchors.Add([h.KeySigningKeys[Example].Dnskey]);
                return new DnssecValidator(anchors, h.Authority, null, h.Clock);
            },
        };

        // RFC 4035 §4.3: with no anchor above the name nothing can be decided; nothing failed either, so no EDE.
        yield return new("NoTrustAnchorAboveName_Nsec3", "www.example.test.", RecordType.A, Indeterminate, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            Validator = h => new DnssecValidator(new TrustAnchorSet(), h.Authority, null, h.Clock),
        };
    }

    /// <summary>Every signature of the zone expired two days ago.</summary>
    private static void ExpiredSignatures(ZoneSpecification zone)
    {
        zone.InceptionOffset = TimeSpan.FromDays(-30);
        zone.ExpirationOffset = TimeSpan.FromDays(-2);
    }
}
