// Uses the packed library as an application would: a name, a TLSA record made from a certificate and written as
// text, read back, and matched against that certificate and another; the shipped root anchor read from the package's
// embedded resources. Exits 1 if anything gives another result than it must.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

DnsName name = DnsName.Parse("_25._tcp.Mail.Example.COM");
using X509Certificate2 server = SelfSigned("mail.example.com");
using X509Certificate2 other = SelfSigned("other.example.com");

TlsaData made = TlsaRecordFactory.Create(server.RawData, TlsaUsage.DANEEE, TlsaSelector.SPKI, TlsaMatchingType.SHA2256);
string text = TlsaText.Format(made);
if (!TlsaText.TryParse(text, out TlsaData record, out string? error))
{
    Console.Error.WriteLine($"consumer: the TLSA text \"{text}\" did not parse back: {error}");
    return 1;
}

TlsaMatchResult own = TlsaMatcher.Match(server.RawData, record);
TlsaMatchResult foreign = TlsaMatcher.Match(other.RawData, record);
int anchors = TrustAnchorSet.ShippedRootAnchors().Count;
Console.WriteLine($"consumer: {name} TLSA {text}: server {own}, other {foreign}, shipped root anchors {anchors}");
return own == TlsaMatchResult.Match && foreign == TlsaMatchResult.NoMatch && anchors > 0 ? 0 : 1;

static X509Certificate2 SelfSigned(string host)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
    DateTimeOffset now = DateTimeOffset.UtcNow;
    return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
}
