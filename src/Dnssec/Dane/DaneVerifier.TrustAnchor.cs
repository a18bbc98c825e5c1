using System.Security.Cryptography.X509Certificates;
using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Dane;

public sealed partial class DaneVerifier
{
    /// <summary>
    /// DANE-TA(2) (RFC 7671 §5.2): walks up from the leaf, each step to a chain certificate whose subject is the current
    /// issuer and whose key verifies the current signature, until a certificate a record matches, or a certificate or
    /// key carried in a record (§5.2.1) signs the current one. Then the chain from the leaf to the anchor — the
    /// anchor's certificate included when there is one, in the chain or in a `2 0 0` record — is checked as OpenSSL
    /// checks it (<see cref="CheckExtensions"/>, <see cref="CheckNameConstraints"/>), the dates of the certificates
    /// below the anchor, and last the leaf's name. The anchor's own dates are not checked, as its record vouches for it.
    /// </summary>
    private void VerifyDaneTrustAnchor(Run run)
    {
        List<TlsaData> anchors = run.Usable.FindAll(r => r.CertificateUsage == (byte)TlsaUsage.DANETA);
        if (anchors.Count == 0)
        {
            return;
        }

        List<TlsaData> carried = anchors.FindAll(r => r.MatchingType == (byte)TlsaMatchingType.Full && !MatchesAnyOf(run, r));
        int maxLength = Math.Clamp(_options.MaxChainLength, 2, 32);
        var path = new List<int> { 0 };
        bool[] used = new bool[run.Chain.Count];
        used[0] = true;
        int current = 0;
        while (path.Count <= maxLength)
        {
            int depth = path.Count - 1;
            ReadOnlySpan<byte> der = run.Chain[current].RawDataMemory.Span;
            if (depth > 0)
            {
                foreach (TlsaData record in anchors)
                {
                    if (TlsaMatcher.Match(der, record) == TlsaMatchResult.Match)
                    {
                        Finish(record, depth, path.Count - 1, carried: false, $"{Describe(record)} matched {Subject(run.Chain[current])} at depth {depth}");
                        return;
                    }
                }
            }

            foreach (TlsaData record in carried)
            {
                if (SignedByCarried(run, current, record))
                {
                    bool certificate = record.Selector == (byte)TlsaSelector.Cert;
                    string what = certificate ? "certificate" : "public key";
                    Finish(record, certificate ? depth + 1 : depth, path.Count, certificate, $"the {what} of {Describe(record)} signed {Subject(run.Chain[current])} at depth {depth}");
                    return;
                }
            }

            int issuer = FindIssuer(run, current, used);
            if (issuer < 0)
            {
                break;
            }

            used[issuer] = true;
            path.Add(issuer);
            current = issuer;
        }

        for (int i = 1; i < run.Chain.Count; i++)
        {
            foreach (TlsaData record in anchors)
            {
                if (TlsaMatcher.Match(run.Chain[i].RawDataMemory.Span, record) == TlsaMatchResult.Match)
                {
                    run.Add(DaneFailure.ChainInvalid, record, i, $"{Describe(record)} matched {Subject(run.Chain[i])} at depth {i}, but no chain of valid signatures leads from the leaf to it");
                    return;
                }
            }
        }

        // below: how many certificates of the path lie below the anchor; carried: the anchor is the certificate of a 2 0 0 record.
        void Finish(TlsaData record, int depth, int below, bool carried, string matched)
        {
            var chain = new List<ChainCertificate>();
            foreach (int index in path)
            {
                chain.Add(new ChainCertificate(run.Chain[index].RawDataMemory, run.Parts[index], run.Chain[index]));
            }

            if (carried && CertificateDer.TryLocateParts(record.AssociationData.Span, out CertificateParts anchorParts))
            {
                chain.Add(new ChainCertificate(record.AssociationData, anchorParts, null));
            }

            var facts = new List<CertificateExtensions>();
            if (CheckExtensions(chain, facts, out DaneFailure failure) is { } problem)
            {
                run.Add(failure, record, depth, $"{matched}, but {problem}");
                return;
            }

            DateTimeOffset now = _options.TimeProvider.GetUtcNow();
            for (int i = 0; i < below; i++)
            {
                X509Certificate2 certificate = run.Chain[path[i]];
                if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
                {
                    run.Add(DaneFailure.Expired, record, depth, $"{matched}, but {Subject(certificate)} is valid only from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}");
                    return;
                }
            }

            if (CheckNameConstraints(chain, facts) is { } outside)
            {
                run.Add(DaneFailure.NameConstraintViolation, record, depth, $"{matched}, but {outside}");
                return;
            }

            // Names come last: a name mismatch must mean that everything else passed, since SMTP's "secure" level accepts
            // a name mismatch when the leaf names a subdomain of the next hop.
            if (!NamesMatch(run))
            {
                run.Add(DaneFailure.NameMismatch, record, depth, $"{matched}, but {NameProblem(run)}");
                return;
            }

            run.Add(DaneFailure.None, record, depth, $"{matched}; the chain to it verifies and is fit for a TLS server, its certificates are within their dates and their name constraints, and the name matches");
        }
    }

    private static bool MatchesAnyOf(Run run, TlsaData record)
    {
        foreach (X509Certificate2 certificate in run.Chain)
        {
            if (TlsaMatcher.Match(certificate.RawDataMemory.Span, record) == TlsaMatchResult.Match)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SignedByCarried(Run run, int index, TlsaData record)
    {
        ReadOnlySpan<byte> child = run.Chain[index].RawDataMemory.Span;
        CertificateParts childParts = run.Parts[index];
        ReadOnlySpan<byte> data = record.AssociationData.Span;
        ReadOnlySpan<byte> key = data;
        if (record.Selector == (byte)TlsaSelector.Cert)
        {
            if (!CertificateDer.TryLocateParts(data, out CertificateParts anchor) || data.SequenceEqual(child) || !data[anchor.Subject].SequenceEqual(child[childParts.Issuer]))
            {
                return false;
            }

            key = data[anchor.SubjectPublicKeyInfo];
        }

        return X509SignatureVerifier.Verify(key, child[childParts.SignatureAlgorithm], child[childParts.ToBeSigned], child[childParts.Signature]);
    }

    private static int FindIssuer(Run run, int index, bool[] used)
    {
        ReadOnlySpan<byte> child = run.Chain[index].RawDataMemory.Span;
        CertificateParts childParts = run.Parts[index];
        for (int i = 0; i < run.Chain.Count; i++)
        {
            ReadOnlySpan<byte> candidate = run.Chain[i].RawDataMemory.Span;
            CertificateParts parts = run.Parts[i];
            if (!used[i] && candidate[parts.Subject].SequenceEqual(child[childParts.Issuer])
                && X509SignatureVerifier.Verify(candidate[parts.SubjectPublicKeyInfo], child[childParts.SignatureAlgorithm], child[childParts.ToBeSigned], child[childParts.Signature]))
            {
                return i;
            }
        }

        return -1;
    }
}
