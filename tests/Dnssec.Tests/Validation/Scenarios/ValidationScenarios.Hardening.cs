using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Wildcard CNAMEs into the unsigned zone: to a name with A only, to a missing name, and below an unsigned child.</summary>
    private const string WildcardCnameRecords = """

        *.wu CNAME www.unsigned.test.
        *.wn CNAME nothere.unsigned.test.
        *.ws CNAME host.sub.example.test.
        sub NS ns1.sub
        ns1.sub A 192.0.2.99
        """;

    /// <summary>
    /// The bug classes found from outside (issue 11): denial records replayed from wildcard expansions, wildcard
    /// CNAMEs into unsigned zones, DNAME answers with extra records, rcodes the records do not support, opt-out
    /// NODATA, and malformed DS records. Each scenario failed before its fix.
    /// </summary>
    private static IEnumerable<ValidationScenario> Hardening()
    {
        // CVE-2017-15105, RFC 4035 §5.4, RFC 4592 §4: the real NSEC of *.wild, renamed to !.wild, still verifies (its RRSIG
        // labels field rebuilds *.wild) and would cover the wildcard; a denial record expanded from a wildcard proves nothing.
        yield return new("ForgedNxdomainWithRenamedWildcardNsec_Nsec", "x.wild.example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "x.wild.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            AfterBuild = h =>
            {
                IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                DnsName renamed = DnsName.Parse("!.wild.example.test.");
                List<DnsRecord> wildcardNsec = [.. HostileUpstream.RRsetOf(zone, DnsName.Parse("*.wild.example.test."), RecordType.NSEC).Select(r => r.WithOwner(renamed))];
                List<DnsRecord> cover = HostileUpstream.RRsetOf(zone, DnsName.Parse("real.wild.example.test."), RecordType.NSEC);
                List<DnsRecord> soa = HostileUpstream.RRsetOf(zone, Example, RecordType.SOA);
                HostileUpstream.Rewrite(h, "x.wild.example.test.", RecordType.TXT, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain, answers: [], authorities: [.. soa, .. cover, .. wildcardNsec]));
            },
        };

        // The NSEC3 form: an NSEC3 RRset signed as a wildcard expansion (labels below the owner's count) spanning the
        // hash of *.wild; the closest encloser and next closer records are the zone's own.
        yield return new("ForgedNxdomainWithWildcardExpandedNsec3_Nsec3", "x.wild.example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "x.wild.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
            AfterBuild = h =>
            {
                IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                byte[] wildcard = HostileUpstream.Nsec3Hash(zone, "*.wild.example.test.");
                List<DnsRecord> forged = HostileUpstream.ExpandedFromWildcard(HostileUpstream.Nsec3Owner(HostileUpstream.Offset(wildcard, -1), "example.test."), RecordType.NSEC3,
                    HostileUpstream.Nsec3Rdata(zone, HostileUpstream.Offset(wildcard, 1)), "example.test.", h.ZoneSigningKeys[Example]);
                List<DnsRecord> proof = [.. HostileUpstream.RRsetOf(zone, Example, RecordType.SOA), .. HostileUpstream.Nsec3For(zone, "wild.example.test.", covering: false),
                    .. HostileUpstream.Nsec3For(zone, "x.wild.example.test.", covering: true), .. forged];
                HostileUpstream.Rewrite(h, "x.wild.example.test.", RecordType.TXT, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain, answers: [], authorities: proof));
            },
        };

        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);

            // RFC 4035 §5.4: NODATA from a record that matches the name only because it was expanded from *.example.test.
            yield return new($"ForgedNoDataWithWildcardExpandedDenial_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                    List<DnsRecord> forged = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.ExpandedFromWildcard("www.example.test.", RecordType.NSEC, NsecData.Encode(DnsName.Parse("wwx.example.test."), [RecordType.TXT, RecordType.RRSIG, RecordType.NSEC]), "example.test.", h.ZoneSigningKeys[Example])
                        : HostileUpstream.ExpandedFromWildcard(HostileUpstream.Nsec3Owner(HostileUpstream.Nsec3Hash(zone, "www.example.test."), "example.test."), RecordType.NSEC3,
                            HostileUpstream.Nsec3Rdata(zone, HostileUpstream.Offset(HostileUpstream.Nsec3Hash(zone, "www.example.test."), 1), RecordType.TXT, RecordType.RRSIG), "example.test.", h.ZoneSigningKeys[Example]);
                    HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m =>
                        HostileUpstream.Copy(m, answers: [], authorities: [.. HostileUpstream.RRsetOf(zone, Example, RecordType.SOA), .. forged]));
                },
            };

            // RFC 4035 §5.3.4: the proof that no closer name exists may not itself be a wildcard expansion.
            yield return new($"WildcardAnswerProvenWithWildcardExpandedDenial_{suffix}", "real.wild.example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "real.wild.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                    DnsMessage expansion = HostileUpstream.Honest(h, "zzz.wild.example.test.", RecordType.TXT);
                    DnsName real = DnsName.Parse("real.wild.example.test.");
                    List<DnsRecord> forged = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.ExpandedFromWildcard("r.wild.example.test.", RecordType.NSEC, NsecData.Encode(DnsName.Parse("reala.wild.example.test."), [RecordType.RRSIG, RecordType.NSEC]), "example.test.", h.ZoneSigningKeys[Example])
                        : HostileUpstream.ExpandedFromWildcard(HostileUpstream.Nsec3Owner(HostileUpstream.Offset(HostileUpstream.Nsec3Hash(zone, "real.wild.example.test."), -1), "example.test."), RecordType.NSEC3,
                            HostileUpstream.Nsec3Rdata(zone, HostileUpstream.Offset(HostileUpstream.Nsec3Hash(zone, "real.wild.example.test."), 1)), "example.test.", h.ZoneSigningKeys[Example]);
                    HostileUpstream.Rewrite(h, "real.wild.example.test.", RecordType.TXT, m =>
                        HostileUpstream.Copy(m, answers: expansion.Answers.Select(r => r.WithOwner(real)).ToList(), authorities: forged));
                },
            };

            // RFC 4035 §5.2: a DS denial expanded from *.test. would make the signed example.test. look unsigned (DANE off).
            yield return new($"ForgedDsAbsenceWithWildcardExpandedDenial_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.NsecMissing, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    IReadOnlyList<DnsRecord> tld = h.SignedZones[Tld];
                    List<DnsRecord> forged = denial == DenialOfExistence.Nsec
                        ? HostileUpstream.ExpandedFromWildcard("example.test.", RecordType.NSEC, NsecData.Encode(DnsName.Parse("example0.test."), [RecordType.NS, RecordType.RRSIG, RecordType.NSEC]), "test.", h.ZoneSigningKeys[Tld])
                        : HostileUpstream.ExpandedFromWildcard(HostileUpstream.Nsec3Owner(HostileUpstream.Nsec3Hash(tld, "example.test."), "test."), RecordType.NSEC3,
                            HostileUpstream.Nsec3Rdata(tld, HostileUpstream.Offset(HostileUpstream.Nsec3Hash(tld, "example.test."), 1), RecordType.NS), "test.", h.ZoneSigningKeys[Tld]);
                    HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m =>
                        HostileUpstream.Copy(m, answers: [], authorities: [.. HostileUpstream.RRsetOf(tld, Tld, RecordType.SOA), .. forged]));
                },
            };

            // Item 2: a wildcard CNAME into an unsigned zone whose target has no data of the type, or does not exist. The
            // target zone's unsigned SOA belongs to that zone, not to the wildcard's; Unbound and BIND say Insecure.
            yield return new($"WildcardCnameToUnsignedNoData_{suffix}", "x.wu.example.test.", RecordType.AAAA, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial, z => z.Records += WildcardCnameRecords),
            };

            yield return new($"WildcardCnameToUnsignedNxdomain_{suffix}", "x.wn.example.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial, z => z.Records += WildcardCnameRecords),
            };

            yield return new($"WildcardCnameToUnsignedAnswer_{suffix}", "x.wu.example.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial, z => z.Records += WildcardCnameRecords),
            };

            // RFC 6672 §5.3.2, RFC 2181 §10.1: the CNAME synthesised from a DNAME is one record; another beside it is not
            // covered by the DNAME's signature and is never handed out. The answer itself stays as secure as the DNAME.
            yield return new($"DnameSynthesizedCnameWithExtraRecord_{suffix}", "x.dn.example.test.", RecordType.A, Secure, null, "x.dn.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "x.dn.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers: [.. m.Answers,
                    new DnsRecord(DnsName.Parse("x.dn.example.test."), RecordType.CNAME, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse("evil.attacker.test.")))])),
            };

            // An rcode the records do not support: a correctly signed positive answer said to be NXDOMAIN.
            yield return new($"PositiveAnswerWithNxdomainRcode_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };

            yield return new($"CnameChainEndingInDataWithNxdomainRcode_{suffix}", "alias.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "alias.example.test.", RecordType.A, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };

            // The chain of trust holds a DS or DNSKEY response to the rule answers keep: an rcode that says the name does
            // not exist beside its signed RRset was changed on the way (Dnssec.Differential, seed 4, hierarchy 52: asked
            // for itself the DS was Bogus, while every name below the zone was Secure; Unbound and delv say Bogus).
            yield return new($"DsAnswerWithNxdomainRcode_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };

            yield return new($"DnskeyAnswerWithNxdomainRcode_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnssecBogus, "example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DNSKEY, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };

            // The chain of trust reads a DS or DNSKEY response as an answer is read: RRSIGs a server put in the additional
            // section are moved beside their RRset (Dnssec.Differential, seed 4, hierarchy 99: the DS question itself was
            // Secure, every name below the zone Bogus; Unbound says Secure for both).
            yield return new($"DsSignaturesInAdditionalSection_{suffix}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, SignaturesToAdditional),
            };

            yield return new($"DnskeySignaturesInAdditionalSection_{suffix}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DNSKEY, SignaturesToAdditional),
            };

            // RFC 4035 §4.3: data below a proven unsigned delegation is Insecure, whatever rcode came with it; only signed
            // data can show that an rcode was changed (Dnssec.Differential, seed 4, hierarchy 97: Unbound says insecure).
            yield return new($"UnsignedAnswerWithNxdomainRcode_{suffix}", "www.unsigned.test.", RecordType.A, Insecure, null, "unsigned.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.unsigned.test.", RecordType.A, m => HostileUpstream.Copy(m, DnsResponseCode.NXDomain)),
            };

            // Item 9: a DS of a supported digest type with a digest of the wrong length can never match; it is no reason
            // to treat the zone as unsigned (Unbound counts it as supported and fails it).
            yield return new($"DsDigestOfWrongLength_{suffix}", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
            {
                Setup = Standard(denial, z => z.AlterDs = ds => [Ds(ds[0], digest: DsData.From(ds[0]).Digest.Span[..31].ToArray())]),
            };

            yield return new($"DsDigestOfWrongLengthBesideGoodDs_{suffix}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial, z => z.AlterDs = ds => [Ds(ds[0], digest: DsData.From(ds[0]).Digest.Span[..31].ToArray()), .. ds]),
            };
        }

        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);

            // RFC 8482 §4.1: a server may answer ANY with one RRset of the name; it is validated like any other.
            yield return new($"AnyMinimalAnswerOneRRset_{suffix}", "www.example.test.", RecordType.ANY, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.ANY, m => HostileUpstream.Copy(m,
                    answers: HostileUpstream.RRsetOf(h.SignedZones[Example], DnsName.Parse("www.example.test."), RecordType.TXT))),
            };

            // RFC 8482 §4.2: or with a synthesised HINFO "RFC8482" "" RRset, signed on the fly like the zone's data.
            yield return new($"AnyMinimalAnswerSynthesizedHinfo_{suffix}", "www.example.test.", RecordType.ANY, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    var hinfo = new DnsRecord(DnsName.Parse("www.example.test."), RecordType.HINFO, RecordClass.IN, 3600, (byte[])[7, .. "RFC8482"u8, 0]);
                    HostileUpstream.Rewrite(h, "www.example.test.", RecordType.ANY, m => HostileUpstream.Copy(m, answers: [hinfo, HostileUpstream.Sign([hinfo], h.ZoneSigningKeys[Example])]));
                },
            };

            // Every RRset of an ANY answer must hold: one with a spoilt signature spoils the answer.
            yield return new($"AnyAnswerWithOneForgedRRset_{suffix}", "www.example.test.", RecordType.ANY, Bogus, ExtendedDnsErrorCode.DnssecBogus, "www.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    // The in-process authority answers ANY with NODATA, so the full answer is put together here.
                    DnsName www = DnsName.Parse("www.example.test.");
                    List<DnsRecord> a = HostileUpstream.RRsetOf(h.SignedZones[Example], www, RecordType.A);
                    List<DnsRecord> txt = HostileUpstream.RRsetOf(h.SignedZones[Example], www, RecordType.TXT);
                    HostileUpstream.Rewrite(h, "www.example.test.", RecordType.ANY, m => HostileUpstream.Copy(m, answers: [.. txt, .. a.Select(r =>
                        r.Type == RecordType.A ? new DnsRecord(r.Owner, r.Type, r.Class, r.Ttl, new byte[] { 203, 0, 113, 66 }) : r)], authorities: []));
                },
            };
        }

        // ValidatorOptions.HardenDnssecStripped off (Unbound's harden-dnssec-stripped: no) is an explicit loosening: a zone
        // whose DNSKEY RRset is stripped becomes Insecure, as if unanchored; its data without signatures stays Bogus.
        yield return new("DnskeyStrippedWithHardeningOff_Nsec", "www.example.test.", RecordType.A, Insecure, null, "hardening against stripped DNSSEC data is off")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            Options = new Dnssec.Validation.ValidatorOptions { HardenDnssecStripped = false },
            AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DNSKEY, m => HostileUpstream.Copy(m, answers: [])),
        };

        yield return new("DnskeyStrippedWithHardeningOn_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.DnskeyMissing, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            AfterBuild = h => HostileUpstream.Rewrite(h, "example.test.", RecordType.DNSKEY, m => HostileUpstream.Copy(m, answers: [])),
        };

        yield return new("DataSignatureStrippedWithHardeningOff_Nsec", "www.example.test.", RecordType.A, Bogus, ExtendedDnsErrorCode.RrsigsMissing, "www.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
            Options = new Dnssec.Validation.ValidatorOptions { HardenDnssecStripped = false },
            AfterBuild = h => HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Without(m, r => r.Type == RecordType.RRSIG)),
        };

        // Item 8, RFC 5155 §9.2 as Unbound applies it: an empty non-terminal that leads only to unsigned delegations
        // has no NSEC3 of its own in an opt-out zone (§7.1); its NODATA rests on the opt-out span over it: Insecure.
        yield return new("EmptyNonTerminalNoDataInOptOutZone_Nsec3", "ent.example.test.", RecordType.A, Insecure, null, "ent.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z =>
            {
                z.Nsec3OptOut = true;
                z.Records += "\nchild.ent NS ns1.elsewhere.test.";
            }),
            AfterBuild = h =>
            {
                // The signer here keeps the ENT's NSEC3, which §7.1 allows; the zone as a signer that leaves it out
                // serves it: the NSEC3 before the ENT's hash runs on to the ENT's next hash, with opt-out.
                IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                DnsRecord ent = HostileUpstream.Nsec3For(zone, "ent.example.test.", covering: false)[0];
                DnsRecord before = HostileUpstream.Nsec3Before(zone, "ent.example.test.")[0];
                Nsec3Data old = Nsec3Data.From(before);
                var joined = new DnsRecord(before.Owner, RecordType.NSEC3, RecordClass.IN, before.Ttl, Nsec3Data.Encode(old.HashAlgorithm, Nsec3Data.OptOutFlag, old.Iterations,
                    old.Salt.Span, Nsec3Data.From(ent).NextHashedOwnerName.Span, old.Types.ToList()));
                List<DnsRecord> proof = [.. HostileUpstream.RRsetOf(zone, Example, RecordType.SOA), .. HostileUpstream.Nsec3For(zone, "example.test.", covering: false),
                    joined, HostileUpstream.Sign([joined], h.ZoneSigningKeys[Example])];
                HostileUpstream.Rewrite(h, "ent.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers: [], authorities: proof));
            },
        };

        // val_cnametooptout: a CNAME to a name below an unsigned delegation that the opt-out span leaves out, answered
        // with the alias and the referral: the target's NODATA rests on the opt-out NSEC3, so Insecure.
        yield return new("CnameToNameBelowOptOutDelegation_Nsec3", "toinsecure.example.test.", RecordType.AAAA, Insecure, null, "www.child.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3, z =>
            {
                z.Nsec3OptOut = true;
                z.Records += "\ntoinsecure CNAME www.child.example.test.\nchild NS ns1.elsewhere.test.";
            }),
            AfterBuild = h =>
            {
                IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
                DnsName alias = DnsName.Parse("toinsecure.example.test.");
                List<DnsRecord> answers = [.. zone.Where(r => r.Owner.Equals(alias) && HostileUpstream.IsOrSigns(r, RecordType.CNAME))];
                List<DnsRecord> referral = [.. zone.Where(r => r.Owner.Equals(DnsName.Parse("child.example.test.")) && r.Type == RecordType.NS),
                    .. HostileUpstream.Nsec3For(zone, "example.test.", covering: false), .. HostileUpstream.Nsec3For(zone, "child.example.test.", covering: true)];
                HostileUpstream.Rewrite(h, "toinsecure.example.test.", RecordType.AAAA, m => HostileUpstream.Copy(m, DnsResponseCode.NoError, answers: answers, authorities: referral));
            },
        };
    }

    /// <summary>The response with its answer RRSIGs moved to the additional section, as a careless server might send it.</summary>
    private static DnsMessage SignaturesToAdditional(DnsMessage m)
    {
        DnsMessage moved = HostileUpstream.Without(m, r => r.Type == RecordType.RRSIG && m.Answers.Contains(r));
        moved.Additionals.AddRange(m.Answers.Where(r => r.Type == RecordType.RRSIG));
        return moved;
    }
}
