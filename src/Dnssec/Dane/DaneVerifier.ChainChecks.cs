using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

public sealed partial class DaneVerifier
{
    /// <summary>One certificate of a DANE-TA chain: its DER, where its fields lie, and the sent certificate it is, if it was sent.</summary>
    private readonly record struct ChainCertificate(ReadOnlyMemory<byte> Der, CertificateParts Parts, X509Certificate2? Sent)
    {
        /// <summary>How a message names it; only asked for when something fails, as a subject costs a decoding.</summary>
        public string Name => Sent is null ? "the certificate of the record" : Subject(Sent);
    }

    /// <summary>
    /// The checks OpenSSL makes on each certificate of a DANE-TA chain, leaf first and up to the anchor (x509_vfy.c's
    /// check_extensions, with the purpose "SSL server"), in its order: no critical extension it does not understand
    /// (RFC 5280 §4.2), no proxy certificate, every certificate above the leaf a CA — one with basic constraints cA
    /// true below the top, any kind of CA at the top (RFC 5280 §6.1.4 (k)) — and keyCertSign wherever key usage is
    /// present (§4.2.1.3), no EC key with explicit parameters in a chain longer than the leaf (RFC 5480 §2.1.1), the
    /// purpose (<see cref="TlsServerPurpose"/>), then path length constraints (§4.2.1.9). The top certificate is the
    /// anchor when its certificate is known; with a `2 1 0` record it is the certificate the key signed.
    /// </summary>
    /// <param name="chain">The chain, leaf first.</param>
    /// <param name="facts">Receives what was read of each certificate, for the name constraint check.</param>
    /// <param name="failure">Which failure the problem is.</param>
    /// <returns>Why the chain fails, or null when it passes.</returns>
    private static string? CheckExtensions(List<ChainCertificate> chain, List<CertificateExtensions> facts, out DaneFailure failure)
    {
        failure = DaneFailure.ChainInvalid;
        int top = chain.Count - 1;
        int intermediatesBelow = 0;
        for (int i = 0; i <= top; i++)
        {
            string Who() => $"{chain[i].Name} at depth {i}";
            if (!CertificateExtensions.TryRead(chain[i].Der, chain[i].Parts, out CertificateExtensions certificate, out string problem))
            {
                return $"{Who()} cannot be checked: {problem}";
            }

            facts.Add(certificate);
            if (certificate.UnhandledCriticalExtension is { } critical)
            {
                return $"{Who()} has the critical extension {critical}, which is not understood (RFC 5280 §4.2)";
            }

            if (certificate.Proxy)
            {
                return $"{Who()} is a proxy certificate (RFC 3820), which has no place in a server's chain";
            }

            CertificateAuthorityKind authority = TlsServerPurpose.AuthorityOf(certificate);
            if (i > 0 && authority == CertificateAuthorityKind.None)
            {
                return $"{Who()} issues certificates without being a CA: basic constraints say no, key usage lacks keyCertSign, or nothing says yes (RFC 5280 §4.2.1.9, §4.2.1.3)";
            }

            if (i > 0 && i < top && authority != CertificateAuthorityKind.BasicConstraints)
            {
                return $"{Who()} is an intermediate CA without basic constraints saying cA true (RFC 5280 §6.1.4 (k))";
            }

            if (top > 0 && certificate.ExplicitCurveParameters)
            {
                return $"{Who()} has an EC key with explicit curve parameters, which RFC 5480 §2.1.1 forbids";
            }

            if ((i == 0 ? TlsServerPurpose.LeafProblem(certificate) : TlsServerPurpose.IssuerProblem(certificate, authority)) is { } purpose)
            {
                failure = DaneFailure.InvalidPurpose;
                return $"{Who()} is not for TLS servers: {purpose}";
            }

            if (certificate.PathLengthConstraint >= 0 && intermediatesBelow > certificate.PathLengthConstraint)
            {
                return $"{Who()} allows {certificate.PathLengthConstraint} intermediate CA(s) below it (pathLenConstraint), and there are {intermediatesBelow} (RFC 5280 §4.2.1.9)";
            }

            // RFC 5280 §6.1.4 (l): self-issued intermediates do not count against path length.
            if (i > 0 && !certificate.SelfIssued)
            {
                intermediatesBelow++;
            }
        }

        return null;
    }

    /// <summary>
    /// The name constraints of each certificate on every certificate below it, the anchor's own included as OpenSSL
    /// applies them (RFC 5937 §3 leaves that to the relying party); self-issued intermediates are not checked
    /// (RFC 5280 §6.1.3 (b)).
    /// </summary>
    /// <returns>Which certificate breaks whose constraints, or null when none does.</returns>
    private static string? CheckNameConstraints(List<ChainCertificate> chain, List<CertificateExtensions> facts)
    {
        int top = chain.Count - 1;
        for (int i = top; i >= 0; i--)
        {
            if (i > 0 && facts[i].SelfIssued)
            {
                continue;
            }

            for (int j = top; j > i; j--)
            {
                if (facts[j].NameConstraints is { } constraints && !constraints.Allows(facts[i], leaf: i == 0, out string problem))
                {
                    return $"{chain[i].Name} at depth {i} breaks the name constraints of {chain[j].Name}: {problem}";
                }
            }
        }

        return null;
    }
}
