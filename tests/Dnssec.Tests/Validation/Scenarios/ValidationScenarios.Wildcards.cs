using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Wildcard expansion with its no-closer-name proof, wildcard CNAME, wildcard NODATA and forged expansions.</summary>
    private static IEnumerable<ValidationScenario> Wildcards()
    {
        foreach (DenialOfExistence denial in BothDenials)
        {
            string suffix = Suffix(denial);
            yield return new($"WildcardExpansion_{suffix}", "x.wild.example.test.", RecordType.TXT, Secure, null, "x.wild.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"WildcardExpansionTwoLabelsDeep_{suffix}", "a.b.wild.example.test.", RecordType.TXT, Secure, null, "a.b.wild.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"WildcardCname_{suffix}", "x.wc.example.test.", RecordType.A, Secure, null, "x.wc.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"WildcardNoData_{suffix}", "x.wild.example.test.", RecordType.A, Secure, null, "x.wild.example.test.")
            {
                Setup = Standard(denial),
            };

            // RFC 4035 §5.3.4: an expanded answer without the proof that no closer name exists is bogus.
            yield return new($"WildcardAnswerWithoutNoCloserProof_{suffix}", "x.wild.example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "x.wild.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h => HostileUpstream.Rewrite(h, "x.wild.example.test.", RecordType.TXT,
                    m => HostileUpstream.Without(m, r => HostileUpstream.IsOrSigns(r, RecordType.NSEC) || HostileUpstream.IsOrSigns(r, RecordType.NSEC3))),
            };

            // An expansion replayed over a name that exists: the proof that came with it cannot cover that name.
            yield return new($"WildcardExpansionReplayedOverExistingName_{suffix}", "real.wild.example.test.", RecordType.TXT, Bogus, ExtendedDnsErrorCode.DnssecBogus, "real.wild.example.test.")
            {
                Setup = Standard(denial),
                AfterBuild = h =>
                {
                    DnsMessage expansion = HostileUpstream.Honest(h, "zzz.wild.example.test.", RecordType.TXT);
                    DnsName real = DnsName.Parse("real.wild.example.test.");
                    HostileUpstream.Rewrite(h, "real.wild.example.test.", RecordType.TXT,
                        m => HostileUpstream.Copy(m, answers: expansion.Answers.Select(r => r.WithOwner(real)).ToList(), authorities: expansion.Authorities));
                },
            };
        }

        // The wildcard owner asked by its own name is no expansion and needs no proof.
        yield return new("WildcardOwnerQueriedLiterally_Nsec3", "*.wild.example.test.", RecordType.TXT, Secure, null, "*.wild.example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };
    }
}
