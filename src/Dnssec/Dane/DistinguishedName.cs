using System.Formats.Asn1;
using System.Text;

namespace Dnssec.Dane;

/// <summary>
/// A Name (RFC 5280 §4.1.2.4) read for comparison: each RDN in a canonical form, and the values of the attributes
/// that name checks use (commonName, emailAddress).
/// </summary>
/// <remarks>
/// RFC 5280 §7.1 compares names after RFC 4518 preparation; like OpenSSL, which compares a canonical encoding, the
/// canonical form here takes character strings as text without leading or trailing white space, with inner runs of
/// white space made one space and ASCII letters in lower case, and other values octet for octet. The attributes of a
/// multi-valued RDN are compared as a set.
/// </remarks>
internal sealed class DistinguishedName
{
    /// <summary>The attribute type commonName (RFC 5280 §4.1.2.4).</summary>
    public const string CommonName = "2.5.4.3";

    /// <summary>The attribute type emailAddress (PKCS #9, RFC 5280 §4.1.2.6).</summary>
    public const string EmailAddress = "1.2.840.113549.1.9.1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private DistinguishedName(string[] relativeNames, List<string?> commonNames, List<string?> emailAddresses)
    {
        RelativeNames = relativeNames;
        CommonNames = commonNames;
        EmailAddresses = emailAddresses;
    }

    /// <summary>The canonical form of each RDN, most significant first.</summary>
    public string[] RelativeNames { get; }

    /// <summary>The commonName values in order, as text; null for a value that is no character string.</summary>
    public List<string?> CommonNames { get; }

    /// <summary>The emailAddress values in order; null for a value that is not an IA5String, as the attribute requires.</summary>
    public List<string?> EmailAddresses { get; }

    /// <summary>How many attributes the name holds.</summary>
    public int AttributeCount { get; private set; }

    /// <summary>Reads an encoded Name; false when it is not one, or a character string in it does not decode.</summary>
    public static bool TryRead(ReadOnlySpan<byte> encoded, out DistinguishedName name)
    {
        name = null!;
        var relativeNames = new List<string>();
        var commonNames = new List<string?>();
        var emailAddresses = new List<string?>();
        int attributes = 0;
        try
        {
            AsnDecoder.ReadSequence(encoded, AsnEncodingRules.DER, out int offset, out int length, out int consumed);
            if (consumed != encoded.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> rdns = encoded.Slice(offset, length);
            var parts = new List<string>();
            while (!rdns.IsEmpty)
            {
                AsnDecoder.ReadSetOf(rdns, AsnEncodingRules.DER, out int setOffset, out int setLength, out int setConsumed, skipSortOrderValidation: true);
                ReadOnlySpan<byte> set = rdns.Slice(setOffset, setLength);
                rdns = rdns[setConsumed..];
                parts.Clear();
                while (!set.IsEmpty)
                {
                    AsnDecoder.ReadSequence(set, AsnEncodingRules.DER, out int pairOffset, out int pairLength, out int pairConsumed);
                    ReadOnlySpan<byte> pair = set.Slice(pairOffset, pairLength);
                    set = set[pairConsumed..];
                    string type = AsnDecoder.ReadObjectIdentifier(pair, AsnEncodingRules.DER, out int typeLength);
                    ReadOnlySpan<byte> value = pair[typeLength..];
                    Asn1Tag tag = Asn1Tag.Decode(value, out _);
                    AsnDecoder.ReadEncodedValue(value, AsnEncodingRules.DER, out int valueOffset, out int valueLength, out int valueConsumed);
                    if (valueConsumed != value.Length || !TryDecode(tag, value.Slice(valueOffset, valueLength), out string? text))
                    {
                        return false;
                    }

                    // The length keeps a value from passing for several attributes of a multi-valued RDN.
                    string canonical = text is null ? "#" + Convert.ToHexString(value) : Canonical(text);
                    parts.Add($"{type}={canonical.Length}:{canonical}");
                    if (type == CommonName)
                    {
                        commonNames.Add(text);
                    }
                    else if (type == EmailAddress)
                    {
                        emailAddresses.Add(tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.IA5String)) ? text : null);
                    }

                    attributes++;
                }

                if (parts.Count == 0)
                {
                    return false;
                }

                parts.Sort(StringComparer.Ordinal);
                relativeNames.Add(string.Join('\u0001', parts));
            }
        }
        catch (AsnContentException)
        {
            return false;
        }

        name = new DistinguishedName([.. relativeNames], commonNames, emailAddresses) { AttributeCount = attributes };
        return true;
    }

    /// <summary>Whether both names have the same RDNs.</summary>
    public bool SameAs(DistinguishedName other) => RelativeNames.AsSpan().SequenceEqual(other.RelativeNames);

    /// <summary>Whether this name is <paramref name="ancestor"/> or lies below it: its first RDNs are those of <paramref name="ancestor"/>.</summary>
    public bool IsWithin(DistinguishedName ancestor) =>
        ancestor.RelativeNames.Length <= RelativeNames.Length && RelativeNames.AsSpan(0, ancestor.RelativeNames.Length).SequenceEqual(ancestor.RelativeNames);

    /// <summary>
    /// Decodes the character string types OpenSSL canonicalizes (UTF8String, BMPString, UniversalString,
    /// PrintableString, T61String, IA5String, VisibleString); the one-octet types octet by octet, as OpenSSL does.
    /// Other types give null text and true; a string that does not decode gives false.
    /// </summary>
    private static bool TryDecode(Asn1Tag tag, ReadOnlySpan<byte> content, out string? text)
    {
        text = null;
        if (tag.TagClass != TagClass.Universal || tag.IsConstructed)
        {
            return true;
        }

        try
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                    text = StrictUtf8.GetString(content);
                    return true;
                case UniversalTagNumber.PrintableString or UniversalTagNumber.T61String or UniversalTagNumber.IA5String or UniversalTagNumber.VisibleString:
                    text = Encoding.Latin1.GetString(content);
                    return true;
                case UniversalTagNumber.BMPString:
                    if (content.Length % 2 != 0)
                    {
                        return false;
                    }

                    text = Encoding.BigEndianUnicode.GetString(content);
                    return true;
                case UniversalTagNumber.UniversalString:
                    if (content.Length % 4 != 0)
                    {
                        return false;
                    }

                    text = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true).GetString(content);
                    return true;
                default:
                    return true;
            }
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException: not UTF-8 or UTF-32.
            return false;
        }
    }

    /// <summary>The canonical text: no outer white space, inner runs made one space, ASCII letters in lower case.</summary>
    private static string Canonical(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }

        return builder.ToString();
    }
}
