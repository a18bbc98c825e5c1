using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Resolver;

/// <summary>
/// A DNS over TLS upstream and how it is authenticated (RFC 8310): in the strict profile by its authentication name
/// against the system store or the configured CAs (§8.2), by SPKI pins (§8.1), or both, each demanded when given; in
/// the opportunistic profile (neither given) not at all, the connection being encrypted only (§6.4).
/// </summary>
internal sealed class TlsUpstream
{
    public TlsUpstream(IPEndPoint endPoint, string? authenticationName, IReadOnlyList<SpkiPin> pins, X509Certificate2Collection? trustedCertificates)
    {
        EndPoint = endPoint;
        AuthenticationName = authenticationName;
        Pins = pins;
        TrustedCertificates = trustedCertificates;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The name the certificate must be valid for; null when none is demanded.</summary>
    public string? AuthenticationName { get; }

    public IReadOnlyList<SpkiPin> Pins { get; }

    /// <summary>The CAs trusted for the name check; the system store when null.</summary>
    public X509Certificate2Collection? TrustedCertificates { get; }

    /// <summary>Whether the upstream must be authenticated (RFC 8310 §6.5): it has a name or pins.</summary>
    public bool IsStrict => AuthenticationName is not null || Pins.Count > 0;

    /// <summary>The profile's name, as the refusals and logs word it.</summary>
    public string Profile => IsStrict ? "strict profile" : "opportunistic profile";

    /// <summary>How the questions sent to this upstream are hidden.</summary>
    public TransportPrivacy Privacy => IsStrict ? TransportPrivacy.Strict : TransportPrivacy.Opportunistic;

    /// <summary>The remark on every response of an upstream in the opportunistic profile (RFC 8310 §6.4: the answer and the log say so); null in the strict profile.</summary>
    public string? UnauthenticatedNote => IsStrict ? null : "unauthenticated TLS: opportunistic profile, no authentication name or pin";

    /// <summary>Why a handshake that threw <paramref name="exception"/> failed: the certificate's refusal when the judgement gave one, else the TLS layer's own reason.</summary>
    public static string HandshakeFailure(string? refusal, AuthenticationException exception) =>
        refusal ?? $"the TLS handshake failed: {exception.InnerException?.Message ?? exception.Message}";

    /// <summary>The client options of the handshake, with <paramref name="validate"/> judging the server's certificate.</summary>
    public SslClientAuthenticationOptions ClientOptions(RemoteCertificateValidationCallback validate)
    {
        var options = new SslClientAuthenticationOptions
        {
            // RFC 8310 §8.2: the authentication name is sent in SNI; without one there is no name to send (an IP is never sent).
            TargetHost = AuthenticationName ?? "",
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = validate,
        };
        if (TrustedCertificates is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(TrustedCertificates);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }

    /// <summary>Why the server's certificate does not authenticate it in the strict profile; null when it does.</summary>
    public string? Refusal(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return $"{EndPoint} sent no certificate";
        }

        // SslStream hands over an X509Certificate2; a copy is made only should another platform not.
        using X509Certificate2? copy = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        X509Certificate2 server = copy ?? (X509Certificate2)certificate;
        if (Pins.Count > 0 && !MatchesPin(server, chain))
        {
            return $"pin mismatch: no certificate in the chain of {EndPoint} has a pinned key (its leaf is {SpkiPin.FromCertificate(server)}, subject {server.Subject})";
        }

        if (AuthenticationName is null)
        {
            return null;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            return ChainProblem(server, chain);
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"name mismatch: the certificate of {EndPoint} (subject {server.Subject}) is not valid for {AuthenticationName}";
        }

        return errors == SslPolicyErrors.None ? null : $"the certificate of {EndPoint} was refused: {errors}";
    }

    private bool MatchesPin(X509Certificate2 leaf, X509Chain? chain)
    {
        IEnumerable<X509Certificate2> candidates = [leaf];
        if (chain is not null)
        {
            // The chain built from what the server sent, and what it sent beyond that: RFC 7858 §4.2 pins any key in it.
            candidates = candidates.Concat(chain.ChainElements.Select(element => element.Certificate)).Concat(chain.ChainPolicy.ExtraStore);
        }

        return candidates.Any(certificate => Pins.Any(pin => pin.Matches(certificate)));
    }

    private string ChainProblem(X509Certificate2 leaf, X509Chain? chain)
    {
        X509ChainStatusFlags flags = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status) ?? X509ChainStatusFlags.NoError;
        string store = TrustedCertificates is null ? "the system store" : "the configured CA file";
        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            // The platform judged validity at the time of the handshake; the element it flagged says which certificate.
            X509ChainElement? element = chain!.ChainElements.FirstOrDefault(e => e.ChainElementStatus.Any(status => status.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)));
            X509Certificate2 stale = element?.Certificate ?? leaf;
            return stale.NotBefore < stale.NotAfter && stale.NotBefore.ToUniversalTime() < chain.ChainPolicy.VerificationTime.ToUniversalTime()
                ? $"expired: the certificate {stale.Subject} of {EndPoint} expired {stale.NotAfter.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}"
                : $"not yet valid: the certificate {stale.Subject} of {EndPoint} is valid from {stale.NotBefore.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}";
        }

        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            return $"self-signed: the certificate of {EndPoint} ({leaf.Subject}) signs itself and is not trusted by {store}";
        }

        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) || flags.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            return $"untrusted: the chain of {EndPoint} ({leaf.Subject}, issued by {leaf.Issuer}) does not lead to a CA in {store}";
        }

        string statuses = chain is null ? "no chain" : string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()));
        return $"untrusted: the chain of {EndPoint} ({leaf.Subject}) was refused: {statuses}";
    }
}
