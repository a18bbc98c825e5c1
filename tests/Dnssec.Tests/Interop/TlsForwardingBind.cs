using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A non-validating BIND 9.18 started by a test as a forwarding recursive server (<c>forward only</c> to the hierarchy's
/// upstream, <c>dnssec-validation no</c>) with two encrypted listeners on 127.0.54.9: DNS over HTTPS (<c>tls</c> and
/// <c>http</c> blocks, endpoint <see cref="Path"/>) and DNS over TLS, beside a plain one (the reference for what this
/// BIND answers whatever the transport), the encrypted ones with a self-signed certificate for
/// <see cref="AuthenticationName"/> that openssl makes in the hierarchy's directory. named serves only addresses on an
/// interface, so the address is added to lo first (and removed on <see cref="Dispose"/>; the hierarchy's
/// <c>build.sh stop</c> removes it too). named runs in the foreground, is ready when it logs "running", and is killed by
/// its process id; its pid goes into the hierarchy's run file, so that the next <c>build.sh stop</c> also ends it.
/// </summary>
internal sealed class TlsForwardingBind : IDisposable
{
    /// <summary>The name the certificate is for.</summary>
    public const string AuthenticationName = "dns.interop.test";

    /// <summary>The DNS over HTTPS endpoint.</summary>
    public const string Path = "/dns-query";

    private static readonly IPAddress Address = IPAddress.Parse("127.0.54.9");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ForegroundServer _server;
    private bool _aliasAdded;

    private TlsForwardingBind(ForegroundServer server, IPEndPoint plain, IPEndPoint https, IPEndPoint tls, string certificateFile)
    {
        _server = server;
        PlainEndPoint = plain;
        HttpsEndPoint = https;
        TlsEndPoint = tls;
        CertificateFile = certificateFile;
    }

    /// <summary>Where it listens in plain DNS (UDP and TCP).</summary>
    public IPEndPoint PlainEndPoint { get; }

    /// <summary>Where its DNS over HTTPS listener is.</summary>
    public IPEndPoint HttpsEndPoint { get; }

    /// <summary>Where its DNS over TLS listener is.</summary>
    public IPEndPoint TlsEndPoint { get; }

    /// <summary>Its self-signed certificate in PEM, the CA file of a strict client.</summary>
    public string CertificateFile { get; }

    /// <summary>What it has logged so far.</summary>
    public string Log => _server.Log;

    /// <summary>Makes the certificate and configuration in a directory of the hierarchy's, starts named, and returns once it serves.</summary>
    public static TlsForwardingBind Start(BindHierarchy hierarchy)
    {
        string directory = System.IO.Path.Combine(hierarchy.Directory, "tls-bind");
        Directory.CreateDirectory(directory);
        string key = System.IO.Path.Combine(directory, "tls.key");
        string pem = System.IO.Path.Combine(directory, "tls.pem");
        ExternalTool.Result made = ExternalTool.Run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc", "-keyout", key, "-out", pem,
            "-days", "2", "-subj", $"/CN={AuthenticationName}", "-addext", $"subjectAltName=DNS:{AuthenticationName}"], directory);
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl could not make the certificate: {made.Combined}");
        }

        bool aliasAdded = ExternalTool.Run("ip", ["addr", "add", $"{Address}/32", "dev", "lo"]).ExitCode == 0;
        var plain = new IPEndPoint(Address, FreeTcpPort());
        var https = new IPEndPoint(Address, FreeTcpPort());
        var tls = new IPEndPoint(Address, FreeTcpPort());
        string config = System.IO.Path.Combine(directory, "named-tls.conf");
        File.WriteAllText(config, Configuration(directory, plain, https, tls, hierarchy.Upstream, key, pem));
        ExternalTool.Result checkedConfig = ExternalTool.Run("named-checkconf", [config]);
        if (checkedConfig.ExitCode != 0)
        {
            throw new InvalidOperationException($"named-checkconf refused {config}: {checkedConfig.Combined}");
        }

        try
        {
            // "running on Linux …" comes first; the line that ends in "running" says the listeners are up.
            ForegroundServer server = ForegroundServer.Start("named", ["-g", "-n", "1", "-c", config], line => line.EndsWith(" running", StringComparison.Ordinal), "named-tls", StartTimeout);
            return new TlsForwardingBind(server, plain, https, tls, pem) { _aliasAdded = aliasAdded };
        }
        catch when (aliasAdded)
        {
            ExternalTool.Run("ip", ["addr", "del", $"{Address}/32", "dev", "lo"]);
            throw;
        }
    }

    /// <summary>Ends the process (by its id), waits for it, and removes the address it added.</summary>
    public void Dispose()
    {
        _server.Dispose();
        if (_aliasAdded)
        {
            ExternalTool.Run("ip", ["addr", "del", $"{Address}/32", "dev", "lo"]);
            _aliasAdded = false;
        }
    }

    private static int FreeTcpPort()
    {
        // Bound on 127.0.0.1: the alias may not exist yet when no named has run; the port is free on loopback as a whole
        // (for the plain listener, UDP as well as TCP).
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: another.
            }
        }
    }

    private static string Configuration(string directory, IPEndPoint plain, IPEndPoint https, IPEndPoint tls, IPEndPoint forwarder, string key, string pem) => $$"""
        # A non-validating BIND serving plain DNS on {{plain}}, DNS over HTTPS on {{https}} and DNS over TLS on {{tls}}: forwards everything to {{forwarder}}.
        tls interop-tls { key-file "{{key}}"; cert-file "{{pem}}"; };
        http interop-http { endpoints { "{{Path}}"; }; };
        controls { };
        options {
            directory "{{directory}}";
            pid-file "{{System.IO.Path.Combine(directory, "named-tls.pid")}}";
            listen-on port {{Port(plain)}} { {{plain.Address}}; };
            listen-on port {{Port(https)}} tls interop-tls http interop-http { {{https.Address}}; };
            listen-on port {{Port(tls)}} tls interop-tls { {{tls.Address}}; };
            listen-on-v6 { none; };
            recursion yes;
            forward only;
            forwarders { {{forwarder.Address}} port {{Port(forwarder)}}; };
            dnssec-validation no;
            qname-minimization off;
            allow-query { 127.0.0.0/8; };
            allow-recursion { 127.0.0.0/8; };
            max-ncache-ttl 60;
        };
        """;

    private static string Port(IPEndPoint endPoint) => endPoint.Port.ToString(CultureInfo.InvariantCulture);
}
