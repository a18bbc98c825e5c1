using Dnssec.Crypto;
using Dnssec.Testing;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Cli.Demo;

/// <summary>The private hierarchy `dnssec demo` signs and the questions it asks of it: one per thing the tool proves or refuses.</summary>
internal static class DemoHierarchy
{
    /// <summary>The questions, in the order they are asked.</summary>
    public static IReadOnlyList<DemoCase> Cases { get; } =
    [
        new("www.ecdsa.test.", RecordType.A, "a secure answer from a zone signed with ECDSA P-256", SecurityStatus.Secure, DnsResponseCode.NoError),
        new("www.rsa.test.", RecordType.A, "a secure answer from a zone signed with RSA/SHA-256 and NSEC3", SecurityStatus.Secure, DnsResponseCode.NoError),
        new("www.ed25519.test.", RecordType.AAAA, "a secure answer from a zone signed with Ed25519", SecurityStatus.Secure, DnsResponseCode.NoError),
        new("missing.rsa.test.", RecordType.A, "a name that does not exist, proven with NSEC3", SecurityStatus.Secure, DnsResponseCode.NXDomain),
        new("anything.wild.ecdsa.test.", RecordType.A, "a wildcard expansion, with the NSEC proof that the name itself is absent", SecurityStatus.Secure, DnsResponseCode.NoError),
        new("www.unsigned.test.", RecordType.A, "an unsigned zone whose missing DS the TLD proves: insecure, not bogus", SecurityStatus.Insecure, DnsResponseCode.NoError),
        new("www.expired.test.", RecordType.A, "a zone whose signatures expired five days ago", SecurityStatus.Bogus, DnsResponseCode.ServFail),
        new("www.wrong-ds.test.", RecordType.A, "a zone whose parent's DS matches none of its keys", SecurityStatus.Bogus, DnsResponseCode.ServFail),
        new("www.stripped.test.", RecordType.A, "an answer whose RRSIG was stripped after signing", SecurityStatus.Bogus, DnsResponseCode.ServFail),
    ];

    /// <summary>The root, the "test." TLD and one zone per case, signed around <paramref name="now"/>.</summary>
    public static ZoneHierarchy Build(DateTimeOffset now)
    {
        var hierarchy = new ZoneHierarchy();
        hierarchy.Zone(".");
        hierarchy.Zone("test.");
        hierarchy.Zone("ecdsa.test.", z => z.Records = """
            www A 192.0.2.1
            *.wild A 192.0.2.2
            """);
        hierarchy.Zone("rsa.test.", z =>
        {
            z.Algorithm = DnssecAlgorithm.RSASHA256;
            z.Denial = DenialOfExistence.Nsec3;
            z.Records = "www A 192.0.2.3";
        });
        hierarchy.Zone("ed25519.test.", z =>
        {
            z.Algorithm = DnssecAlgorithm.ED25519;
            z.Records = "www AAAA 2001:db8::4";
        });
        hierarchy.Zone("unsigned.test.", z =>
        {
            z.Signed = false;
            z.Records = "www A 192.0.2.5";
        });
        hierarchy.Zone("expired.test.", z =>
        {
            z.InceptionOffset = TimeSpan.FromDays(-35);
            z.ExpirationOffset = TimeSpan.FromDays(-5);
            z.Records = "www A 192.0.2.6";
        });
        hierarchy.Zone("wrong-ds.test.", z =>
        {
            // The DS of a key the zone never publishes, as after a botched key rollover.
            z.AlterDs = _ => [DsDigest.CreateDs(SigningKey.Generate(z.Origin, z.Algorithm, 257).Dnskey, z.DsDigest, 3600)];
            z.Records = "www A 192.0.2.7";
        });
        hierarchy.Zone("stripped.test.", z =>
        {
            z.AfterSigning = records => records.RemoveAll(r => r.Type == RecordType.RRSIG && r.Owner.Equals(DnsName.Parse("www", z.Origin)) && RrsigData.From(r).TypeCovered == RecordType.A);
            z.Records = "www A 192.0.2.8";
        });
        return hierarchy.Build(now);
    }
}
