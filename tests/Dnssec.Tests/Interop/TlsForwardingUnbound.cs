using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A non-validating Unbound started by a test with its DNS over TLS service (<c>tls-service-key</c>,
/// <c>tls-service-pem</c>, <c>tls-port</c>) on 127.0.54.8, its certificate a self-signed one for
/// <see cref="AuthenticationName"/> that openssl makes in the hierarchy's directory, forwarding every question to the
/// hierarchy's upstream and telling clients a 10 s edns-tcp-keepalive. It runs in the foreground, is ready when it logs
/// "start of service", and is killed by its process id on <see cref="Dispose"/>; its pid goes into the hierarchy's run
/// file, so that the next <c>build.sh stop</c> also ends it should the test process die first.
/// </summary>
internal sealed class TlsForwardingUnbound : IDisposable
{
    /// <summary>The name the certificate is for.</summary>
    public const string AuthenticationName = "dns.interop.test";

    private static readonly IPAddress Address = IPAddress.Parse("127.0.54.8");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly ForegroundServer _server;

    private TlsForwardingUnbound(ForegroundServer server, IPEndPoint endPoint, string certificateFile)
    {
        _server = server;
        EndPoint = endPoint;
        CertificateFile = certificateFile;
    }

    /// <summary>Where its TLS service listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Its self-signed certificate in PEM, the CA file of a strict client.</summary>
    public string CertificateFile { get; }

    /// <summary>What it has logged so far.</summary>
    public string Log => _server.Log;

    /// <summary>Makes the certificate and configuration in a directory of the hierarchy's, starts Unbound, and returns once it serves.</summary>
    public static TlsForwardingUnbound Start(BindHierarchy hierarchy)
    {
        string directory = Path.Combine(hierarchy.Directory, "tls-unbound");
        System.IO.Directory.CreateDirectory(directory);
        string key = Path.Combine(directory, "tls.key");
        string pem = Path.Combine(directory, "tls.pem");
        ExternalTool.Result made = ExternalTool.Run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc", "-keyout", key, "-out", pem,
            "-days", "2", "-subj", $"/CN={AuthenticationName}", "-addext", $"subjectAltName=DNS:{AuthenticationName}"], directory);
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl could not make the certificate: {made.Combined}");
        }

        var endPoint = new IPEndPoint(Address, FreeTcpPort());
        string config = Path.Combine(directory, "unbound-tls.conf");
        File.WriteAllText(config, Configuration(directory, endPoint, hierarchy.Upstream, key, pem));
        var server = ForegroundServer.Start("unbound", ["-d", "-c", config], line => line.Contains("start of service", StringComparison.Ordinal), "unbound-tls", StartTimeout);
        return new TlsForwardingUnbound(server, endPoint, pem);
    }

    /// <summary>Ends the process (by its id) and waits for it.</summary>
    public void Dispose() => _server.Dispose();

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(Address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Configuration(string directory, IPEndPoint endPoint, IPEndPoint forwarder, string key, string pem)
    {
        string port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        return $"""
            # A non-validating Unbound serving DNS over TLS on {endPoint}: forwards everything to {forwarder}.
            server:
                interface: {endPoint.Address}@{port}
                tls-port: {port}
                tls-service-key: "{key}"
                tls-service-pem: "{pem}"
                edns-tcp-keepalive: yes
                edns-tcp-keepalive-timeout: 10000
                do-ip6: no
                do-daemonize: no
                chroot: ""
                username: ""
                directory: "{directory}"
                pidfile: "{Path.Combine(directory, "unbound-tls.pid")}"
                logfile: ""
                use-syslog: no
                log-time-ascii: yes
                verbosity: 1
                num-threads: 1
                so-reuseport: no
                outgoing-range: 64
                access-control: 127.0.0.0/8 allow
                do-not-query-localhost: no
                local-zone: "test." nodefault
                edns-buffer-size: 1232
                cache-max-negative-ttl: 60
                infra-host-ttl: 60
                qname-minimisation: no
                prefetch: no
                ede: yes
                module-config: "iterator"
            forward-zone:
                name: "."
                forward-addr: {forwarder.Address}@{forwarder.Port.ToString(CultureInfo.InvariantCulture)}
            """;
    }
}
