using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>Which TLSA record authenticates the server in a <see cref="DaneTaChainCase"/>.</summary>
internal enum DaneTaAnchor
{
    /// <summary>`2 1 1` of the intermediate the server sends.</summary>
    Intermediate,
    /// <summary>`2 1 1` of the root, which the server then also sends.</summary>
    Root,
    /// <summary>`2 0 0` carrying the root, which the server does not send (RFC 7671 §5.2.1).</summary>
    RootCertificateRecord,
    /// <summary>`2 1 0` carrying the root's key, which the server does not send (RFC 7671 §5.2.1).</summary>
    RootKeyRecord,
    /// <summary>`3 1 1` of the leaf: DANE-EE, for which none of the chain checks apply (RFC 7671 §5.1).</summary>
    Leaf,
    /// <summary>`1 1 1` of the leaf: PKIX-EE, judged by PKIX validation against the root as the only trust anchor (RFC 7671 §5.3).</summary>
    PkixLeaf,
    /// <summary>`0 1 1` of the root: PKIX-TA, judged by PKIX validation against the root as the only trust anchor (RFC 7671 §5.4).</summary>
    PkixRoot,
}

/// <summary>
/// One chain for <see cref="DaneTaChainTests"/>: the extensions of each certificate in openssl's configuration
/// syntax, the record that names the trust anchor, the TLSA base domain, and the X509_V_* code OpenSSL 3.0 gives
/// (0 accepted, 25 path length exceeded, 26 unsuitable purpose, 34 unhandled critical extension, 47 permitted and 48
/// excluded subtree violation, 49 name constraint with a minimum or maximum, 62 host name mismatch, 79 invalid CA,
/// 94 explicit curve parameters).
/// </summary>
/// <param name="Why">The rule at stake and the clause that allows OpenSSL's verdict.</param>
/// <param name="Leaf">The leaf certificate's extensions.</param>
/// <param name="Anchor">Which certificate the TLSA record names as the trust anchor.</param>
/// <param name="OpenSslCode">The X509_V_* code OpenSSL gives for the chain.</param>
/// <param name="Intermediate">The intermediate's extensions; null for a chain without one.</param>
/// <param name="Root">The root's extensions.</param>
/// <param name="LeafSubject">The leaf's subject name.</param>
/// <param name="Domain">The TLSA base domain, also the reference identifier.</param>
/// <param name="SubIntermediate">The extensions of a second intermediate below the first; null for none.</param>
/// <param name="ExplicitCurveLeaf">Whether the leaf's key spells its curve's parameters out instead of naming the curve.</param>
/// <param name="Failure">Our <see cref="Dnssec.Dane.DaneFailure"/> where both refuse for different reasons; null to derive it from the code.</param>
internal sealed record DaneTaChainCase(
    string Why,
    string Leaf,
    DaneTaAnchor Anchor,
    int OpenSslCode,
    string? Intermediate = null,
    string Root = OpenSslChain.Ca,
    string LeafSubject = "/CN=www.example.com",
    string Domain = "www.example.com",
    string? SubIntermediate = null,
    bool ExplicitCurveLeaf = false,
    string? Failure = null)
{
    private const string San = "subjectAltName=DNS:www.example.com";

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, DaneTaChainCase> All { get; } = new SortedDictionary<string, DaneTaChainCase>(StringComparer.Ordinal)
    {
        // The leaf's purpose: OpenSSL's "SSL server" purpose (X509_check_purpose) on the leaf of every DANE-TA chain.
        ["leaf-no-eku"] = new("RFC 5280 §4.2.1.12: without the extension the key may serve any purpose", San, DaneTaAnchor.Intermediate, 0),
        ["leaf-eku-serverauth"] = new("RFC 5280 §4.2.1.12: id-kp-serverAuth is TLS server authentication", San + "\nextendedKeyUsage=serverAuth", DaneTaAnchor.Intermediate, 0),
        ["leaf-eku-serverauth-clientauth"] = new("RFC 5280 §4.2.1.12: one of the purposes is serverAuth", San + "\nextendedKeyUsage=serverAuth,clientAuth", DaneTaAnchor.Intermediate, 0),
        ["leaf-eku-clientauth"] = new("RFC 5280 §4.2.1.12: the key may be used only for the purposes listed, and clientAuth is not serverAuth", San + "\nextendedKeyUsage=clientAuth", DaneTaAnchor.Intermediate, 26),
        ["leaf-eku-any"] = new("RFC 5280 §4.2.1.12: applications MAY reject anyExtendedKeyUsage without the particular purpose; OpenSSL does", San + "\nextendedKeyUsage=anyExtendedKeyUsage", DaneTaAnchor.Intermediate, 26),
        ["leaf-eku-ns-sgc"] = new("OpenSSL counts Netscape Server Gated Crypto as server authentication", San + "\nextendedKeyUsage=nsSGC", DaneTaAnchor.Intermediate, 0),
        ["leaf-eku-ms-sgc"] = new("OpenSSL counts Microsoft Server Gated Crypto as server authentication", San + "\nextendedKeyUsage=msSGC", DaneTaAnchor.Intermediate, 0),
        ["leaf-eku-clientauth-dane-ee"] = new("RFC 7671 §5.1: DANE-EE(3) ignores everything in the certificate but the key", San + "\nextendedKeyUsage=clientAuth", DaneTaAnchor.Leaf, 0),
        ["leaf-ku-keycertsign-only"] = new("RFC 5280 §4.2.1.3: a TLS server key must sign, encipher or agree keys", San + "\nkeyUsage=critical,keyCertSign", DaneTaAnchor.Intermediate, 26),
        ["leaf-ku-digitalsignature"] = new("RFC 5280 §4.2.1.3: digitalSignature serves (EC)DHE handshakes", San + "\nkeyUsage=critical,digitalSignature", DaneTaAnchor.Intermediate, 0),
        ["leaf-ku-keyencipherment"] = new("RFC 5280 §4.2.1.3: keyEncipherment serves RSA key transport; OpenSSL's purpose check takes any of the three", San + "\nkeyUsage=critical,keyEncipherment", DaneTaAnchor.Intermediate, 0),
        ["leaf-ku-keyagreement"] = new("RFC 5280 §4.2.1.3: keyAgreement serves static (EC)DH; OpenSSL's purpose check takes any of the three", San + "\nkeyUsage=critical,keyAgreement", DaneTaAnchor.Intermediate, 0),
        ["leaf-nscerttype-client"] = new("The Netscape certificate type, when present, must allow an SSL server (OpenSSL's ns_reject)", San + "\nnsCertType=client", DaneTaAnchor.Intermediate, 26),
        ["leaf-nscerttype-server"] = new("The Netscape certificate type allows an SSL server", San + "\nnsCertType=server", DaneTaAnchor.Intermediate, 0),
        ["leaf-explicit-curve"] = new("RFC 5480 §2.1.1: specifiedCurve MUST NOT be used in PKIX; OpenSSL refuses such keys in a chain", San, DaneTaAnchor.Intermediate, 94, ExplicitCurveLeaf: true),
        ["leaf-explicit-curve-dane-ee"] = new("RFC 7671 §5.1: DANE-EE(3) takes the key as it is", San, DaneTaAnchor.Leaf, 0, ExplicitCurveLeaf: true),

        // The issuing certificates: CA (basic constraints and keyCertSign), purpose and path length on every certificate up to the anchor.
        ["intermediate-eku-clientauth-anchor"] = new("RFC 5280 §4.2.1.12 and OpenSSL: a CA's extended key usage restricts the chain; the DANE-TA anchor is checked too", San, DaneTaAnchor.Intermediate, 26, Intermediate: OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth"),
        ["intermediate-eku-clientauth-below-root"] = new("RFC 5280 §4.2.1.12 and OpenSSL: a CA's extended key usage restricts the chain", San, DaneTaAnchor.Root, 26, Intermediate: OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth"),
        ["intermediate-eku-serverauth-below-root"] = new("A CA restricted to serverAuth may issue TLS server certificates", San, DaneTaAnchor.Root, 0, Intermediate: OpenSslChain.Ca + "\nextendedKeyUsage=serverAuth"),
        ["intermediate-eku-any-below-root"] = new("RFC 5280 §4.2.1.12: anyExtendedKeyUsage alone MAY be rejected; OpenSSL does for CAs as for leaves", San, DaneTaAnchor.Root, 26, Intermediate: OpenSslChain.Ca + "\nextendedKeyUsage=anyExtendedKeyUsage"),
        ["intermediate-ku-without-keycertsign-anchor"] = new("RFC 5280 §4.2.1.3: a key that signs certificates must assert keyCertSign", San, DaneTaAnchor.Intermediate, 79, Intermediate: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature"),
        ["intermediate-ku-without-keycertsign-below-root"] = new("RFC 5280 §4.2.1.3: a key that signs certificates must assert keyCertSign", San, DaneTaAnchor.Root, 79, Intermediate: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature"),
        ["intermediate-ca-false-anchor"] = new("RFC 5280 §4.2.1.9: a certificate whose cA is false does not issue certificates, the anchor included", San, DaneTaAnchor.Intermediate, 79, Intermediate: "basicConstraints=critical,CA:FALSE"),
        ["intermediate-ca-false-below-root"] = new("RFC 5280 §4.2.1.9, §6.1.4 (k): an intermediate must be a CA", San, DaneTaAnchor.Root, 79, Intermediate: "basicConstraints=critical,CA:FALSE"),
        ["intermediate-no-basic-constraints-anchor"] = new("RFC 5280 §6.1.4 (k): without basic constraints a certificate is no CA; OpenSSL accepts an anchor only with keyCertSign", San, DaneTaAnchor.Intermediate, 79, Intermediate: "subjectKeyIdentifier=hash"),
        ["intermediate-only-keycertsign-anchor"] = new("RFC 5937 §3: the anchor's constraints are the relying party's choice; OpenSSL takes keyCertSign without basic constraints at the top", San, DaneTaAnchor.Intermediate, 0, Intermediate: "keyUsage=critical,keyCertSign"),
        ["intermediate-only-keycertsign-below-root"] = new("RFC 5280 §6.1.4 (k): an intermediate must carry basic constraints with cA true", San, DaneTaAnchor.Root, 79, Intermediate: "keyUsage=critical,keyCertSign"),
        ["intermediate-nscerttype-sslca-anchor"] = new("OpenSSL takes a Netscape SSL CA type without basic constraints at the top", San, DaneTaAnchor.Intermediate, 0, Intermediate: "nsCertType=sslCA"),
        ["intermediate-nscerttype-emailca-anchor"] = new("A Netscape e-mail CA is no SSL CA (OpenSSL's check_ssl_ca)", San, DaneTaAnchor.Intermediate, 26, Intermediate: "nsCertType=emailCA"),
        ["intermediate-unknown-critical-anchor"] = new("RFC 5280 §4.2: a critical extension that is not understood makes the certificate unusable", San, DaneTaAnchor.Intermediate, 34, Intermediate: OpenSslChain.Ca + "\n1.2.3.4=critical,ASN1:NULL"),
        ["intermediate-unknown-critical-below-root"] = new("RFC 5280 §4.2: a critical extension that is not understood makes the certificate unusable", San, DaneTaAnchor.Root, 34, Intermediate: OpenSslChain.Ca + "\n1.2.3.4=critical,ASN1:NULL"),
        ["intermediate-unknown-noncritical-anchor"] = new("RFC 5280 §4.2: a non-critical extension that is not understood is ignored", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\n1.2.3.4=ASN1:NULL"),
        ["intermediate-negative-pathlen-anchor"] = new("RFC 5280 §4.2.1.9: pathLenConstraint is 0..MAX; OpenSSL cannot use the certificate as an issuer and finds no anchor, we refuse it as unreadable", San, DaneTaAnchor.Intermediate, 65, Intermediate: "2.5.29.19=critical,DER:30060101FF0201FF\nkeyUsage=critical,keyCertSign", Failure: "ChainInvalid"),
        ["intermediate-ca-false-encoded-anchor"] = new("X.690 §11.5: a DEFAULT value should be omitted, but cA FALSE spelt out still says no CA", San, DaneTaAnchor.Intermediate, 79, Intermediate: "2.5.29.19=critical,DER:3003010100\nkeyUsage=critical,keyCertSign"),
        ["intermediate-ca-true-as-ber-below-root"] = new("X.690 §8.2.2: any non-zero octet is TRUE in BER, which OpenSSL reads", San, DaneTaAnchor.Root, 0, Intermediate: "2.5.29.19=critical,DER:3003010101\nkeyUsage=critical,keyCertSign"),
        ["intermediate-empty-eku-anchor"] = new("RFC 5280 §4.2.1.12: an empty extended key usage allows no purpose", San, DaneTaAnchor.Intermediate, 26, Intermediate: OpenSslChain.Ca + "\n2.5.29.37=DER:3000"),
        ["nc-empty"] = new("RFC 5280 §4.2.1.10 wants at least one subtree; an empty extension constrains nothing", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\n2.5.29.30=critical,DER:3000"),
        ["root-pathlen-0-over-intermediate"] = new("RFC 5280 §4.2.1.9: pathLenConstraint 0 allows no intermediate below; OpenSSL applies the anchor's constraint", San, DaneTaAnchor.Root, 25, Root: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign"),
        ["root-pathlen-0-carried"] = new("RFC 5280 §4.2.1.9 and RFC 7671 §5.2.1: a certificate in a 2 0 0 record joins the chain with its constraints", San, DaneTaAnchor.RootCertificateRecord, 25, Root: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign"),
        ["root-pathlen-0-key-only"] = new("RFC 7671 §5.2.1: a 2 1 0 record carries a key, not the root's constraints", San, DaneTaAnchor.RootKeyRecord, 0, Root: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign"),
        ["root-pathlen-0-anchor-below"] = new("RFC 7671 §5.2: the chain ends at the anchor the record names; certificates above it do not count", San, DaneTaAnchor.Intermediate, 0, Root: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign"),
        ["root-version1-anchor"] = new("RFC 5280 §6.1: a v1 root is a trust anchor as it is; OpenSSL takes a self-signed v1 certificate as a CA at the top", San, DaneTaAnchor.Root, 0, Root: ""),
        ["intermediate-version1-below-root"] = new("RFC 5280 §6.1.4 (k): a v1 intermediate has no basic constraints, so it is no CA", San, DaneTaAnchor.Root, 79, Intermediate: ""),
        ["intermediate-version1-anchor"] = new("A v1 certificate that is not self-signed is no CA, not even at the top", San, DaneTaAnchor.Intermediate, 79, Intermediate: ""),
        ["intermediate-pathlen-0-over-sub"] = new("RFC 5280 §4.2.1.9: pathLenConstraint 0 allows no intermediate below", San, DaneTaAnchor.Intermediate, 25, Intermediate: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign", SubIntermediate: OpenSslChain.Ca),
        ["intermediate-pathlen-0-over-leaf"] = new("RFC 5280 §4.2.1.9: the leaf does not count against pathLenConstraint", San, DaneTaAnchor.Intermediate, 0, Intermediate: "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign"),
        ["root-carried-eku-clientauth"] = new("RFC 7671 §5.2.1 with RFC 5280 §4.2.1.12: OpenSSL checks the purpose of a certificate from a 2 0 0 record", San, DaneTaAnchor.RootCertificateRecord, 26, Root: OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth"),
        ["root-key-only-eku-clientauth"] = new("RFC 7671 §5.2.1: a 2 1 0 record carries only the key; the root's extensions do not count", San, DaneTaAnchor.RootKeyRecord, 0, Root: OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth"),

        // Name constraints of the anchor and the intermediates on every certificate below them (RFC 5280 §4.2.1.10, §6.1.4 (g)).
        ["nc-permitted-dns"] = new("RFC 5280 §4.2.1.10: www.example.com is within example.com", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.com"),
        ["nc-permitted-dns-outside"] = new("RFC 5280 §4.2.1.10: www.example.com is outside example.net", San, DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["nc-permitted-dns-outside-below-root"] = new("RFC 5280 §6.1.4 (g): an intermediate's constraints bind the leaf whatever the anchor", San, DaneTaAnchor.Root, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["nc-permitted-dns-on-root"] = new("RFC 5937 §3: OpenSSL applies the anchor's own name constraints", San, DaneTaAnchor.Root, 47, Root: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["nc-permitted-dns-carried-root"] = new("RFC 7671 §5.2.1: a certificate in a 2 0 0 record joins the chain with its name constraints", San, DaneTaAnchor.RootCertificateRecord, 47, Root: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["nc-permitted-dns-second-name-outside"] = new("RFC 5280 §4.2.1.10: every DNS name must be within a permitted subtree, not only the one asked for", San + ",DNS:mail.example.net", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.com"),
        ["nc-permitted-dns-label-boundary"] = new("RFC 5280 §4.2.1.10: adding labels on the left, not characters: www.example.com is not within ample.com", San, DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:ample.com"),
        ["nc-permitted-dns-leading-dot"] = new("A leading dot (as OpenSSL reads it) permits names below the domain", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:.example.com"),
        ["nc-excluded-dns"] = new("RFC 5280 §4.2.1.10: an excluded subtree wins", San, DaneTaAnchor.Intermediate, 48, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,excluded;DNS:www.example.com"),
        ["nc-excluded-dns-other"] = new("RFC 5280 §4.2.1.10: a different excluded name does not matter", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,excluded;DNS:bad.example.com"),
        ["nc-common-name-outside"] = new("RFC 5280 §4.2.1.10 constrains names and the DN; a CN that RFC 6125 §6.4.4 lets serve as host name (no DNS name) must not escape DNS constraints, and OpenSSL 3.0 holds it to them", "basicConstraints=CA:FALSE", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["nc-common-name-wildcard-not-a-host"] = new("OpenSSL only constrains a CN that has the syntax of a host name; *.example.com has not", "basicConstraints=CA:FALSE", DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net", LeafSubject: "/CN=*.example.com"),
        ["nc-permitted-ip-dns-leaf"] = new("RFC 5280 §4.2.1.10: IP constraints do not touch DNS names", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0"),
        ["nc-permitted-ip-outside"] = new("RFC 5280 §4.2.1.10: 192.168.1.1 is outside 10.0.0.0/8", San + ",IP:192.168.1.1", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0"),
        ["nc-permitted-dirname-case"] = new("RFC 5280 §7.1: directory names compare without regard to case", San, DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;dirName:dir\n[dir]\nO=Example", LeafSubject: "/O=EXAMPLE/CN=www.example.com"),
        ["nc-permitted-dirname-outside"] = new("RFC 5280 §4.2.1.10: the subject must lie below a permitted directory name", San, DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;dirName:dir\n[dir]\nO=Example", LeafSubject: "/O=Other/CN=www.example.com"),
        ["nc-excluded-dirname"] = new("RFC 5280 §4.2.1.10: the subject lies below an excluded directory name", San, DaneTaAnchor.Intermediate, 48, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,excluded;dirName:dir\n[dir]\nO=Example", LeafSubject: "/O=Example/CN=www.example.com"),
        ["nc-subtree-maximum"] = new("RFC 5280 §4.2.1.10: maximum MUST be absent; OpenSSL refuses to judge such a subtree", San, DaneTaAnchor.Intermediate, 49, Intermediate: OpenSslChain.Ca + "\n2.5.29.30=critical,DER:3014A0123010820B6578616D706C652E636F6D810101"),
        ["nc-permitted-uri"] = new("RFC 5280 §4.2.1.10: a URI is constrained by its host", San + ",URI:https://www.example.com:8443/x", DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;URI:www.example.com"),
        ["nc-permitted-uri-outside"] = new("RFC 5280 §4.2.1.10: a base with a leading dot permits hosts below it, and other.example.net is not", San + ",URI:https://other.example.net/", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;URI:.example.com"),
        ["nc-permitted-email-mailbox"] = new("RFC 5280 §4.2.1.10: a whole mailbox permits that mailbox", San + ",email:admin@example.com", DaneTaAnchor.Intermediate, 0, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;email:admin@example.com"),
        ["nc-permitted-email-local-part-case"] = new("RFC 5280 §4.2.1.10 with RFC 5321 §2.4: the local part compares with case", San + ",email:Admin@example.com", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;email:admin@example.com"),
        ["nc-excluded-ipv6"] = new("RFC 5280 §4.2.1.10: 2001:db8::1 lies in the excluded 2001:db8::/32", San + ",IP:2001:db8::1", DaneTaAnchor.Intermediate, 48, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,excluded;IP:2001:db8::/ffff:ffff::"),
        ["nc-permitted-ipv4-for-ipv6"] = new("RFC 5280 §4.2.1.10: an IPv4 subtree does not hold an IPv6 address", San + ",IP:2001:db8::1", DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0"),
        ["nc-permitted-email-subject-outside"] = new("RFC 5280 §4.2.1.10: an emailAddress in the subject obeys rfc822Name constraints", San, DaneTaAnchor.Intermediate, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;email:example.com", LeafSubject: "/CN=www.example.com/emailAddress=admin@example.net"),

        // The host name: OpenSSL's default (X509_check_host without flags), partial wildcards included (RFC 6125 §6.4.3).
        ["name-partial-wildcard-prefix"] = new("RFC 6125 §6.4.3: a client MAY match baz*.example.net; OpenSSL does by default", "subjectAltName=DNS:w*.example.com", DaneTaAnchor.Intermediate, 0),
        ["name-partial-wildcard-empty"] = new("RFC 6125 §6.4.3: OpenSSL lets the * of w*.example.com stand for nothing", "subjectAltName=DNS:w*.example.com", DaneTaAnchor.Intermediate, 0, Domain: "w.example.com"),
        ["name-partial-wildcard-suffix"] = new("RFC 6125 §6.4.3: a client MAY match *baz.example.net", "subjectAltName=DNS:*w.example.com", DaneTaAnchor.Intermediate, 0, Domain: "aaw.example.com"),
        ["name-partial-wildcard-other-prefix"] = new("RFC 6125 §6.4.3: w*.example.com does not stand for xyz.example.com", "subjectAltName=DNS:w*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "xyz.example.com"),
        ["name-partial-wildcard-inside"] = new("RFC 6125 §6.4.3 allows b*z, OpenSSL does not: the * must begin or end the label", "subjectAltName=DNS:w*w.example.com", DaneTaAnchor.Intermediate, 62, Domain: "wxw.example.com"),
        ["name-wildcard-not-leftmost"] = new("RFC 6125 §6.4.3: a wildcard only in the left-most label", "subjectAltName=DNS:www.*.com", DaneTaAnchor.Intermediate, 62),
        ["name-wildcard-two"] = new("RFC 6125 §6.4.3: one wildcard, in the left-most label", "subjectAltName=DNS:*.*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "a.b.example.com"),
        ["name-wildcard-one-label"] = new("RFC 6125 §6.4.3: the wildcard stands for one label only", "subjectAltName=DNS:*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "a.b.example.com"),
        ["name-wildcard-not-empty-label"] = new("RFC 6125 §6.4.3: *.example.com does not stand for example.com", "subjectAltName=DNS:*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "example.com"),
        ["name-wildcard-public-suffix"] = new("OpenSSL refuses a wildcard with fewer than two labels after it", "subjectAltName=DNS:*.com", DaneTaAnchor.Intermediate, 62, Domain: "example.com"),
        ["name-wildcard-a-label-partial"] = new("RFC 6125 §6.4.3: no wildcard inside an A-label", "subjectAltName=DNS:xn--*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "xn--bcher-kva.example.com"),
        ["name-partial-wildcard-for-a-label"] = new("RFC 6125 §6.4.3: a partial wildcard does not stand for an A-label", "subjectAltName=DNS:x*.example.com", DaneTaAnchor.Intermediate, 62, Domain: "xn--bcher-kva.example.com"),
        ["name-wildcard-for-a-label"] = new("RFC 6125 §6.4.3: a whole-label wildcard may stand for an A-label", "subjectAltName=DNS:*.example.com", DaneTaAnchor.Intermediate, 0, Domain: "xn--bcher-kva.example.com"),
        ["name-case-insensitive"] = new("RFC 6125 §6.4.1: DNS names compare without regard to case", "subjectAltName=DNS:WWW.Example.COM", DaneTaAnchor.Intermediate, 0),
        ["name-common-name-partial-wildcard"] = new("RFC 6125 §6.4.4: the CN is used only without DNS names, with the same wildcard rules", "basicConstraints=CA:FALSE", DaneTaAnchor.Intermediate, 0, LeafSubject: "/CN=w*.example.com"),
        ["name-common-name-ignored-beside-dns"] = new("RFC 6125 §6.4.4: with a DNS name present, the CN is not a presented identifier", "subjectAltName=DNS:other.example.com", DaneTaAnchor.Intermediate, 62),

        // The PKIX usages rely on X509Chain for purpose and constraints, and on our own host name matching.
        ["pkix-ee-leaf-eku-clientauth"] = new("RFC 7671 §5.3: PKIX-EE needs ordinary PKIX validation for a TLS server", San + "\nextendedKeyUsage=clientAuth", DaneTaAnchor.PkixLeaf, 26),
        ["pkix-ee-leaf-eku-any"] = new("RFC 5280 §4.2.1.12: anyExtendedKeyUsage alone MAY be refused; OpenSSL does", San + "\nextendedKeyUsage=anyExtendedKeyUsage", DaneTaAnchor.PkixLeaf, 26),
        ["pkix-ta-intermediate-eku-clientauth"] = new("RFC 7671 §5.4: PKIX-TA needs ordinary PKIX validation for a TLS server", San, DaneTaAnchor.PkixRoot, 26, Intermediate: OpenSslChain.Ca + "\nextendedKeyUsage=clientAuth"),
        ["pkix-ta-nc-outside"] = new("RFC 5280 §6.1.4 (g) in ordinary PKIX validation", San, DaneTaAnchor.PkixRoot, 47, Intermediate: OpenSslChain.Ca + "\nnameConstraints=critical,permitted;DNS:example.net"),
        ["pkix-ee-partial-wildcard"] = new("RFC 6125 §6.4.3: the same host name rules as for DANE-TA", "subjectAltName=DNS:w*.example.com", DaneTaAnchor.PkixLeaf, 0),
    };

    /// <summary>Whether the server sends the root after the intermediates.</summary>
    public bool SendsRoot => Anchor == DaneTaAnchor.Root;

    /// <summary>Whether the case needs the root as a PKIX trust anchor.</summary>
    public bool Pkix => Anchor is DaneTaAnchor.PkixLeaf or DaneTaAnchor.PkixRoot;

    /// <summary>The <see cref="Dnssec.Dane.DaneFailure"/> name we must give where OpenSSL gives <see cref="OpenSslCode"/>.</summary>
    public string ExpectedFailure => Failure ?? OpenSslCode switch
    {
        0 => "None",
        62 => "NameMismatch",
        _ when Pkix => "PkixInvalid",
        25 or 34 or 79 or 94 => "ChainInvalid",
        26 => "InvalidPurpose",
        47 or 48 or 49 => "NameConstraintViolation",
        _ => throw new InvalidOperationException($"no failure is mapped to X509_V_* code {OpenSslCode}"),
    };

    /// <summary>The TLSA record for <see cref="Anchor"/> in <paramref name="chain"/>.</summary>
    public TlsaData Record(OpenSslChain chain) => Anchor switch
    {
        DaneTaAnchor.Intermediate => TlsaRecords.For(chain.Intermediate, 2, 1, 1),
        DaneTaAnchor.Root => TlsaRecords.For(chain.Root, 2, 1, 1),
        DaneTaAnchor.RootCertificateRecord => TlsaRecords.For(chain.Root, 2, 0, 0),
        DaneTaAnchor.RootKeyRecord => TlsaRecords.For(chain.Root, 2, 1, 0),
        DaneTaAnchor.PkixLeaf => TlsaRecords.For(chain.Leaf, 1, 1, 1),
        DaneTaAnchor.PkixRoot => TlsaRecords.For(chain.Root, 0, 1, 1),
        _ => TlsaRecords.For(chain.Leaf, 3, 1, 1),
    };
}
