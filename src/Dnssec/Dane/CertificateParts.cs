namespace Dnssec.Dane;

/// <summary>Where the fields of one DER certificate lie, as ranges of its bytes (RFC 5280 §4.1).</summary>
/// <param name="ToBeSigned">The encoded TBSCertificate, the signed data.</param>
/// <param name="SignatureAlgorithm">The encoded outer AlgorithmIdentifier.</param>
/// <param name="Signature">The signature value, without the BIT STRING header.</param>
/// <param name="Issuer">The encoded issuer Name.</param>
/// <param name="Subject">The encoded subject Name.</param>
/// <param name="SubjectPublicKeyInfo">The encoded SubjectPublicKeyInfo.</param>
internal readonly record struct CertificateParts(Range ToBeSigned, Range SignatureAlgorithm, Range Signature, Range Issuer, Range Subject, Range SubjectPublicKeyInfo);
