using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// Reads trust anchors from a file: IANA's root-anchors.xml (RFC 7958, RFC 9718), or DS and DNSKEY records in
/// zone-file form, which lets an operator pin any zone.
/// </summary>
public static class TrustAnchorFile
{
    /// <summary>Reads the anchors of <paramref name="path"/> that are valid at <paramref name="time"/>, as DS or DNSKEY records.</summary>
    /// <exception cref="FormatException">The file is malformed or holds records that are not anchors; the message names file and place.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<DnsRecord> Load(string path, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('<'))
        {
            return ParseRootAnchorsXml(text, path).Where(k => k.IsValidAt(time)).Select(k => k.Ds).ToList();
        }

        var anchors = new List<DnsRecord>();
        // Anchor files (BIND's trust-anchors, Unbound's trust-anchor-file) usually leave the TTL out.
        foreach (DnsRecord record in ZoneFileReader.Parse(text, path, new ZoneFileReaderOptions { DefaultTtl = 0 }))
        {
            if (record.Type is not (RecordType.DS or RecordType.DNSKEY))
            {
                throw new FormatException($"{path}: {record.Owner} {Mnemonics.FormatRecordType(record.Type)} is not a trust anchor; only DS and DNSKEY records are");
            }

            anchors.Add(record);
        }

        if (anchors.Count == 0)
        {
            throw new FormatException($"{path}: no DS or DNSKEY records");
        }

        return anchors;
    }

    /// <summary>Parses root-anchors.xml text into its keys, valid or not.</summary>
    /// <exception cref="FormatException">The XML is malformed or a KeyDigest lacks a required field.</exception>
    public static IReadOnlyList<RootAnchorKey> ParseRootAnchorsXml(string xml, string sourceName)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            throw new FormatException($"{sourceName}:{exception.LineNumber}:{exception.LinePosition}: {exception.Message}", exception);
        }

        XElement root = document.Root is { Name.LocalName: "TrustAnchor" } anchor
            ? anchor
            : throw new FormatException($"{sourceName}: the root element is not TrustAnchor");
        string zoneText = Required(root, "Zone", sourceName);
        if (!DnsName.TryParse(zoneText, out DnsName? zone))
        {
            throw new FormatException($"{sourceName}: Zone '{zoneText}' is not a domain name");
        }

        var keys = new List<RootAnchorKey>();
        foreach (XElement digest in root.Elements("KeyDigest"))
        {
            string where = $"{sourceName}:{((IXmlLineInfo)digest).LineNumber}";
            ushort keyTag = Number<ushort>(digest, "KeyTag", where);
            byte algorithm = Number<byte>(digest, "Algorithm", where);
            byte digestType = Number<byte>(digest, "DigestType", where);
            byte[] digestBytes = Hex(Required(digest, "Digest", where), where);
            DateTimeOffset validFrom = Time(digest.Attribute("validFrom")?.Value ?? throw new FormatException($"{where}: KeyDigest has no validFrom"), where);
            DateTimeOffset? validUntil = digest.Attribute("validUntil") is { } until ? Time(until.Value, where) : null;
            var ds = new DnsRecord(zone, RecordType.DS, RecordClass.IN, 0, DsData.Encode(keyTag, (DnssecAlgorithm)algorithm, (DigestType)digestType, digestBytes));
            DnsRecord? dnskey = null;
            if (digest.Element("PublicKey") is { } publicKey)
            {
                ushort flags = digest.Element("Flags") is null ? (ushort)257 : Number<ushort>(digest, "Flags", where);
                byte[] key;
                try
                {
                    key = Convert.FromBase64String(publicKey.Value.Trim());
                }
                catch (FormatException)
                {
                    throw new FormatException($"{where}: PublicKey is not base64");
                }

                dnskey = new DnsRecord(zone, RecordType.DNSKEY, RecordClass.IN, 0, DnskeyData.Encode(flags, DnskeyData.DnssecProtocol, (DnssecAlgorithm)algorithm, key));
            }

            keys.Add(new RootAnchorKey(ds, dnskey, validFrom, validUntil));
        }

        return keys;
    }

    private static string Required(XElement parent, string name, string where) =>
        parent.Element(name)?.Value.Trim() ?? throw new FormatException($"{where}: {parent.Name.LocalName} has no {name}");

    private static T Number<T>(XElement parent, string name, string where)
        where T : System.Numerics.IBinaryInteger<T> =>
        T.TryParse(Required(parent, name, where), NumberStyles.None, CultureInfo.InvariantCulture, out T? value)
            ? value
            : throw new FormatException($"{where}: {name} '{Required(parent, name, where)}' is not a valid number");

    private static byte[] Hex(string text, string where)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}: Digest '{text}' is not hexadecimal");
        }
    }

    private static DateTimeOffset Time(string text, string where) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value)
            ? value
            : throw new FormatException($"{where}: '{text}' is not a date and time");
}
