using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dnssec.Dane;

/// <summary>
/// The names a server certificate must carry under DANE: the TLSA base domain and its reference identifiers
/// (RFC 7671 §7 for CNAME expansion, RFC 7672 §3.2.2 for SMTP), and how one is matched against a leaf.
/// </summary>
public static class ReferenceIdentifiers
{
    /// <summary>
    /// Whether the leaf carries the name: one of its DNS subject alternative names, or, only when it has none, one of
    /// its subject CNs (RFC 6125 §6.4.4), matches it as OpenSSL matches host names by default — wildcards in the
    /// left-most label only, as the whole label or at its start or end (<c>w*.example.com</c>, RFC 6125 §6.4.3), never
    /// inside or for an A-label. A certificate whose names cannot be read carries none.
    /// </summary>
    public static bool Matches(X509Certificate2 leaf, string name)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(name);
        return MatchesAny(leaf, [name]);
    }

    /// <summary>Whether the leaf carries any of the names; the leaf is read once.</summary>
    internal static bool MatchesAny(X509Certificate2 leaf, IReadOnlyList<string> names)
    {
        List<string> presented = Presented(leaf.RawDataMemory);
        foreach (string name in names)
        {
            string host = name.TrimEnd('.');
            if (host.Length == 0)
            {
                continue;
            }

            foreach (string identifier in presented)
            {
                if (HostNamePattern.Matches(identifier, host))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The DNS names of the certificate or, without any, its CNs; nothing when the certificate cannot be read.</summary>
    private static List<string> Presented(ReadOnlyMemory<byte> certificate)
    {
        var presented = new List<string>();
        if (!CertificateDer.TryLocateParts(certificate.Span, out CertificateParts parts)
            || !CertificateExtensions.TryRead(certificate, parts, out CertificateExtensions facts, out _))
        {
            return presented;
        }

        foreach (GeneralName alternative in facts.AlternativeNames)
        {
            if (alternative.Kind == GeneralNameKind.DnsName)
            {
                presented.Add(Encoding.Latin1.GetString(alternative.Value.Span));
            }
        }

        if (presented.Count == 0)
        {
            foreach (string? commonName in facts.Subject.CommonNames)
            {
                if (commonName is not null)
                {
                    presented.Add(commonName);
                }
            }
        }

        return presented;
    }
}
