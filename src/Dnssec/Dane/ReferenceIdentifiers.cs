using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

/// <summary>
/// The names a server certificate must carry under DANE: the TLSA base domain and its reference identifiers
/// (RFC 7671 §7 for CNAME expansion, RFC 7672 §3.2.2 for SMTP), and how one is matched against a leaf.
/// </summary>
public static class ReferenceIdentifiers
{
    /// <summary>
    /// Whether the leaf carries the name: a DNS subject alternative name equal to it or a wildcard that stands for its
    /// whole leftmost label (RFC 6125 §6.4.3, RFC 7672 §3.2.3); the subject CN only when there are no DNS names.
    /// </summary>
    public static bool Matches(X509Certificate2 leaf, string name)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        string host = name.TrimEnd('.');
        if (host.Length == 0)
        {
            return false;
        }

        try
        {
            return leaf.MatchesHostname(host, allowWildcards: true, allowCommonName: true);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
