using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>
    /// The clauses the conformance matrix (tests/Dnssec.Tests/Conformance/README.md) found without a test: each row is
    /// named after the RFC section it proves, and the matrix names the row.
    /// </summary>
    private static IEnumerable<ValidationScenario> Conformance()
    {
        // RFC 4035 §5, step 1: a configured DNSKEY is an entry point only when it is in the zone's apex DNSKEY RRset.
        yield return new("Rfc4035Sec5_AnchorDnskeyNotInTheZone_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            Validator = h => AnchoredAt(h, SigningKey.Generate(Example, DnssecAlgorithm.ECDSAP256SHA256, DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag).Dnskey),
        };

        // RFC 4035 §5, step 2: the configured key itself must sign the apex DNSKEY RRset; the ZSK is in the set but
        // signs only the zone data, the KSK the DNSKEY RRset.
        yield return new("Rfc4035Sec5_AnchorDnskeyDoesNotSignTheDnskeySet_Nsec3", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            Validator = h => AnchoredAt(h, h.ZoneSigningKeys[Example].Dnskey),
        };

        // RFC 4035 §5.2: a proven absence of DS ends the parent's path, but an anchor for the child starts a new one.
        foreach (DenialOfExistence denial in BothDenials)
        {
            yield return new($"Rfc4035Sec5_2_AnchorBelowProvenUnsignedDelegation_{Suffix(denial)}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial, z => z.SecureDelegation = false),
                AfterBuild = h => h.Anchors.Add([h.KeySigningKeys[Example].Dnskey]),
            };
        }

        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);

            // RFC 4035 §5.4: the NSEC/NSEC3 RRsets of a proof are authenticated like any other (§5.3); one changed after
            // signing (here its type bitmap) proves nothing.
            yield return new($"Rfc4035Sec5_4_DenialRecordAlteredAfterSigning_{suffix}", "nothere.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "nothere.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.A, m => HostileUpstream.Copy(m, authorities: m.Authorities.Select(WithHinfoBit).ToList())),
            };

            // RFC 6840 §4.3: NODATA must check the CNAME bit, or a signed alias could be turned into "no such data".
            yield return new($"Rfc6840Sec4_3_NoDataForgedAtCnameOwner_{suffix}", "alias.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "alias.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                    DnsName alias = DnsName.Parse("alias.example.test.");
                    List<DnsRecord> matching = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.RRsetOf(zone, alias, RecordType.NSEC)
                        : HostileUpstream.Nsec3For(zone, "alias.example.test.", covering: false);
                    HostileUpstream.Rewrite(h, "alias.example.test.", RecordType.A, m =>
                        HostileUpstream.Copy(m, DnsResponseCode.NoError, answers: [], authorities: [.. HostileUpstream.RRsetOf(zone, Example, RecordType.SOA), .. matching]));
                },
            };

            // RFC 6672 §5.3.2, §5.3.4.1: a denial record with the DNAME bit cannot deny a name below its owner; the
            // name should have been redirected. The zone's own records, replayed as an NXDOMAIN for x.dn.
            yield return new($"Rfc6672Sec5_3_NxdomainBelowDnameFromTheDnameOwnersRecord_{suffix}", "x.dn.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "x.dn.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                    DnsName dn = DnsName.Parse("dn.example.test.");
                    List<DnsRecord> proof = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.RRsetOf(zone, dn, RecordType.NSEC)
                        : [.. HostileUpstream.Nsec3For(zone, "dn.example.test.", covering: false), .. HostileUpstream.Nsec3For(zone, "x.dn.example.test.", covering: true),
                            .. HostileUpstream.Nsec3For(zone, "*.dn.example.test.", covering: true)];
                    HostileUpstream.Rewrite(h, "x.dn.example.test.", RecordType.A, m =>
                        HostileUpstream.Copy(m, DnsResponseCode.NXDomain, answers: [], authorities: [.. HostileUpstream.RRsetOf(zone, Example, RecordType.SOA), .. proof.Distinct()]));
                },
            };

            // Unbound's val_nsec_proves_insecuredelegation and nsec3_prove_closest_encloser: a forwarder's NXDOMAIN for a
            // name below an unsigned delegation, carrying the parent's records, is Insecure. The parent's delegation
            // record denies nothing below it (RFC 6840 §4.1); the name's own zone is found and proven unsigned.
            yield return new($"NxdomainBelowUnsignedDelegationWithTheParentsProof_{suffix}", "nothere.unsigned.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> tld = h.SignedZones[Tld];
                    DnsName cut = DnsName.Parse("unsigned.test.");
                    List<DnsRecord> proof = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.RRsetOf(tld, cut, RecordType.NSEC)
                        : [.. HostileUpstream.Nsec3For(tld, "unsigned.test.", covering: false), .. HostileUpstream.Nsec3For(tld, "nothere.unsigned.test.", covering: true)];
                    HostileUpstream.Rewrite(h, "nothere.unsigned.test.", RecordType.A, m =>
                        HostileUpstream.Copy(m, DnsResponseCode.NXDomain, answers: [], authorities: [.. HostileUpstream.RRsetOf(tld, Tld, RecordType.SOA), .. proof.Distinct()]));
                },
            };

            if (denial == DenialOfExistence.Nsec3)
            {
                // RFC 5155 §8.5: a NODATA without its closest encloser proof fails. That the DS walk then finds the name
                // covered by an opt-out span ("an unsigned delegation may be here", said of every name in the span) does
                // not make it the unsigned child's answer when the response shows nothing of a child (neither its SOA nor
                // the referral): it stays Bogus, as Unbound and delv judge it (differential campaign seed 13579, hierarchy 9).
                yield return new("OptOutCoverWithoutTheChildsRecords_NodataStaysBogus_Nsec3", "unsigned.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "unsigned.test.")
                {
                    Setup = h =>
                    {
                        AddStandard(h, DenialOfExistence.Nsec3);
                        h.Zone("test.", z => z.Nsec3OptOut = true);
                    },
                    AfterBuild = h =>
                    {
                        IReadOnlyList<DnsRecord> tld = h.SignedZones[Tld];
                        // The opt-out cover alone, without the closest encloser's match: no proof at all, opt-out or not.
                        List<DnsRecord> proof = HostileUpstream.Nsec3For(tld, "unsigned.test.", covering: true);
                        HostileUpstream.Rewrite(h, "unsigned.test.", RecordType.A, m =>
                            HostileUpstream.Copy(m, DnsResponseCode.NoError, answers: [], authorities: [.. HostileUpstream.RRsetOf(tld, Tld, RecordType.SOA), .. proof.Distinct()]));
                    },
                };
            }

            // RFC 6840 §6.2 (and RFC 4034 §2.1.1): any zone key may sign any RRset; the SEP bit is only a hint.
            yield return new($"Rfc6840Sec6_2_AnswerSignedByTheKeySigningKey_{suffix}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = h => AddStandard(h, denial, z => z.AfterSigning = zone => HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, h.KeySigningKeys[Example])),
            };
        }

        // RFC 6840 §2.1: the algorithms that signal NSEC3 (here 7) may still sign zones that deny with NSEC.
        yield return new("Rfc6840Sec2_1_Nsec3AlgorithmDenyingWithNsec_Nsec", "nothere.example.test.", RecordType.A, Secure, null, "nothere.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.Algorithm = DnssecAlgorithm.RSASHA1NSEC3SHA1),
        };

        // RFC 6840 §5.3: a DS naming a private algorithm (253) names a key this validator cannot use: treated as an
        // unsupported algorithm, so the zone is unsigned.
        yield return new("Rfc6840Sec5_3_DsWithPrivateAlgorithmOnly_Nsec", "www.example.test.", RecordType.A, Insecure, ExtendedDnsErrorCode.UnsupportedDnskeyAlgorithm, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec, z => z.AlterDs = ds => [Ds(ds[0], algorithm: DnssecAlgorithm.PRIVATEDNS)]),
        };

        // RFC 6840 §5.11: a validator must not insist that every algorithm of the DNSKEY RRset signs, even when it checks
        // every algorithm the DS lists (Unbound's harden-algo-downgrade): an extra Ed25519 key here signs nothing.
        yield return new("Rfc6840Sec5_11_DnskeyAlgorithmThatSignsNothing_Nsec3", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
        {
            Setup = h => AddStandard(h, DenialOfExistence.Nsec3, z => z.AfterSigning = zone =>
            {
                zone.Insert(zone.FindLastIndex(r => r.Type == RecordType.DNSKEY) + 1, SigningKey.Generate(Example, DnssecAlgorithm.ED25519).Dnskey);
                HostileUpstream.Resign(zone, "example.test.", RecordType.DNSKEY, h.KeySigningKeys[Example]);
            }),
            Options = new ValidatorOptions { RequireEveryDsAlgorithm = true },
        };

        // RFC 9276 §3.2: an answer may be Insecure for iterations above the limit only after the NSEC3 signature is
        // checked; iterations raised on the way (signature no longer valid) are Bogus, not Insecure.
        yield return new("Rfc9276Sec3_2_IterationsRaisedAfterSigningInNxdomain_Nsec3", "nothere.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "nothere.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.A, m => HostileUpstream.Copy(m, authorities: m.Authorities.Select(WithManyIterations).ToList())),
        };

        yield return new("Rfc9276Sec3_2_IterationsRaisedAfterSigningInDsProof_Nsec3", "www.unsigned.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "unsigned.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h => HostileUpstream.Rewrite(h, "unsigned.test.", RecordType.DS, m => HostileUpstream.Copy(m, authorities: m.Authorities.Select(WithManyIterations).ToList())),
        };
    }

    /// <summary>A validator whose only trust anchor is <paramref name="key"/>, for example.test.</summary>
    private static DnssecValidator AnchoredAt(TestHierarchy h, DnsRecord key)
    {
        var anchors = new TrustAnchorSet();
        anchors.Add([key]);
        return new DnssecValidator(anchors, h.Authority, null, h.Clock);
    }

    /// <summary>An NSEC or NSEC3 record with HINFO added to its type bitmap (its RRSIG no longer fits); other records unchanged.</summary>
    private static DnsRecord WithHinfoBit(DnsRecord record)
    {
        if (record.Type == RecordType.NSEC)
        {
            NsecData nsec = NsecData.From(record);
            return new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, NsecData.Encode(nsec.NextDomainName, [.. nsec.Types.ToList(), RecordType.HINFO]));
        }

        if (record.Type == RecordType.NSEC3)
        {
            Nsec3Data nsec3 = Nsec3Data.From(record);
            return new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, Nsec3Data.Encode(nsec3.HashAlgorithm, nsec3.Flags, nsec3.Iterations, nsec3.Salt.Span,
                nsec3.NextHashedOwnerName.Span, [.. nsec3.Types.ToList(), RecordType.HINFO]));
        }

        return record;
    }

    /// <summary>An NSEC3 record with 500 iterations, above the default limit, and its RRSIG left as it was.</summary>
    private static DnsRecord WithManyIterations(DnsRecord record)
    {
        if (record.Type != RecordType.NSEC3)
        {
            return record;
        }

        Nsec3Data nsec3 = Nsec3Data.From(record);
        return new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, Nsec3Data.Encode(nsec3.HashAlgorithm, nsec3.Flags, 500, nsec3.Salt.Span,
            nsec3.NextHashedOwnerName.Span, nsec3.Types.ToList()));
    }
}
