using System.Formats.Asn1;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dnssec.Fuzz.Targets;

namespace Dnssec.Fuzz.Seeds;

/// <summary>
/// Builds the seed corpus of the <c>certificate</c> target from real chains: the PEM files next to this class, made by
/// <c>make-chains.sh</c> with the openssl tool (RSA, ECDSA and Ed25519; intermediates; key usage, extended key usage,
/// Netscape types, basic constraints, path length, name constraints, critical extensions, wildcards, a v1 root, an
/// explicit curve), and two chains from OpenSSL's DANE vectors. Each chain becomes several inputs (<see cref="DaneInput"/>):
/// DANE-TA by a digest of the intermediate, by a digest of the sent root, by the root carried in a <c>2 0 0</c> record
/// and by its key in a <c>2 1 0</c> record; DANE-EE with name checks; PKIX-EE and PKIX-TA with the root as the PKIX
/// anchor; then mixed record sets, other options and times, and deliberately malformed inputs.
/// </summary>
/// <remarks>
/// Regenerate with <c>dotnet run -c Release --project fuzz/Dnssec.Fuzz -- seed certificate fuzz/corpus/certificate</c>;
/// the chains themselves change only when <c>make-chains.sh</c> runs again.
/// </remarks>
public static class CertificateSeeds
{
    private const string Host = "www.example.com";
    private const string ResourcePrefix = "Dnssec.Fuzz.Seeds.Certificates.";

    /// <summary>Every seed, by file name.</summary>
    public static IEnumerable<KeyValuePair<string, byte[]>> Generate()
    {
        foreach ((string name, List<byte[]> chain) in Chains())
        {
            foreach ((string variant, DaneInput input) in Variants(name, chain))
            {
                yield return new($"{name}-{variant}", input.Encode());
            }
        }

        foreach ((string name, DaneInput input) in Extras())
        {
            yield return new(name, input.Encode());
        }
    }

    /// <summary>The embedded chains, by file name without ".pem", in name order; each leaf first.</summary>
    private static IEnumerable<(string Name, List<byte[]> Chain)> Chains()
    {
        Assembly assembly = typeof(CertificateSeeds).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".pem", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (string resource in names)
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.ASCII);
            yield return (resource[ResourcePrefix.Length..^".pem".Length], ReadPem(reader.ReadToEnd()));
        }
    }

    private static List<byte[]> ReadPem(string text)
    {
        var certificates = new List<byte[]>();
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            certificates.Add(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
            rest = rest[fields.Location.End..];
        }

        return certificates;
    }

    private static IEnumerable<(string Variant, DaneInput Input)> Variants(string name, List<byte[]> chain)
    {
        // OpenSSL's vectors are for the base domains its danetest runs with.
        string host = name switch
        {
            "openssl-danetest" => "example.com",
            "openssl-dane-cross" => "server.example",
            _ => Host,
        };

        byte[] leaf = chain[0];
        byte[] issuer = chain[1];
        byte[] root = chain[^1];
        List<byte[]> withoutRoot = chain[..^1];
        yield return ("2-1-1-intermediate", Input(host, withoutRoot, [Record(2, 1, 1, issuer)]));
        yield return ("2-0-0-carried-root", Input(host, withoutRoot, [Record(2, 0, 0, root)]));
        yield return ("2-1-0-root-key", Input(host, withoutRoot, [Record(2, 1, 0, root)]));
        if (name is "p256" or "rsa" or "ed25519" or "mixed" or "openssl-danetest")
        {
            yield return ("2-0-2-sent-root", Input(host, chain, [Record(2, 0, 2, root)]));
            DaneInput endEntity = Input(host, chain, [Record(3, 1, 1, leaf)], "mail.example.com");
            endEntity.Flags = DaneInputFlags.DaneEeNameChecks;
            yield return ("3-1-1-leaf-name-checks", endEntity);
        }

        if (name is "p256" or "rsa")
        {
            DaneInput pkixEndEntity = Input(host, withoutRoot, [Record(1, 1, 1, leaf)]);
            pkixEndEntity.PkixAnchors.Add(root);
            yield return ("1-1-1-pkix-leaf", pkixEndEntity);
            DaneInput pkixAnchor = Input(host, withoutRoot, [Record(0, 0, 1, root)]);
            pkixAnchor.PkixAnchors.Add(root);
            yield return ("0-0-1-pkix-root", pkixAnchor);
        }
    }

    /// <summary>Record sets, options and times beyond one record per chain, the unknown-curve crash, and malformed inputs.</summary>
    private static IEnumerable<(string Name, DaneInput Input)> Extras()
    {
        Dictionary<string, List<byte[]>> chains = Chains().ToDictionary(c => c.Name, c => c.Chain, StringComparer.Ordinal);
        List<byte[]> p256 = chains["p256"];
        List<byte[]> vectors = chains["openssl-danetest"];

        // Digest agility (RFC 7671 §9), unusable records beside a usable one, and a weaker digest that must be retired.
        DaneInput mixed = Input(p256[..^1], [
            Record(2, 1, 1, p256[1]), Record(2, 1, 2, p256[0]), Record(3, 0, 1, p256[2]), TlsaRecord(4, 1, 1, new byte[32]),
            TlsaRecord(3, 2, 1, new byte[32]), TlsaRecord(3, 1, 3, new byte[32]), TlsaRecord(3, 1, 1, new byte[31]), TlsaRecord(2, 0, 0, [0x30, 0x00])]);
        mixed.Flags = DaneInputFlags.Sha256First;
        yield return ("records-mixed", mixed);

        // PKIX-EE without a PKIX anchor: the record matches, validation cannot succeed.
        yield return ("pkix-without-anchor", Input(p256, [Record(1, 1, 1, p256[0])]));

        DaneInput shortChains = Input(chains["path-length"], [Record(2, 1, 1, chains["path-length"][^1])]);
        shortChains.Flags = DaneInputFlags.ShortChains;
        yield return ("option-short-chains", shortChains);

        DaneInput expired = Input(p256[..^1], [Record(2, 1, 1, p256[1])]);
        expired.Now = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);
        yield return ("time-after-expiry", expired);

        DaneInput names = Input(chains["wildcards"][..^1], [Record(2, 1, 1, chains["wildcards"][1])], "w.example.com", "aw.example.com", "xn--bcher-kva.example.org", "a.example.net", "*.example.net", "example.com");
        yield return ("names-many", names);

        // The leaf, then the root before the intermediate, which comes twice: the walk must find issuers in any order.
        DaneInput scrambled = Input([p256[0], p256[2], p256[1], p256[1]], [Record(2, 1, 1, p256[2])]);
        yield return ("chain-out-of-order", scrambled);

        // The leaf of OpenSSL's vectors under an issuer that names an unknown curve (found by afl-fuzz in the first
        // version of this target: the signature check threw PlatformNotSupportedException).
        byte[] unknownCurve = Replace(vectors[1], [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0xEA, 0x01, 0x07]);
        yield return ("crash-unknown-curve", Input("example.com", [vectors[0], unknownCurve], [Record(2, 1, 1, vectors[2])]));

        yield return ("malformed-leaf-truncated", Input([p256[0][..200], p256[1]], [Record(2, 1, 1, p256[1])]));
        yield return ("malformed-leaf-trailing-octet", Input([[.. p256[0], 0], p256[1]], [Record(2, 1, 1, p256[1])]));
        yield return ("malformed-empty-sequence", Input([[0x30, 0x00]], [TlsaRecord(2, 0, 0, [0x30, 0x00])]));
        yield return ("malformed-record-short", Input(p256, [[3, 1]]));
        yield return ("malformed-carried-root-truncated", Input(p256[..^1], [TlsaRecord(2, 0, 0, p256[^1][..^1])]));
        byte[] cut = Input(p256[..^1], [Record(2, 1, 1, p256[1])]).Encode();
        yield return ("malformed-item-cut", DaneInput.Decode(cut.AsSpan(0, cut.Length - 5)));
    }

    private static DaneInput Input(List<byte[]> chain, List<byte[]> records, params string[] moreNames) => Input(Host, chain, records, moreNames);

    private static DaneInput Input(string host, List<byte[]> chain, List<byte[]> records, params string[] moreNames)
    {
        var input = new DaneInput();
        input.Chain.AddRange(chain);
        input.Records.AddRange(records);
        input.Names.Add(host);
        input.Names.AddRange(moreNames);
        return input;
    }

    /// <summary>The RDATA of a record for a certificate: its DER or its SubjectPublicKeyInfo, whole or as a SHA-2 digest.</summary>
    private static byte[] Record(byte usage, byte selector, byte matchingType, byte[] certificate)
    {
        byte[] selected = selector == 0 ? certificate : SubjectPublicKeyInfo(certificate);
        byte[] data = matchingType switch
        {
            0 => selected,
            1 => SHA256.HashData(selected),
            _ => SHA512.HashData(selected),
        };
        return TlsaRecord(usage, selector, matchingType, data);
    }

    private static byte[] TlsaRecord(byte usage, byte selector, byte matchingType, byte[] data) => [usage, selector, matchingType, .. data];

    /// <summary>RFC 5280 §4.1: the seventh field of TBSCertificate, or the sixth without a version.</summary>
    private static byte[] SubjectPublicKeyInfo(byte[] certificate)
    {
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            tbs.ReadEncodedValue();
        }

        for (int field = 0; field < 5; field++)
        {
            tbs.ReadEncodedValue();
        }

        return tbs.ReadEncodedValue().ToArray();
    }

    private static byte[] Replace(byte[] data, byte[] find, byte[] replacement)
    {
        int at = data.AsSpan().IndexOf(find);
        byte[] copy = [.. data];
        replacement.CopyTo(copy, at);
        return copy;
    }
}
