using Dnssec.Wire;
using Dnssec.Zones;
using static Dnssec.Validation.SecurityStatus;

namespace Dnssec.Tests.Validation.Scenarios;

internal static partial class ValidationScenarios
{
    /// <summary>Positive answers and name errors for every signing algorithm, mixed algorithms, and apex and DS data.</summary>
    private static IEnumerable<ValidationScenario> Positive()
    {
        (DnssecAlgorithm Algorithm, DenialOfExistence Denial)[] algorithms =
        [
            (DnssecAlgorithm.RSASHA1, DenialOfExistence.Nsec),
            (DnssecAlgorithm.RSASHA1NSEC3SHA1, DenialOfExistence.Nsec3),
            (DnssecAlgorithm.RSASHA256, DenialOfExistence.Nsec),
            (DnssecAlgorithm.RSASHA512, DenialOfExistence.Nsec3),
            (DnssecAlgorithm.ECDSAP256SHA256, DenialOfExistence.Nsec),
            (DnssecAlgorithm.ECDSAP384SHA384, DenialOfExistence.Nsec3),
            (DnssecAlgorithm.ED25519, DenialOfExistence.Nsec),
            (DnssecAlgorithm.ED448, DenialOfExistence.Nsec3),
        ];
        foreach ((DnssecAlgorithm algorithm, DenialOfExistence denial) in algorithms)
        {
            string name = $"Algorithm{(byte)algorithm:D2}{algorithm}";
            yield return new($"{name}_PositiveAnswer_{Suffix(denial)}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial, z => z.Algorithm = algorithm),
            };

            // The same zone's denial records, signed with the same algorithm, must prove a name error too.
            yield return new($"{name}_Nxdomain_{Suffix(denial)}", "nothere.example.test.", RecordType.A, Secure, null, "nothere.example.test.")
            {
                Setup = Standard(denial, z => z.Algorithm = algorithm),
            };
        }

        foreach (DenialOfExistence denial in BothDenials)
        {
            // Every level a different algorithm: the DS of each child is checked with the child's algorithm, the RRSIG over it with the parent's.
            yield return new($"MixedAlgorithmsAcrossLevels_PositiveAnswer_{Suffix(denial)}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = h =>
                {
                    AddStandard(h, denial, z => z.Algorithm = DnssecAlgorithm.ED448);
                    h.Zone(".", z => z.Algorithm = DnssecAlgorithm.ECDSAP384SHA384);
                    h.Zone("test.", z => z.Algorithm = DnssecAlgorithm.RSASHA256);
                },
            };

            // RFC 6840 §5.11: a validator needs one path; a KSK of one algorithm and a ZSK of another still validate.
            yield return new($"KskAndZskOfDifferentAlgorithms_PositiveAnswer_{Suffix(denial)}", "www.example.test.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial, z =>
                {
                    z.Algorithm = DnssecAlgorithm.ECDSAP256SHA256;
                    z.ZoneSigningAlgorithm = DnssecAlgorithm.ED25519;
                }),
            };
        }

        yield return new("ApexDnskeyQuery_PositiveAnswer_Nsec3", "example.test.", RecordType.DNSKEY, Secure, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };

        yield return new("DsQueryAtSecureDelegation_PositiveAnswer_Nsec", "example.test.", RecordType.DS, Secure, null, "example.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec),
        };

        // RFC 4034 §6.2, RFC 5155 §5: signatures and NSEC3 hashes are over the lower-case name, whatever case was asked.
        foreach (DenialOfExistence denial in BothDenials)
        {
            yield return new($"MixedCaseQueryName_PositiveAnswer_{Suffix(denial)}", "WwW.ExAmPlE.tEsT.", RecordType.A, Secure, null, "www.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"MixedCaseQueryName_Nxdomain_{Suffix(denial)}", "NoThErE.ExAmPlE.TeSt.", RecordType.A, Secure, null, "nothere.example.test.")
            {
                Setup = Standard(denial),
            };

            yield return new($"MixedCaseQueryName_WildcardExpansion_{Suffix(denial)}", "X.WiLd.ExAmPlE.TeSt.", RecordType.TXT, Secure, null, "x.wild.example.test.")
            {
                Setup = Standard(denial),
            };
        }

        yield return new("PositiveAnswerInTld_Nsec3", "ns1.test.", RecordType.A, Secure, null, "ns1.test.")
        {
            Setup = Standard(DenialOfExistence.Nsec3),
        };
    }
}
