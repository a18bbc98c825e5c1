using Dnssec.Crypto;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Every reason for Bogus (and Indeterminate): signatures, keys, DS, stripped and forged records.</summary>
    private static IEnumerable<ValidationScenario> BogusReasons()
    {
        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);

            // RFC 4035 §5.3.1: a signature with no Zone key of the zone that verifies it.
            yield return new($"MissingAnswerSignature_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.RrsigsMissing, "www.example.test.")
            {
                Setup = Standard(denial, z => z.AfterSigning = zone => zone.RemoveAll(r => HostileUpstream.Is(r, "www.example.test.", RecordType.A) && r.Type == RecordType.RRSIG)),
            };

            yield return new($"UnsignedAnswerInSignedZone_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.RrsigsMissing, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m,
                    answers: [new DnsRecord(DnsName.Parse("www.example.test."), RecordType.A, RecordClass.IN, 3600, new byte[] { 203, 0, 113, 66 })])),
            };

            yield return new($"AnswerSignedByKeyNotInDnskeySet_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "www.example.test.")
            {
                Setup = Standard(denial, z => z.AfterSigning = zone =>
                    HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, SigningKey.Generate(Example, DnssecAlgorithm.ECDSAP256SHA256))),
            };

            yield return new($"DsDigestMismatch_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
            {
                Setup = Standard(denial, z => z.AlterDs = ds => [Corrupt(ds[0])]),
            };

            yield return new($"UnsignedDnskeySet_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.RrsigsMissing, "example.test.")
            {
                Setup = Standard(denial, z => z.AfterSigning = zone => zone.RemoveAll(r => r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.DNSKEY)),
            };

            // RFC 5011 §2.1: a key with the REVOKE bit is no trust point, even when the DS names it.
            yield return new($"RevokedKsk_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
            {
                Setup = Standard(denial, z => z.AlterKeySigningKey = key => key.WithFlags(DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag | DnskeyData.RevokeFlag)),
            };

            // RFC 4035 §5.3.1: the data's RRSIG names the parent zone as signer; a parent key vouches for nothing below the
            // cut. The validator knows the cut once the child's keys are in its cache (it asks no DS per owner name).
            yield return new($"SignatureByParentZoneOverChildData_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                Validator = h =>
                {
                    DnssecValidator validator = h.Validator();
                    _ = h.ValidateAsync("example.test.", RecordType.SOA, validator).GetAwaiter().GetResult();
                    return validator;
                },
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m =>
                {
                    var records = m.Answers.Where(r => r.Type == RecordType.A).ToList();
                    return HostileUpstream.Copy(m, answers: [.. records, HostileUpstream.Sign(records, h.ZoneSigningKeys[Tld])]);
                }),
            };

            // The upstream removes the DS RRset of a secure delegation and any proof of its absence.
            yield return new($"StrippedDsAtSecureDelegation_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NsecMissing, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, answers: [], authorities: [])),
            };

            // ... or keeps the parent's own record at the cut, which lists DS and so cannot deny it.
            yield return new($"StrippedDsWithParentDenialKept_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NsecMissing, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, answers: [], authorities: ParentDenialAtCut(h, denial))),
            };
        }

        // One expired RRSIG beside a valid one: any valid signature by a validated key suffices (RFC 4035 §5.3.3).
        yield return new("ExpiredSignatureBesideValidOne_Nsec", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec, z => z.AfterSigning = zone =>
            {
                DnsName www = DnsName.Parse("www.example.test.");
                var rrset = zone.Where(r => r.Owner.Equals(www) && r.Type == RecordType.A).ToList();
                int at = zone.FindIndex(r => r.Owner.Equals(www) && r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.A);
                zone.Insert(at, HostileUpstream.Sign(rrset, h.ZoneSigningKeys[Example], TimeSpan.FromDays(-30), TimeSpan.FromDays(-2)));
            }),
        };

        // An unsigned CNAME slipped in front of signed data.
        yield return new("UnsignedCnameInSignedZone_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.RrsigsMissing, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h =>
            {
                DnsMessage target = HostileUpstream.Honest(h, "www.other.test.", RecordType.A);
                HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers:
                    [new DnsRecord(DnsName.Parse("www.example.test."), RecordType.CNAME, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse("www.other.test."))), .. target.Answers]));
            },
        };

        yield return new("ZoneSignaturesExpired_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureExpired, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, ExpiredSignatures),
        };

        yield return new("AnswerSignatureExpired_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureExpired, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec3, z => z.AfterSigning = zone =>
                HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, h.ZoneSigningKeys[Example], TimeSpan.FromDays(-30), TimeSpan.FromDays(-2))),
        };

        yield return new("ZoneSignaturesNotYetValid_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureNotYetValid, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z =>
            {
                z.InceptionOffset = TimeSpan.FromDays(2);
                z.ExpirationOffset = TimeSpan.FromDays(30);
            }),
        };

        yield return new("AnswerSignatureNotYetValid_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureNotYetValid, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec, z => z.AfterSigning = zone =>
                HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, h.ZoneSigningKeys[Example], TimeSpan.FromDays(3), TimeSpan.FromDays(30))),
        };

        yield return new("SignatureInceptionAfterExpiration_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.SignatureExpiredBeforeValid, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec, z => z.AfterSigning = zone =>
                HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, h.ZoneSigningKeys[Example], TimeSpan.FromDays(5), TimeSpan.FromDays(3))),
        };

        yield return new("AnswerDataAlteredAfterSigning_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers: m.Answers.Select(r =>
                r.Type == RecordType.A ? new DnsRecord(r.Owner, r.Type, r.Class, r.Ttl, new byte[] { 203, 0, 113, 66 }) : r).ToList())),
        };

        yield return new("DnskeySetSignedOnlyByZsk_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec, z => z.AfterSigning = zone =>
                HostileUpstream.Resign(zone, "example.test.", RecordType.DNSKEY, h.ZoneSigningKeys[Example])),
        };

        yield return new("DsButChildServesNoDnskey_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.AfterSigning = zone => zone.RemoveAll(r => HostileUpstream.IsOrSigns(r, RecordType.DNSKEY))),
        };

        // RFC 4035 §5.3.1 and RFC 8914 EDE 11: the key the DS names lacks the Zone flag, so it may verify nothing.
        yield return new("KskWithoutZoneFlag_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NoZoneKeyBitSet, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterKeySigningKey = key => key.WithFlags(DnskeyData.SecureEntryPointFlag)),
        };

        // The apex SOA is signed by a ZSK without the Zone flag: the RRSIG names a key of the DNSKEY RRset that may verify nothing.
        yield return new("ZskWithoutZoneFlag_Nsec3", "example.test.", RecordType.SOA, Bogus, ExtendedDnsErrorCode.NoZoneKeyBitSet, "example.test. SOA")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z => z.AlterZoneSigningKey = key => key.WithFlags(0)),
        };

        yield return new("DsSignedByChildInsteadOfParent_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m =>
            {
                var ds = m.Answers.Where(r => r.Type == RecordType.DS).ToList();
                return HostileUpstream.Copy(m, answers: [.. ds, HostileUpstream.Sign(ds, h.KeySigningKeys[Example])]);
            }),
        };

        // RFC 5155 §8.6: opt-out hides only unsigned delegations; a secure one has its own NSEC3, which no opt-out span covers.
        yield return new("OptOutSpanHidingSecureDelegation_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NsecMissing, "example.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3OptOut = true);
            },
            AfterBuild = h =>
            {
                // The apex's NSEC3 as closest encloser, and the opt-out span that ends at example.test.'s own hash.
                IReadOnlyList<DnsRecord> tld = h.SignedZones[Tld];
                List<DnsRecord> proof = [.. HostileUpstream.Nsec3For(tld, "test.", covering: false), .. HostileUpstream.Nsec3Before(tld, "example.test.")];
                HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, answers: [], authorities: proof));
            },
        };

        // EDE 9 (DNSKEY Missing, RFC 8914 §4.10): the DS names keys that could not be had, as Unbound reports it.
        yield return new("DnskeyQueryUnanswered_Nsec", "www.example.test.", RecordType.A, Indeterminate, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DNSKEY, _ => null),
        };

        // EDE 23 (Network Error, RFC 8914 §4.24): the server was reached and answered with an error, as Unbound reports it.
        yield return new("DsQueryServfail_Nsec3", "www.example.test.", RecordType.A, Indeterminate, ExtendedDnsErrorCode.NetworkError, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, DnsResponseCode.ServFail, answers: [], authorities: [])),
        };
    }
}
