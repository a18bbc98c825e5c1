using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>NXDOMAIN, NODATA and empty non-terminals, and forged or incomplete denials.</summary>
    private static IEnumerable<ValidationScenario> Denials()
    {
        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);
            yield return new($"Nxdomain_{suffix}", "nothere.example.test.", RecordType.A, Secure, null, "nothere.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"NxdomainBelowExistingName_{suffix}", "x.www.example.test.", RecordType.A, Secure, null, "x.www.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"NxdomainInTld_{suffix}", "nothere.test.", RecordType.A, Secure, null, "nothere.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"NoData_{suffix}", "www.example.test.", RecordType.MX, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"EmptyNonTerminalNoData_{suffix}", "b.c.example.test.", RecordType.A, Secure, null, "b.c.example.test.")
            {
                Setup = Standard(denial),
            };

            // The parent proves that an unsigned delegation has no DS: a Secure NODATA from the parent's side of the cut.
            yield return new($"NoDataForDsAtInsecureDelegation_{suffix}", "unsigned.test.", RecordType.DS, Secure, null, "unsigned.test.")
            {
                Setup = Standard(denial),
            };

            // A positive answer replaced by NXDOMAIN carrying the zone's real, correctly signed records for another name.
            yield return new($"ForgedNxdomainForExistingName_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    DnsMessage other = HostileUpstream.Honest(h, "nothere.example.test.", RecordType.A);
                    HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain, answers: [], authorities: other.Authorities));
                },
            };

            // NODATA whose only evidence is the name's own NSEC/NSEC3, which lists the type.
            yield return new($"ForgedNoDataWhereTypeExists_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    DnsMessage other = HostileUpstream.Honest(h, "www.example.test.", RecordType.MX);
                    HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers: [], authorities: other.Authorities));
                },
            };

            // RFC 4035 §5.4, RFC 6840 §4.4: the parent's record at a delegation speaks only about DS, never about the child's data.
            yield return new($"ParentSideDenialUsedForChildData_{suffix}", "example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.TXT, m => HostileUpstream.Copy(m, answers: [], authorities: ParentDenialAtCut(h, denial))),
            };

            // Without the record covering the wildcard at the closest encloser, a wildcard might have answered (RFC 4035 §5.4, RFC 5155 §8.4).
            yield return new($"NxdomainWithoutWildcardProof_{suffix}", "nothere.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "nothere.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    DnsName wildcardCover = denial == DenialOfExistence.Nsec
                        ? Example
                        : HostileUpstream.Nsec3For(h.SignedZones[Example], "*.example.test.", covering: true)[0].Owner;
                    HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.A, m => HostileUpstream.Without(m,
                        r => r.Owner.Equals(wildcardCover) && (HostileUpstream.IsOrSigns(r, RecordType.NSEC) || HostileUpstream.IsOrSigns(r, RecordType.NSEC3))));
                },
            };

            // RFC 4035 §5.2: the child's apex record (SOA set) comes from the wrong side of the cut and cannot deny the DS its
            // parent holds; signed by the child, it is no record of the parent's (RFC 4035 §5.3.2), so the parent's proof is
            // missing (EDE 12), as when nothing at all came.
            yield return new($"ChildApexDenialForDs_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NsecMissing, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    List<DnsRecord> apex = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.RRsetOf(h.SignedZones[Example], Example, RecordType.NSEC)
                        : HostileUpstream.Nsec3For(h.SignedZones[Example], "example.test.", covering: false);
                    HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, answers: [], authorities: apex));
                },
            };

            // The parent's records say nothing about names below its delegations (RFC 4035 §5.4, RFC 5155 §8.3).
            yield return new($"ParentZoneDenialForNameInChild_{suffix}", "nothere.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "nothere.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    DnsMessage parent = HostileUpstream.Honest(h, "nothere.test.", RecordType.A);
                    HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.A, m => HostileUpstream.Copy(m,
                        authorities: [.. parent.Authorities.Where(r => r.Type == RecordType.SOA || HostileUpstream.IsOrSigns(r, RecordType.SOA)), .. ParentDenialAtCut(h, denial)]));
                },
            };

            // An honest NODATA whose response code is turned into NXDOMAIN: the record at the name shows that it exists.
            yield return new($"NxdomainClaimedWithNoDataProof_{suffix}", "www.example.test.", RecordType.MX, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.MX, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };
        }

        yield return new("NoDataAtApex_Nsec3", "example.test.", RecordType.MX, Secure, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };

        yield return new("NxdomainInUnsignedZone_Nsec", "nothere.unsigned.test.", RecordType.A, Insecure, null, "unsigned.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
        };

        // A name error "proven" by the zone's real NSECs for another span: none covers the name asked.
        yield return new("NsecDoesNotCoverName_Nsec", "nothere.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "nothere.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            AfterBuild = h =>
            {
                DnsMessage other = HostileUpstream.Honest(h, "zzz.example.test.", RecordType.A);
                HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.A, m => HostileUpstream.Copy(m, authorities: other.Authorities));
            },
        };

        // x.www exists under www; the upstream swaps www's matching NSEC3 for the apex's, claiming the apex as closest encloser.
        yield return new("Nsec3WrongClosestEncloser_Nsec3", "x.www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "x.www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h =>
            {
                IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                DnsName www = HostileUpstream.Nsec3For(zone, "www.example.test.", covering: false)[0].Owner;
                List<DnsRecord> apex = HostileUpstream.Nsec3For(zone, "example.test.", covering: false);
                HostileUpstream.Rewrite(h, "x.www.example.test.", RecordType.A, m =>
                    HostileUpstream.Copy(m, authorities: [.. m.Authorities.Where(r => !r.Owner.Equals(www)), .. apex]));
            },
        };

        // RFC 5155 §8.5, §9.2: an opt-out span proves only that no signed name is there, so NODATA claimed over one is
        // Insecure, as Unbound answers it (the NXDOMAIN it replaced was Insecure too, NxdomainInOptOutSpan_Nsec3).
        yield return new("OptOutSpanClaimedAsNoData_Nsec3", "nothere.test.", RecordType.A, Insecure, null, "nothere.test.")
        {
            Setup = h =>
            {
                AddStandard(h, DenialOfExistence.Nsec3);
                h.Zone("test.", z => z.Nsec3OptOut = true);
            },
            AfterBuild = h => HostileUpstream.Rewrite(h, "nothere.test.", RecordType.A, m => HostileUpstream.Copy(m, DnsResponseCode.NoError)),
        };
    }

    /// <summary>The parent's NSEC or NSEC3 at example.test. (NS and DS, no SOA), with its RRSIG.</summary>
    private static List<DnsRecord> ParentDenialAtCut(TestHierarchy h, DenialOfExistence denial) =>
        denial == DenialOfExistence.Nsec
            ? HostileUpstream.RRsetOf(h.SignedZones[Tld], Example, RecordType.NSEC)
            : HostileUpstream.Nsec3For(h.SignedZones[Tld], "example.test.", covering: false);
}
