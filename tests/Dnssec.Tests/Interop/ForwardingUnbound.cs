using System.Globalization;
using System.Net;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A validating Unbound started by a test, configured as the hierarchy's reference validator (build.sh writes
/// unbound-validator.conf: the private root's DS as the only anchor, <c>ede: yes</c>, <c>val-log-level: 2</c>) but
/// forwarding every question to one upstream instead of iterating, so that it sees whatever that upstream says. It
/// runs in the foreground (<c>-d</c>) with its log on standard error, is ready when it logs "start of service", and is
/// killed by its process id on <see cref="Dispose"/>. Its pid goes into the hierarchy's run file, so that the next
/// <c>build.sh stop</c> also ends it should the test process die first.
/// </summary>
internal sealed class ForwardingUnbound : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly ForegroundServer _server;

    private ForwardingUnbound(ForegroundServer server, IPEndPoint endPoint)
    {
        _server = server;
        EndPoint = endPoint;
    }

    /// <summary>Where it listens (UDP and TCP).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>What it has logged so far: its validation failures, with reasons, among them.</summary>
    public string Log => _server.Log;

    /// <summary>
    /// Writes the configuration to <paramref name="directory"/>, starts Unbound on <paramref name="endPoint"/> forwarding
    /// "." to <paramref name="forwarder"/>, and returns once it serves.
    /// </summary>
    public static ForwardingUnbound Start(BindHierarchy hierarchy, string directory, IPEndPoint endPoint, IPEndPoint forwarder)
    {
        System.IO.Directory.CreateDirectory(directory);
        string config = Path.Combine(directory, "unbound-forwarding.conf");
        File.WriteAllText(config, Configuration(hierarchy, directory, endPoint, forwarder));

        var server = ForegroundServer.Start("unbound", ["-d", "-c", config], line => line.Contains("start of service", StringComparison.Ordinal), "unbound-forwarding", StartTimeout);
        return new ForwardingUnbound(server, endPoint);
    }

    /// <summary>Ends the process (by its id) and waits for it.</summary>
    public void Dispose() => _server.Dispose();

    private static string Configuration(BindHierarchy hierarchy, string directory, IPEndPoint endPoint, IPEndPoint forwarder)
    {
        string port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        string forwarderPort = forwarder.Port.ToString(CultureInfo.InvariantCulture);
        // The server options are those of build.sh's validating Unbound; forwarding replaces its root hints, and the
        // log goes to standard error, where Start waits for "start of service".
        return $"""
            # A validating Unbound of the forging-upstream tests: forwards everything to {forwarder}.
            server:
                interface: {endPoint.Address}
                port: {port}
                do-ip6: no
                do-daemonize: no
                chroot: ""
                username: ""
                directory: "{directory}"
                pidfile: "{Path.Combine(directory, "unbound-forwarding.pid")}"
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
                harden-referral-path: no
                prefetch: no
                ede: yes
                module-config: "validator iterator"
                trust-anchor-file: "{hierarchy.TrustAnchorFile}"
                val-log-level: 2
                val-permissive-mode: no
            forward-zone:
                name: "."
                forward-addr: {forwarder.Address}@{forwarderPort}
            """;
    }
}
