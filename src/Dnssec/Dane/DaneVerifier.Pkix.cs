using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Dane;

public sealed partial class DaneVerifier
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>PKIX-TA(0): a record that matches a CA of the chain built by ordinary PKIX validation (RFC 7671 §5.4).</summary>
    private void VerifyPkixTrustAnchor(Run run)
    {
        if (!run.Usable.Exists(r => r.CertificateUsage == (byte)TlsaUsage.PKIXTA))
        {
            return;
        }

        PkixChain pkix = run.Pkix(this);
        for (int depth = 1; depth < pkix.Elements.Count; depth++)
        {
            foreach (TlsaData record in run.Usable)
            {
                if (record.CertificateUsage != (byte)TlsaUsage.PKIXTA || TlsaMatcher.Match(pkix.Elements[depth], record) != TlsaMatchResult.Match)
                {
                    continue;
                }

                string matched = $"{Describe(record)} matched the CA at depth {depth} of the PKIX chain";
                if (!pkix.Valid)
                {
                    run.Add(DaneFailure.PkixInvalid, record, depth, $"{matched}, but PKIX validation failed: {pkix.Problem}");
                }
                else if (!NamesMatch(run))
                {
                    run.Add(DaneFailure.NameMismatch, record, depth, $"{matched}, but {NameProblem(run)}");
                }
                else
                {
                    run.Add(DaneFailure.None, record, depth, $"{matched}; the chain passes PKIX validation and the name matches");
                }
            }
        }
    }

    /// <summary>
    /// Ordinary PKIX validation against the configured or the system trust store, for server authentication. Full
    /// certificates in PKIX records join the pool of intermediates, as a server that omits one relies on them.
    /// </summary>
    private PkixChain BuildPkixChain(Run run)
    {
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = _options.TimeProvider.GetUtcNow().UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        for (int i = 1; i < run.Chain.Count; i++)
        {
            policy.ExtraStore.Add(run.Chain[i]);
        }

        var supplied = new List<X509Certificate2>();
        foreach (TlsaData record in run.Usable)
        {
            if (record.CertificateUsage <= (byte)TlsaUsage.PKIXEE && record.Selector == (byte)TlsaSelector.Cert && record.MatchingType == (byte)TlsaMatchingType.Full)
            {
                try
                {
                    X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(record.AssociationData.Span);
                    supplied.Add(certificate);
                    policy.ExtraStore.Add(certificate);
                }
                catch (CryptographicException)
                {
                    // A record whose certificate the platform cannot load only fails to help build the chain.
                }
            }
        }

        if (_options.PkixTrustAnchors is { } anchors)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(anchors);
        }

        try
        {
            bool valid;
            try
            {
                valid = chain.Build(run.Chain[0]);
            }
            catch (CryptographicException exception)
            {
                // A certificate the platform's chain builder cannot read fails PKIX; it must not fail the whole verdict.
                return new PkixChain(false, [], $"the chain could not be built: {exception.Message}");
            }

            var elements = new List<byte[]>();
            foreach (X509ChainElement element in chain.ChainElements)
            {
                elements.Add(element.Certificate.RawData);
                element.Certificate.Dispose();
            }

            return new PkixChain(valid, elements, valid ? "" : Problem(chain));
        }
        finally
        {
            foreach (X509Certificate2 certificate in supplied)
            {
                certificate.Dispose();
            }
        }
    }

    private static string Problem(X509Chain chain)
    {
        var problems = new List<string>();
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            problems.Add(status.Status switch
            {
                X509ChainStatusFlags.PartialChain => "unable to get the issuer certificate: no path to a trusted root",
                X509ChainStatusFlags.UntrustedRoot => "the root is not in the trust store",
                X509ChainStatusFlags.NotTimeValid => "a certificate is expired or not yet valid",
                X509ChainStatusFlags.NotSignatureValid => "a signature does not verify",
                X509ChainStatusFlags.NotValidForUsage => "the leaf is not for server authentication",
                _ => status.StatusInformation.Trim(),
            });
        }

        return problems.Count == 0 ? "the chain could not be built" : string.Join("; ", problems.Distinct());
    }
}
