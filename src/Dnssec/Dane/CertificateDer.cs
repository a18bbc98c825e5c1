using System.Formats.Asn1;

namespace Dnssec.Dane;

/// <summary>
/// Finds the parts of a DER X.509 certificate (RFC 5280 §4.1) by position, so that the matcher and the chain walk
/// read the caller's bytes where they lie instead of decoding a certificate object.
/// </summary>
internal static class CertificateDer
{
    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Whether the bytes are exactly one DER SEQUENCE, the outer shape of a certificate.</summary>
    public static bool IsSequence(ReadOnlySpan<byte> der)
    {
        try
        {
            AsnDecoder.ReadSequence(der, AsnEncodingRules.DER, out _, out _, out int consumed);
            return consumed == der.Length;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Locates the encoded SubjectPublicKeyInfo inside a certificate without copying it.</summary>
    /// <remarks>The matcher's path: it reads only the headers up to the key, not the signature after it.</remarks>
    public static bool TryLocateSubjectPublicKeyInfo(ReadOnlySpan<byte> certificate, out Range subjectPublicKeyInfo)
    {
        subjectPublicKeyInfo = default;
        try
        {
            AsnDecoder.ReadSequence(certificate, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out int consumed);
            if (consumed != certificate.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> content = certificate.Slice(contentOffset, contentLength);
            AsnDecoder.ReadSequence(content, AsnEncodingRules.DER, out int tbsOffset, out int tbsLength, out _);
            int position = contentOffset + tbsOffset;
            subjectPublicKeyInfo = SkipToKey(certificate, position, position + tbsLength);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Locates every part the chain walk needs: TBS, signature algorithm and value, issuer, subject, key.</summary>
    public static bool TryLocateParts(ReadOnlySpan<byte> certificate, out CertificateParts parts)
    {
        parts = default;
        try
        {
            AsnDecoder.ReadSequence(certificate, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out int consumed);
            if (consumed != certificate.Length)
            {
                return false;
            }

            int position = contentOffset;
            int end = contentOffset + contentLength;
            Range tbs = NextSequence(certificate, ref position, end);
            Range algorithm = NextSequence(certificate, ref position, end);
            ReadOnlySpan<byte> signatureField = certificate[position..end];
            if (!AsnDecoder.TryReadPrimitiveBitString(signatureField, AsnEncodingRules.DER, out int unusedBits, out ReadOnlySpan<byte> signatureValue, out int signatureLength)
                || unusedBits != 0 || position + signatureLength != end)
            {
                return false;
            }

            int signatureStart = position + signatureLength - signatureValue.Length;

            AsnDecoder.ReadSequence(certificate[tbs], AsnEncodingRules.DER, out int tbsContentOffset, out int tbsContentLength, out _);
            position = tbs.Start.Value + tbsContentOffset;
            int tbsEnd = position + tbsContentLength;
            Range key = SkipToKey(certificate, position, tbsEnd, out Range issuer, out Range subject);
            parts = new CertificateParts(tbs, algorithm, signatureStart..end, issuer, subject, key);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the version and locates the extensions of a certificate whose parts are located: after the
    /// SubjectPublicKeyInfo a TBSCertificate holds only issuerUniqueID [1], subjectUniqueID [2] and extensions [3], in
    /// that order and each at most once (RFC 5280 §4.1). Stricter than <see cref="TryLocateParts"/>, so that only the
    /// DANE-TA chain checks, which need the extensions, refuse a certificate with anything else there.
    /// </summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="parts">Its parts, from <see cref="TryLocateParts"/>.</param>
    /// <param name="version">0 for v1, 1 for v2, 2 for v3, as encoded.</param>
    /// <param name="extensions">The encoded SEQUENCE of extensions, or an empty range when there are none.</param>
    public static bool TryLocateExtensions(ReadOnlySpan<byte> certificate, CertificateParts parts, out int version, out Range extensions)
    {
        version = 0;
        extensions = default;
        try
        {
            ReadOnlySpan<byte> tbs = certificate[parts.ToBeSigned];
            AsnDecoder.ReadSequence(tbs, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out _);
            ReadOnlySpan<byte> content = tbs.Slice(contentOffset, contentLength);
            if (Asn1Tag.Decode(content, out _).HasSameClassAndValue(VersionTag))
            {
                AsnDecoder.ReadSequence(content, AsnEncodingRules.DER, out int versionOffset, out int versionLength, out _, VersionTag);
                if (!AsnDecoder.TryReadInt32(content.Slice(versionOffset, versionLength), AsnEncodingRules.DER, out version, out int read)
                    || read != versionLength || version is < 0 or > 2)
                {
                    return false;
                }
            }

            int position = parts.SubjectPublicKeyInfo.End.Value;
            int end = parts.ToBeSigned.Start.Value + contentOffset + contentLength;
            int last = 0;
            while (position < end)
            {
                Asn1Tag tag = Asn1Tag.Decode(certificate[position..end], out _);
                if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue <= last || tag.TagValue > 3)
                {
                    return false;
                }

                last = tag.TagValue;
                Range field = Next(certificate, ref position, end);
                if (tag.TagValue == 3)
                {
                    AsnDecoder.ReadSequence(certificate[field], AsnEncodingRules.DER, out int innerOffset, out int innerLength, out _, new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true));
                    int inner = field.Start.Value + innerOffset;
                    int innerEnd = inner + innerLength;
                    extensions = NextSequence(certificate, ref inner, innerEnd);
                    if (inner != innerEnd)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Walks a TBSCertificate's content to its SubjectPublicKeyInfo.</summary>
    private static Range SkipToKey(ReadOnlySpan<byte> der, int position, int end) => SkipToKey(der, position, end, out _, out _);

    /// <summary>
    /// RFC 5280 §4.1: TBSCertificate is [0] version (optional), serialNumber, signature, issuer, validity, subject,
    /// subjectPublicKeyInfo, then optional fields that no caller needs.
    /// </summary>
    private static Range SkipToKey(ReadOnlySpan<byte> der, int position, int end, out Range issuer, out Range subject)
    {
        if (Asn1Tag.Decode(der[position..end], out _).HasSameClassAndValue(VersionTag))
        {
            Next(der, ref position, end);
        }

        Next(der, ref position, end);
        Next(der, ref position, end);
        issuer = NextSequence(der, ref position, end);
        Next(der, ref position, end);
        subject = NextSequence(der, ref position, end);
        return NextSequence(der, ref position, end);
    }

    private static Range Next(ReadOnlySpan<byte> der, ref int position, int end)
    {
        AsnDecoder.ReadEncodedValue(der[position..end], AsnEncodingRules.DER, out _, out _, out int consumed);
        Range range = position..(position + consumed);
        position += consumed;
        return range;
    }

    private static Range NextSequence(ReadOnlySpan<byte> der, ref int position, int end)
    {
        if (!Asn1Tag.Decode(der[position..end], out _).HasSameClassAndValue(Asn1Tag.Sequence))
        {
            throw new AsnContentException();
        }

        return Next(der, ref position, end);
    }
}
