using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Tests.Dane;

/// <summary>
/// A root, an intermediate, an optional second intermediate and a leaf made by the openssl tool, each with the
/// extensions a test writes in openssl's configuration syntax (lines of a `[v3]` section, then any further sections
/// they refer to, such as a `dirName` section; none for a v1 certificate). ECDSA P-256 keys, made once per test run
/// and shared by every chain.
/// </summary>
internal sealed class OpenSslChain : IDisposable
{
    /// <summary>CA extensions as a well-formed CA carries them.</summary>
    public const string Ca = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign";

    private static readonly Lazy<string> Keys = new(CreateKeys);

    private readonly TemporaryDirectory _directory = new();
    private readonly List<X509Certificate2> _loaded = [];
    private int _serial = 1;

    private OpenSslChain()
    {
    }

    public X509Certificate2 Root { get; private set; } = null!;

    public X509Certificate2 Intermediate { get; private set; } = null!;

    /// <summary>The intermediate below <see cref="Intermediate"/>, when the chain has one.</summary>
    public X509Certificate2? SubIntermediate { get; private set; }

    public X509Certificate2 Leaf { get; private set; } = null!;

    public string LeafPemPath { get; private set; } = "";

    public string LeafKeyPath { get; private set; } = "";

    /// <summary>The intermediate's private key, shared by every chain.</summary>
    public static string IntermediateKeyPath => Path.Combine(Keys.Value, "intermediate.key");

    /// <summary>The root in PEM, a trust store for the PKIX usages.</summary>
    public string RootPemPath { get; private set; } = "";

    /// <param name="rootExtensions">The root's `[v3]` lines.</param>
    /// <param name="intermediateExtensions">The intermediate's; null for <see cref="Ca"/>.</param>
    /// <param name="leafSubject">The leaf's subject in openssl's `/A=x/B=y` form.</param>
    /// <param name="leafExtensions">The leaf's `[v3]` lines.</param>
    /// <param name="subIntermediateExtensions">A second intermediate between the first and the leaf, or null for none.</param>
    /// <param name="explicitCurveLeaf">Gives the leaf a P-256 key encoded with explicit curve parameters.</param>
    public static OpenSslChain Create(string rootExtensions, string? intermediateExtensions, string leafSubject, string leafExtensions, string? subIntermediateExtensions = null, bool explicitCurveLeaf = false)
    {
        var chain = new OpenSslChain();
        try
        {
            chain.Build(rootExtensions, intermediateExtensions ?? Ca, leafSubject, leafExtensions, subIntermediateExtensions, explicitCurveLeaf);
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    /// <summary>Writes the certificates a server sends after its leaf, in order, to one PEM file for `-cert_chain`.</summary>
    public string WriteServedChain(bool withRoot)
    {
        var certificates = new List<X509Certificate2>();
        if (SubIntermediate is not null)
        {
            certificates.Add(SubIntermediate);
        }

        certificates.Add(Intermediate);
        if (withRoot)
        {
            certificates.Add(Root);
        }

        return _directory.Write(withRoot ? "served-with-root.pem" : "served.pem", string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
    }

    /// <summary>The chain as the server sends it, leaf first.</summary>
    public List<X509Certificate2> Sent(bool withRoot)
    {
        var sent = new List<X509Certificate2> { Leaf };
        if (SubIntermediate is not null)
        {
            sent.Add(SubIntermediate);
        }

        sent.Add(Intermediate);
        if (withRoot)
        {
            sent.Add(Root);
        }

        return sent;
    }

    public void Dispose()
    {
        foreach (X509Certificate2 certificate in _loaded)
        {
            certificate.Dispose();
        }

        _directory.Dispose();
    }

    private static string CreateKeys()
    {
        string directory = Directory.CreateTempSubdirectory("dnssec-openssl-keys-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        foreach (string name in new[] { "root", "intermediate", "sub", "leaf" })
        {
            OpenSsl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        }

        // OpenSSL refuses such keys in chains (X509_V_ERR_EC_KEY_EXPLICIT_PARAMS) but not as DANE-EE(3) leaves.
        OpenSsl(directory, "ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey", "-noout", "-out", "leaf-explicit.key");
        return directory;
    }

    private void Build(string rootExtensions, string intermediateExtensions, string leafSubject, string leafExtensions, string? subExtensions, bool explicitCurveLeaf)
    {
        string keys = Keys.Value;
        string rootPem = Issue("root", "/CN=Test Root CA", Path.Combine(keys, "root.key"), rootExtensions, null);
        Root = Load(rootPem);
        RootPemPath = rootPem;
        string intermediatePem = Issue("intermediate", "/CN=Test Intermediate CA", Path.Combine(keys, "intermediate.key"), intermediateExtensions, (rootPem, Path.Combine(keys, "root.key")));
        Intermediate = Load(intermediatePem);
        (string Certificate, string Key) issuer = (intermediatePem, Path.Combine(keys, "intermediate.key"));
        if (subExtensions is not null)
        {
            string subPem = Issue("sub", "/CN=Test Sub CA", Path.Combine(keys, "sub.key"), subExtensions, issuer);
            SubIntermediate = Load(subPem);
            issuer = (subPem, Path.Combine(keys, "sub.key"));
        }

        LeafKeyPath = Path.Combine(keys, explicitCurveLeaf ? "leaf-explicit.key" : "leaf.key");
        LeafPemPath = Issue("leaf", leafSubject, LeafKeyPath, leafExtensions, issuer);
        Leaf = Load(LeafPemPath);
    }

    private string Issue(string name, string subject, string key, string extensions, (string Certificate, string Key)? issuer)
    {
        // Without extensions openssl makes a v1 certificate.
        string config = _directory.Write(name + ".cnf", extensions.Length == 0 ? "[req]\ndistinguished_name=dn\n[dn]\n" : $"[req]\ndistinguished_name=dn\n[dn]\n[v3]\n{extensions}\n");
        string output = Path.Combine(_directory.Path, name + ".pem");
        var arguments = new List<string> { "req", "-new", "-key", key, "-subj", subject, "-config", config, "-days", "30", "-set_serial", (_serial++).ToString(System.Globalization.CultureInfo.InvariantCulture), "-out", output };
        if (extensions.Length > 0)
        {
            arguments.AddRange(["-extensions", "v3"]);
        }

        if (issuer is { } signer)
        {
            arguments.AddRange(["-CA", signer.Certificate, "-CAkey", signer.Key]);
        }
        else
        {
            arguments.Add("-x509");
        }

        OpenSsl(_directory.Path, [.. arguments]);
        return output;
    }

    private X509Certificate2 Load(string path)
    {
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        _loaded.Add(certificate);
        return certificate;
    }

    private static void OpenSsl(string directory, params string[] arguments)
    {
        ExternalTool.Result result = ExternalTool.Run("openssl", arguments, directory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)}: {result.Combined}");
        }
    }
}
