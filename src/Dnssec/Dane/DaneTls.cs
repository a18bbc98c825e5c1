using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

/// <summary>
/// Plugs <see cref="DaneVerifier"/> into <see cref="SslStream"/>: with a Secure TLSA RRset the server is judged by
/// DANE alone (the platform's PKIX verdict is not consulted, since DANE-TA and DANE-EE servers need no public CA); with
/// no DANE, by the platform's ordinary PKIX verdict; a failed lookup rejects every certificate.
/// </summary>
public static class DaneTls
{
    /// <summary>A certificate validation callback for a server whose TLSA records were looked up.</summary>
    /// <param name="lookup">The TLSA lookup for the server's host and port.</param>
    /// <param name="options">The verifier's options; null for the RFC 7671 defaults.</param>
    /// <param name="observe">Called with each DANE verdict, to log or to explain it.</param>
    public static RemoteCertificateValidationCallback CreateValidationCallback(TlsaLookupResult lookup, DaneVerifierOptions? options = null, Action<DaneResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var verifier = new DaneVerifier(options);
        return (_, certificate, chain, errors) => Validate(lookup, verifier, certificate, chain, errors, observe);
    }

    /// <summary>Client options for <see cref="SslStream.AuthenticateAsClientAsync(SslClientAuthenticationOptions, CancellationToken)"/>: SNI from the host and the DANE callback.</summary>
    public static SslClientAuthenticationOptions CreateClientOptions(TlsaLookupResult lookup, DaneVerifierOptions? options = null, Action<DaneResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new SslClientAuthenticationOptions
        {
            TargetHost = lookup.Host,
            RemoteCertificateValidationCallback = CreateValidationCallback(lookup, options, observe),
        };
    }

    /// <summary>
    /// The certificates the server sent, leaf first: .NET hands the peer's other certificates to the callback in the
    /// chain's extra store, in the order they came.
    /// </summary>
    public static List<X509Certificate2> ServerChain(X509Certificate certificate, X509Chain? chain)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var sent = new List<X509Certificate2> { certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) };
        if (chain is not null)
        {
            foreach (X509Certificate2 extra in chain.ChainPolicy.ExtraStore)
            {
                if (!extra.RawDataMemory.Span.SequenceEqual(sent[0].RawDataMemory.Span))
                {
                    sent.Add(extra);
                }
            }
        }

        return sent;
    }

    internal static bool Validate(TlsaLookupResult lookup, DaneVerifier verifier, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, Action<DaneResult>? observe)
    {
        switch (lookup.Status)
        {
            case TlsaLookupStatus.NoDane:
                return errors == SslPolicyErrors.None;
            case TlsaLookupStatus.Dane when certificate is not null:
                DaneResult result = verifier.Verify(ServerChain(certificate, chain), lookup.Records, lookup.ReferenceIdentifiers);
                observe?.Invoke(result);
                return result.Authenticated;
            default:
                return false;
        }
    }
}
