using Dnssec.Dane;

namespace Dnssec.Tests.Dane;

/// <summary>
/// Host name matching against the verdicts of OpenSSL 3.0's X509_check_host without flags: every row but the last two
/// was seen with `openssl s_client -dane_tlsa_domain HOST` against a DANE-TA chain whose leaf has the pattern as its one
/// DNS name (DaneTaChainTests runs a selection of them as handshakes); the last two cannot be written by openssl's tools.
/// </summary>
public sealed class HostNamePatternTests
{
    [Theory]
    [InlineData("www.example.com", "www.example.com", true, "RFC 6125 §6.4.1: the same name")]
    [InlineData("WWW.Example.COM", "www.example.com", true, "RFC 6125 §6.4.1: ASCII case does not matter")]
    [InlineData("xn--abc.example.com", "XN--ABC.example.com", true, "RFC 6125 §6.4.2: A-labels compare as ASCII")]
    [InlineData("www.example.com.", "www.example.com", false, "OpenSSL: a trailing dot in the certificate is another name")]
    [InlineData("*.example.com", "www.example.com", true, "RFC 6125 §6.4.3: the whole left-most label")]
    [InlineData("*.example.com", "example.com", false, "RFC 6125 §6.4.3: the wildcard stands for one label, not none")]
    [InlineData("*.example.com", "a.b.example.com", false, "RFC 6125 §6.4.3: nor for two")]
    [InlineData("*.example.com", "xn--bcher-kva.example.com", true, "RFC 6125 §6.4.3: a whole-label wildcard may stand for an A-label")]
    [InlineData("*.example.com", "_a.example.com", false, "OpenSSL: the wildcard stands for letters, digits and hyphens")]
    [InlineData("*.example.com", "*.example.com", true, "OpenSSL: a literal '*' asked for matches the wildcard")]
    [InlineData("*.example.com.", "www.example.com", false, "OpenSSL: a pattern with a trailing dot is no wildcard")]
    [InlineData("*.com", "example.com", false, "OpenSSL: a wildcard needs two labels after it")]
    [InlineData("*", "www", false, "OpenSSL: a wildcard needs two labels after it")]
    [InlineData("w*.example.com", "www.example.com", true, "RFC 6125 §6.4.3: a client MAY match baz*.example.net")]
    [InlineData("w*.example.com", "w.example.com", true, "OpenSSL: a partial wildcard may stand for nothing")]
    [InlineData("w*.example.com", "xyz.example.com", false, "RFC 6125 §6.4.3: the fixed part must match")]
    [InlineData("w*.example.com", "w*.example.com", true, "OpenSSL: a literal '*' asked for matches the wildcard")]
    [InlineData("*w.example.com", "aaw.example.com", true, "RFC 6125 §6.4.3: a client MAY match *baz.example.net")]
    [InlineData("*-x.example.com", "a-x.example.com", true, "OpenSSL: hyphens beside the wildcard")]
    [InlineData("a*.example.com", "a-.example.com", true, "OpenSSL: the wildcard may stand for a hyphen")]
    [InlineData("a*.example.com", "a_b.example.com", false, "OpenSSL: the wildcard stands for letters, digits and hyphens")]
    [InlineData("w*w.example.com", "wxw.example.com", false, "RFC 6125 §6.4.3 allows b*z, OpenSSL does not")]
    [InlineData("www.*.com", "www.example.com", false, "RFC 6125 §6.4.3: only in the left-most label")]
    [InlineData("*.*.example.com", "a.b.example.com", false, "RFC 6125 §6.4.3: one wildcard only")]
    [InlineData("xn--*.example.com", "xn--abc.example.com", false, "RFC 6125 §6.4.3: no wildcard inside an A-label")]
    [InlineData("x*.example.com", "xn--abc.example.com", false, "RFC 6125 §6.4.3: a partial wildcard does not stand for an A-label")]
    [InlineData("-*.example.com", "-a.example.com", false, "OpenSSL: a label must not start with a hyphen")]
    [InlineData("w*.exa_mple.com", "www.exa_mple.com", false, "OpenSSL: outside host name syntax the pattern is compared literally")]
    [InlineData("w*.exa_mple.com", "w*.exa_mple.com", true, "OpenSSL: outside host name syntax the pattern is compared literally")]
    [InlineData("", "www.example.com", false, "An empty name names nothing")]
    [InlineData("www.example.com\0", "www.example.com\0", false, "OpenSSL: a NUL in the certificate's name never matches")]
    public void Matches_Pattern_AsOpenSsl(string pattern, string host, bool expected, string why)
    {
        Assert.True(expected == HostNamePattern.Matches(pattern, host), why);
    }
}
