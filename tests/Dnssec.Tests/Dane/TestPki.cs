using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Tests.Dane;

/// <summary>The key algorithms the DANE tests make certificates with.</summary>
public enum TestKeyKind
{
    Rsa,
    Ecdsa,
    Ed25519,
}

/// <summary>
/// A root CA, an intermediate CA and a server leaf made for one test: RSA and ECDSA with CertificateRequest; Ed25519,
/// which .NET cannot create, with the openssl tool. The files (PEM chain, key) serve `openssl s_server`.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private static readonly Lazy<TestPki>[] SharedPkis = Enum.GetValues<TestKeyKind>().SelectMany(kind => new[] { new Lazy<TestPki>(() => CreateShared(kind)), new Lazy<TestPki>(() => CreateShared(kind)) }).ToArray();

    private readonly TemporaryDirectory _directory = new();

    private TestPki(TestKeyKind kind) => Kind = kind;

    public TestKeyKind Kind { get; }

    public X509Certificate2 Root { get; private set; } = null!;

    public X509Certificate2 Intermediate { get; private set; } = null!;

    /// <summary>The leaf, with its private key for RSA and ECDSA.</summary>
    public X509Certificate2 Leaf { get; private set; } = null!;

    /// <summary>The chain a server sends: leaf, intermediate.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Leaf, Intermediate];

    /// <summary>The leaf and intermediate in PEM, for openssl s_server -cert with -cert_chain folded in.</summary>
    public string ChainPemPath { get; private set; } = "";

    /// <summary>The leaf alone in PEM, for openssl s_server -cert.</summary>
    public string LeafPemPath { get; private set; } = "";

    /// <summary>The intermediate alone in PEM, for openssl s_server -cert_chain.</summary>
    public string IntermediatePemPath { get; private set; } = "";

    /// <summary>The leaf's private key in PKCS#8 PEM.</summary>
    public string KeyPemPath { get; private set; } = "";

    /// <summary>The root in PEM, for a PKIX trust store.</summary>
    public string RootPemPath { get; private set; } = "";

    public static TestPki Create(TestKeyKind kind, string[]? leafNames = null, bool expiredLeaf = false)
    {
        var pki = new TestPki(kind);
        string[] names = leafNames ?? ["www.example.test"];
        DateTimeOffset now = DateTimeOffset.UtcNow;
        (DateTimeOffset notBefore, DateTimeOffset notAfter) leafValidity = expiredLeaf ? (now.AddDays(-30), now.AddDays(-1)) : (now.AddDays(-1), now.AddDays(30));
        if (kind == TestKeyKind.Ed25519)
        {
            pki.CreateWithOpenSsl(names, leafValidity);
        }
        else
        {
            pki.CreateInProcess(names, leafValidity);
        }

        pki.RootPemPath = pki._directory.Write("root.pem", pki.Root.ExportCertificatePem() + "\n");
        pki.LeafPemPath = pki._directory.Write("leaf-only.pem", pki.Leaf.ExportCertificatePem() + "\n");
        pki.IntermediatePemPath = pki._directory.Write("intermediate-only.pem", pki.Intermediate.ExportCertificatePem() + "\n");
        pki.ChainPemPath = pki._directory.Write("chain.pem", pki.Leaf.ExportCertificatePem() + "\n" + pki.Intermediate.ExportCertificatePem() + "\n");
        return pki;
    }

    /// <summary>One of two PKIs per kind that live as long as the test run, for tests that only read them; never dispose it.</summary>
    public static TestPki Shared(TestKeyKind kind, int which = 0) => SharedPkis[(2 * (int)kind) + which].Value;

    /// <summary>Shared PKIs outlive every test, so their files go when the test process ends.</summary>
    private static TestPki CreateShared(TestKeyKind kind)
    {
        TestPki pki = Create(kind);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => pki.Dispose();
        return pki;
    }

    /// <summary>A self-signed leaf of the same kind (RSA or ECDSA) with its private key.</summary>
    public static X509Certificate2 SelfSigned(TestKeyKind kind, string name)
    {
        using AsymmetricAlgorithm key = NewKey(kind);
        CertificateRequest request = Request($"CN={name}", key);
        AddLeafExtensions(request, [name]);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
        _directory.Dispose();
    }

    private void CreateInProcess(string[] names, (DateTimeOffset NotBefore, DateTimeOffset NotAfter) leafValidity)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using AsymmetricAlgorithm rootKey = NewKey(Kind);
        CertificateRequest rootRequest = Request("CN=Test Root CA", rootKey);
        AddCaExtensions(rootRequest);
        Root = rootRequest.CreateSelfSigned(now.AddDays(-60), now.AddYears(2));

        using AsymmetricAlgorithm intermediateKey = NewKey(Kind);
        CertificateRequest intermediateRequest = Request("CN=Test Intermediate CA", intermediateKey);
        AddCaExtensions(intermediateRequest);
        using X509Certificate2 intermediate = intermediateRequest.Create(Root, now.AddDays(-60), now.AddYears(1), [1, 2, 3, 4]);
        Intermediate = X509CertificateLoader.LoadCertificate(intermediate.RawData);
        X509Certificate2 intermediateWithKey = intermediateKey is RSA rsa ? intermediate.CopyWithPrivateKey(rsa) : intermediate.CopyWithPrivateKey((ECDsa)intermediateKey);

        using AsymmetricAlgorithm leafKey = NewKey(Kind);
        CertificateRequest leafRequest = Request($"CN={names[0]}", leafKey);
        AddLeafExtensions(leafRequest, names);
        using X509Certificate2 leaf = leafRequest.Create(intermediateWithKey, leafValidity.NotBefore, leafValidity.NotAfter, [5, 6, 7, 8]);
        intermediateWithKey.Dispose();
        Leaf = leafKey is RSA leafRsa ? leaf.CopyWithPrivateKey(leafRsa) : leaf.CopyWithPrivateKey((ECDsa)leafKey);
        string keyPem = leafKey is RSA r ? r.ExportPkcs8PrivateKeyPem() : ((ECDsa)leafKey).ExportPkcs8PrivateKeyPem();
        KeyPemPath = _directory.Write("leaf.key", keyPem + "\n");
    }

    private void CreateWithOpenSsl(string[] names, (DateTimeOffset NotBefore, DateTimeOffset NotAfter) leafValidity)
    {
        string dir = _directory.Path;
        string san = string.Join(',', names.Select(n => "DNS:" + n));
        File.WriteAllText(Path.Combine(dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
        File.WriteAllText(Path.Combine(dir, "leaf.ext"), $"basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName={san}\n");
        OpenSsl(dir, "genpkey", "-algorithm", "ed25519", "-out", "root.key");
        OpenSsl(dir, "req", "-x509", "-new", "-key", "root.key", "-subj", "/CN=Test Root CA", "-days", "730", "-out", "root.crt",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        OpenSsl(dir, "genpkey", "-algorithm", "ed25519", "-out", "intermediate.key");
        OpenSsl(dir, "req", "-new", "-key", "intermediate.key", "-subj", "/CN=Test Intermediate CA", "-out", "intermediate.csr");
        OpenSsl(dir, "x509", "-req", "-in", "intermediate.csr", "-CA", "root.crt", "-CAkey", "root.key", "-set_serial", "2", "-days", "365", "-extfile", "ca.ext", "-out", "intermediate.crt");
        OpenSsl(dir, "genpkey", "-algorithm", "ed25519", "-out", "leaf.key");
        OpenSsl(dir, "req", "-new", "-key", "leaf.key", "-subj", $"/CN={names[0]}", "-out", "leaf.csr");
        string start = leafValidity.NotBefore.UtcDateTime.ToString("yyyyMMddHHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string end = leafValidity.NotAfter.UtcDateTime.ToString("yyyyMMddHHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        OpenSsl(dir, "ca", "-batch", "-config", WriteMiniCaConfig(dir), "-in", "leaf.csr", "-cert", "intermediate.crt", "-keyfile", "intermediate.key",
            "-startdate", start, "-enddate", end, "-extfile", "leaf.ext", "-notext", "-out", "leaf.crt");
        Root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "root.crt"));
        Intermediate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "intermediate.crt"));
        Leaf = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "leaf.crt"));
        KeyPemPath = Path.Combine(dir, "leaf.key");
    }

    private static string WriteMiniCaConfig(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "ca"));
        File.WriteAllText(Path.Combine(dir, "ca", "index.txt"), "");
        File.WriteAllText(Path.Combine(dir, "ca", "serial"), "10\n");
        string config = Path.Combine(dir, "ca.cnf");
        File.WriteAllText(config, $"[ca]\ndefault_ca=test\n[test]\ndir={dir}/ca\ndatabase=$dir/index.txt\nserial=$dir/serial\nnew_certs_dir=$dir\ndefault_md=default\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n");
        return config;
    }

    private static void OpenSsl(string dir, params string[] arguments)
    {
        ExternalTool.Result result = ExternalTool.Run("openssl", arguments, dir);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)}: {result.Combined}");
        }
    }

    private static AsymmetricAlgorithm NewKey(TestKeyKind kind) => kind == TestKeyKind.Rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key is RSA rsa
        ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    private static void AddLeafExtensions(CertificateRequest request, string[] names)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
    }
}
