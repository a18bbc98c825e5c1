using System.Formats.Asn1;

namespace Dnssec.Dane;

/// <summary>
/// What the DANE-TA chain checks need to know of one certificate, read from its DER: version, names, and the
/// extensions OpenSSL acts on (RFC 5280 §4.2) — basic constraints, key usage, extended key usage, the Netscape
/// certificate type, subject alternative names and name constraints — plus whether a critical extension is one no
/// check understands and whether its EC key has explicit curve parameters.
/// </summary>
internal sealed class CertificateExtensions
{
    /// <summary>digitalSignature in OpenSSL's 16-bit view of the KeyUsage bits (first octet low, second high).</summary>
    public const int DigitalSignature = 0x80;

    /// <summary>keyEncipherment.</summary>
    public const int KeyEncipherment = 0x20;

    /// <summary>keyAgreement.</summary>
    public const int KeyAgreement = 0x08;

    /// <summary>keyCertSign.</summary>
    public const int KeyCertSign = 0x04;

    /// <summary>The Netscape certificate type bit for an SSL server.</summary>
    public const int NetscapeSslServer = 0x40;

    /// <summary>The Netscape certificate type bit for an SSL CA.</summary>
    public const int NetscapeSslCa = 0x04;

    /// <summary>The Netscape certificate type bits for any kind of CA (SSL, S/MIME, object signing).</summary>
    public const int NetscapeAnyCa = 0x07;

    private const string BasicConstraintsOid = "2.5.29.19";
    private const string KeyUsageOid = "2.5.29.15";
    private const string ExtendedKeyUsageOid = "2.5.29.37";
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private const string NameConstraintsOid = "2.5.29.30";
    private const string NetscapeCertificateTypeOid = "2.16.840.1.113730.1.1";
    private const string ProxyCertificateInfoOid = "1.3.6.1.5.5.7.1.14";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>
    /// The extensions a critical flag does not make unusable: those OpenSSL's verifier handles (X509_supported_extension),
    /// so that a chain it accepts is not refused here for a critical policy or CRL extension, which neither checks.
    /// </summary>
    private static readonly HashSet<string> Understood = new(StringComparer.Ordinal)
    {
        NetscapeCertificateTypeOid, KeyUsageOid, SubjectAlternativeNameOid, BasicConstraintsOid,
        "2.5.29.32", // certificatePolicies
        "2.5.29.31", // cRLDistributionPoints
        ExtendedKeyUsageOid,
        "1.3.6.1.5.5.7.1.7", // IP address blocks (RFC 3779)
        "1.3.6.1.5.5.7.1.8", // AS identifiers (RFC 3779)
        "1.3.6.1.5.5.7.48.1.5", // OCSP no-check
        "2.5.29.36", // policyConstraints
        ProxyCertificateInfoOid, NameConstraintsOid,
        "2.5.29.33", // policyMappings
        "2.5.29.54", // inhibitAnyPolicy
    };

    private CertificateExtensions(DistinguishedName subject)
    {
        Subject = subject;
    }

    /// <summary>0 for v1, 2 for v3.</summary>
    public int Version { get; private set; }

    /// <summary>The subject name.</summary>
    public DistinguishedName Subject { get; }

    /// <summary>Whether subject and issuer are the same name (RFC 5280 §6.1: such certificates do not count for path length or name constraints).</summary>
    public bool SelfIssued { get; private set; }

    /// <summary>
    /// A v1 certificate that is self-issued and signed with its own kind of key: OpenSSL's "self-signed", the only
    /// kind of certificate without basic constraints or key usage it takes as a CA, and only at the top of a chain.
    /// </summary>
    public bool SelfSignedVersion1 { get; private set; }

    /// <summary>Whether basic constraints are present.</summary>
    public bool HasBasicConstraints { get; private set; }

    /// <summary>The cA flag of basic constraints.</summary>
    public bool CertificateAuthority { get; private set; }

    /// <summary>pathLenConstraint, or -1 when absent.</summary>
    public int PathLengthConstraint { get; private set; } = -1;

    /// <summary>The key usage bits (<see cref="DigitalSignature"/> …), or null when the extension is absent.</summary>
    public int? KeyUsage { get; private set; }

    /// <summary>Whether extended key usage is present.</summary>
    public bool HasExtendedKeyUsage { get; private set; }

    /// <summary>Whether extended key usage lists serverAuth or one of the Server Gated Crypto purposes, which OpenSSL takes as server use.</summary>
    public bool ExtendedKeyUsageForServers { get; private set; }

    /// <summary>The first octet of the Netscape certificate type, or null when the extension is absent.</summary>
    public int? NetscapeCertificateType { get; private set; }

    /// <summary>Whether this is a proxy certificate (RFC 3820), which a TLS server chain must not contain.</summary>
    public bool Proxy { get; private set; }

    /// <summary>The type identifier of the first critical extension no check understands, or null.</summary>
    public string? UnhandledCriticalExtension { get; private set; }

    /// <summary>Whether the key is an EC key with explicit curve parameters (RFC 5480 §2.1.1 forbids them).</summary>
    public bool ExplicitCurveParameters { get; private set; }

    /// <summary>The subject alternative names; empty when the extension is absent.</summary>
    public List<GeneralName> AlternativeNames { get; } = [];

    /// <summary>The name constraints, or null when the extension is absent.</summary>
    public NameConstraints? NameConstraints { get; private set; }

    /// <summary>Reads the facts of one certificate; false with a sentence that says what is malformed.</summary>
    /// <param name="certificate">The DER certificate.</param>
    /// <param name="parts">Its located parts.</param>
    /// <param name="extensions">The facts, when true.</param>
    /// <param name="problem">What could not be read, when false.</param>
    public static bool TryRead(ReadOnlyMemory<byte> certificate, CertificateParts parts, out CertificateExtensions extensions, out string problem)
    {
        extensions = null!;
        ReadOnlySpan<byte> der = certificate.Span;
        if (!CertificateDer.TryLocateExtensions(der, parts, out int version, out Range encoded))
        {
            problem = "its version or the fields after its key are malformed";
            return false;
        }

        if (!DistinguishedName.TryRead(der[parts.Subject], out DistinguishedName subject) || !DistinguishedName.TryRead(der[parts.Issuer], out DistinguishedName issuer))
        {
            problem = "its subject or issuer name is malformed";
            return false;
        }

        var facts = new CertificateExtensions(subject) { Version = version, SelfIssued = subject.SameAs(issuer) };
        if (!facts.TryReadKey(der[parts.SubjectPublicKeyInfo], der[parts.SignatureAlgorithm], out problem))
        {
            return false;
        }

        try
        {
            if (encoded.Equals(default(Range)))
            {
                problem = "";
                extensions = facts;
                return true;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            AsnDecoder.ReadSequence(der[encoded], AsnEncodingRules.DER, out int offset, out int length, out _);
            int position = encoded.Start.Value + offset;
            int end = position + length;
            while (position < end)
            {
                AsnDecoder.ReadSequence(der[position..end], AsnEncodingRules.BER, out int extensionOffset, out int extensionLength, out int consumed);
                int field = position + extensionOffset;
                int fieldEnd = field + extensionLength;
                position += consumed;
                string type = AsnDecoder.ReadObjectIdentifier(der[field..fieldEnd], AsnEncodingRules.BER, out int read);
                field += read;
                bool critical = false;
                if (field < fieldEnd && Asn1Tag.Decode(der[field..fieldEnd], out _).HasSameClassAndValue(Asn1Tag.Boolean))
                {
                    critical = AsnDecoder.ReadBoolean(der[field..fieldEnd], AsnEncodingRules.BER, out read);
                    field += read;
                }

                if (!AsnDecoder.TryReadPrimitiveOctetString(der[field..fieldEnd], AsnEncodingRules.BER, out ReadOnlySpan<byte> value, out read) || field + read != fieldEnd)
                {
                    problem = $"extension {type} does not hold an OCTET STRING";
                    return false;
                }

                // RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension.
                if (!seen.Add(type))
                {
                    problem = $"extension {type} appears twice (RFC 5280 §4.2)";
                    return false;
                }

                if (critical && facts.UnhandledCriticalExtension is null && !Understood.Contains(type))
                {
                    facts.UnhandledCriticalExtension = type;
                }

                ReadOnlyMemory<byte> contents = certificate.Slice(fieldEnd - value.Length, value.Length);
                if (!facts.TryReadExtension(type, contents))
                {
                    problem = $"extension {type} is malformed";
                    return false;
                }
            }
        }
        catch (AsnContentException)
        {
            problem = "its extensions are malformed";
            return false;
        }

        problem = "";
        extensions = facts;
        return true;
    }

    private bool TryReadExtension(string type, ReadOnlyMemory<byte> contents)
    {
        ReadOnlySpan<byte> value = contents.Span;
        switch (type)
        {
            case BasicConstraintsOid:
                return TryReadBasicConstraints(value);
            case KeyUsageOid:
                KeyUsage = ReadBits(value, out int keyUsage) ? keyUsage : null;
                return KeyUsage is not null;
            case NetscapeCertificateTypeOid:
                NetscapeCertificateType = ReadBits(value, out int netscape) ? netscape & 0xFF : null;
                return NetscapeCertificateType is not null;
            case ExtendedKeyUsageOid:
                return TryReadExtendedKeyUsage(value);
            case SubjectAlternativeNameOid:
                return GeneralName.TryReadSequence(contents, AlternativeNames);
            case NameConstraintsOid:
                NameConstraints = NameConstraints.TryRead(contents, out NameConstraints? constraints) ? constraints : null;
                return NameConstraints is not null;
            case ProxyCertificateInfoOid:
                Proxy = true;
                return true;
            default:
                return true;
        }
    }

    /// <summary>BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }.</summary>
    private bool TryReadBasicConstraints(ReadOnlySpan<byte> value)
    {
        AsnDecoder.ReadSequence(value, AsnEncodingRules.BER, out int offset, out int length, out int consumed);
        if (consumed != value.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> content = value.Slice(offset, length);
        HasBasicConstraints = true;
        if (!content.IsEmpty && Asn1Tag.Decode(content, out _).HasSameClassAndValue(Asn1Tag.Boolean))
        {
            CertificateAuthority = AsnDecoder.ReadBoolean(content, AsnEncodingRules.BER, out int read);
            content = content[read..];
        }

        if (content.IsEmpty)
        {
            return true;
        }

        System.Numerics.BigInteger pathLength = AsnDecoder.ReadInteger(content, AsnEncodingRules.BER, out int integerLength);
        if (integerLength != content.Length || pathLength.Sign < 0)
        {
            return false;
        }

        PathLengthConstraint = pathLength > int.MaxValue ? int.MaxValue : (int)pathLength;
        return true;
    }

    /// <summary>ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId; unknown purposes are ignored.</summary>
    private bool TryReadExtendedKeyUsage(ReadOnlySpan<byte> value)
    {
        AsnDecoder.ReadSequence(value, AsnEncodingRules.BER, out int offset, out int length, out int consumed);
        if (consumed != value.Length)
        {
            return false;
        }

        HasExtendedKeyUsage = true;
        ReadOnlySpan<byte> purposes = value.Slice(offset, length);
        while (!purposes.IsEmpty)
        {
            string purpose = AsnDecoder.ReadObjectIdentifier(purposes, AsnEncodingRules.BER, out int read);
            purposes = purposes[read..];

            // id-kp-serverAuth (RFC 5280 §4.2.1.12), Netscape and Microsoft Server Gated Crypto.
            ExtendedKeyUsageForServers |= purpose is "1.3.6.1.5.5.7.3.1" or "2.16.840.1.113730.4.1" or "1.3.6.1.4.1.311.10.3.3";
        }

        return true;
    }

    /// <summary>A BIT STRING's first two octets as OpenSSL reads KeyUsage: the first in the low byte.</summary>
    private static bool ReadBits(ReadOnlySpan<byte> value, out int bits)
    {
        bits = 0;
        if (!AsnDecoder.TryReadPrimitiveBitString(value, AsnEncodingRules.BER, out _, out ReadOnlySpan<byte> octets, out int consumed) || consumed != value.Length)
        {
            return false;
        }

        if (octets.Length > 0)
        {
            bits = octets[0];
        }

        if (octets.Length > 1)
        {
            bits |= octets[1] << 8;
        }

        return true;
    }

    /// <summary>
    /// SubjectPublicKeyInfo: whether an EC key names its curve or spells out its parameters (RFC 5480 §2.1.1), and, for
    /// a self-issued v1 certificate, whether it is signed with its own kind of key.
    /// </summary>
    private bool TryReadKey(ReadOnlySpan<byte> keyInfo, ReadOnlySpan<byte> signatureAlgorithm, out string problem)
    {
        problem = "";
        try
        {
            string keyAlgorithm = ReadAlgorithm(keyInfo, out ReadOnlySpan<byte> parameters);
            ExplicitCurveParameters = keyAlgorithm == EcPublicKeyOid && !parameters.IsEmpty
                && Asn1Tag.Decode(parameters, out _).HasSameClassAndValue(Asn1Tag.Sequence);
            if (Version == 0 && SelfIssued)
            {
                string signature = AsnDecoder.ReadObjectIdentifier(SequenceContent(signatureAlgorithm), AsnEncodingRules.DER, out _);
                SelfSignedVersion1 = KeyFamily.Signs(keyAlgorithm, signature);
            }

            return true;
        }
        catch (AsnContentException)
        {
            problem = "its public key information is malformed";
            return false;
        }
    }

    private static string ReadAlgorithm(ReadOnlySpan<byte> keyInfo, out ReadOnlySpan<byte> parameters)
    {
        ReadOnlySpan<byte> algorithm = SequenceContent(SequenceContent(keyInfo));
        string oid = AsnDecoder.ReadObjectIdentifier(algorithm, AsnEncodingRules.DER, out int read);
        parameters = algorithm[read..];
        return oid;
    }

    private static ReadOnlySpan<byte> SequenceContent(ReadOnlySpan<byte> encoded)
    {
        AsnDecoder.ReadSequence(encoded, AsnEncodingRules.DER, out int offset, out int length, out _);
        return encoded.Slice(offset, length);
    }
}
