using System.Formats.Asn1;

namespace Dnssec.Dane;

/// <summary>One GeneralName (RFC 5280 §4.2.1.6) as it lies in a certificate.</summary>
/// <param name="Kind">Which choice it is.</param>
/// <param name="Value">
/// The content: the characters of an rfc822Name, dNSName or URI, the octets of an iPAddress, the encoded Name of a
/// directoryName, the encoded value of an otherName; the whole encoding of the other choices.
/// </param>
/// <param name="OtherNameType">The type identifier of an otherName, else null.</param>
internal readonly record struct GeneralName(GeneralNameKind Kind, ReadOnlyMemory<byte> Value, string? OtherNameType)
{
    /// <summary>The otherName type of an SmtpUTF8Mailbox (RFC 9598), an internationalized e-mail address.</summary>
    public const string SmtpUtf8Mailbox = "1.3.6.1.5.5.7.8.9";

    private static readonly Asn1Tag OtherNameValueTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Reads a GeneralNames SEQUENCE (the SAN extension's value) completely into <paramref name="names"/>.</summary>
    public static bool TryReadSequence(ReadOnlyMemory<byte> encoded, List<GeneralName> names)
    {
        try
        {
            ReadOnlySpan<byte> span = encoded.Span;
            AsnDecoder.ReadSequence(span, AsnEncodingRules.DER, out int offset, out int length, out int consumed);
            if (consumed != span.Length)
            {
                return false;
            }

            int position = offset;
            int end = offset + length;
            while (position < end)
            {
                if (!TryRead(encoded[position..end], out GeneralName name, out int read))
                {
                    return false;
                }

                names.Add(name);
                position += read;
            }

            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Reads the GeneralName at the start of <paramref name="encoded"/>.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> encoded, out GeneralName name, out int consumed)
    {
        name = default;
        consumed = 0;
        try
        {
            ReadOnlySpan<byte> span = encoded.Span;
            Asn1Tag tag = Asn1Tag.Decode(span, out _);
            AsnDecoder.ReadEncodedValue(span, AsnEncodingRules.DER, out int offset, out int length, out consumed);
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > (int)GeneralNameKind.RegisteredId)
            {
                return false;
            }

            var kind = (GeneralNameKind)tag.TagValue;
            ReadOnlyMemory<byte> content = encoded.Slice(offset, length);
            switch (kind)
            {
                case GeneralNameKind.Rfc822Name or GeneralNameKind.DnsName or GeneralNameKind.UniformResourceIdentifier or GeneralNameKind.IPAddress:
                    // IA5String and OCTET STRING under IMPLICIT tags: primitive in DER.
                    if (tag.IsConstructed)
                    {
                        return false;
                    }

                    name = new GeneralName(kind, content, null);
                    return true;
                case GeneralNameKind.DirectoryName:
                    // [4] EXPLICIT Name: exactly one SEQUENCE inside.
                    AsnDecoder.ReadSequence(content.Span, AsnEncodingRules.DER, out _, out _, out int nameLength);
                    if (!tag.IsConstructed || nameLength != length)
                    {
                        return false;
                    }

                    name = new GeneralName(kind, content, null);
                    return true;
                case GeneralNameKind.OtherName:
                    // [0] IMPLICIT SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
                    if (!tag.IsConstructed)
                    {
                        return false;
                    }

                    string type = AsnDecoder.ReadObjectIdentifier(content.Span, AsnEncodingRules.DER, out int typeLength);
                    ReadOnlyMemory<byte> value = content[typeLength..];
                    AsnDecoder.ReadEncodedValue(value.Span, AsnEncodingRules.DER, out _, out _, out int valueLength);
                    if (valueLength != value.Length || !Asn1Tag.Decode(value.Span, out _).HasSameClassAndValue(OtherNameValueTag))
                    {
                        return false;
                    }

                    name = new GeneralName(kind, value, type);
                    return true;
                default:
                    name = new GeneralName(kind, encoded[..consumed], null);
                    return true;
            }
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
