using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dnssec.Wire;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dnssec.Tests.Interop;

/// <summary>
/// The interop world, started once for <see cref="BindHierarchyCollection"/>: Hierarchy/build.sh makes a private root
/// ".", the TLD "test." and the scenario zones below it in a temporary directory, signed by BIND around the real current
/// time; one authoritative <c>named</c> serves each zone on its own 127.0.53.x address at <see cref="AuthorityPort"/>;
/// a non-validating Unbound (<see cref="Upstream"/>) and a validating one (<see cref="Validator"/>) iterate from
/// <see cref="RootHintsFile"/>. Everything is stopped, the loopback aliases removed and the directory deleted on
/// <see cref="Dispose"/>; a run that was killed is cleaned up when the next one starts. Needs root (aliases, port 53)
/// and BIND, Unbound and iproute2 as tests/run.sh installs them; without them every test of the collection fails with
/// the reason. One run at a time per machine: a second test run (another work tree) waits for the first.
/// </summary>
public sealed class BindHierarchy : IDisposable
{
    /// <summary>Where build.sh, scenarios.tsv and the README are in the test output.</summary>
    public static readonly string ScriptDirectory = Path.Combine(AppContext.BaseDirectory, "Interop", "Hierarchy");

    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "dnssec-interop-hierarchy.lock");

    // Where build.sh records what a run started (its HIERARCHY_RUN_FILE), so that a later stop can end it.
    private static readonly string RunFile = Environment.GetEnvironmentVariable("HIERARCHY_RUN_FILE") ?? "/tmp/dnssec-interop-hierarchy.run";
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DelvTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] RequiredTools =
        ["bash", "timeout", "ip", "named", "named-checkconf", "dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey", "dnssec-revoke", "dig", "delv", "unbound", "unbound-checkconf", "unbound-control"];

    private readonly IMessageSink _diagnostics;
    private FileStream? _lock;
    private bool _started;

    /// <summary>Builds and starts the hierarchy; throws with the reason when it cannot.</summary>
    public BindHierarchy(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
        foreach (string tool in RequiredTools)
        {
            ExternalTool.Find(tool);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("The interop hierarchy needs root: it adds /32 aliases to lo and binds port 53. Run the tests as root (tests/run.sh in CI).");
        }

        _lock = AcquireLock();
        Directory = System.IO.Directory.CreateTempSubdirectory("dnssec-hierarchy-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            RunScript(StopTimeout, "stop");
            RunScript(BuildTimeout, "build", Directory);
            TimeSpan built = clock.Elapsed;
            _started = true;
            RunScript(StartTimeout, "start", Directory);
            Diagnose($"Interop hierarchy in {Directory}: built in {built.TotalSeconds:F1} s, serving after {clock.Elapsed.TotalSeconds:F1} s");

            Dictionary<string, string> layout = ReadLayout(Path.Combine(Directory, "layout"));
            AuthorityPort = int.Parse(layout["authority-port"], CultureInfo.InvariantCulture);
            int resolverPort = int.Parse(layout["resolver-port"], CultureInfo.InvariantCulture);
            Upstream = new IPEndPoint(IPAddress.Parse(layout["upstream"]), resolverPort);
            Validator = new IPEndPoint(IPAddress.Parse(layout["validator"]), resolverPort);
            MailHost = IPAddress.Parse(layout["mail-host"]);
            Zones = ReadZones(Path.Combine(Directory, "zones.tsv"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The queries the authorities received, one line each (BIND's query log).</summary>
    public string QueryLogFile => Path.Combine(Directory, "queries.log");

    /// <summary>The temporary directory with keys, zones, configurations and logs (named.log, unbound-*.log).</summary>
    public string Directory { get; }

    /// <summary>The port every authoritative server listens on: 53, the only one Unbound asks authorities on.</summary>
    public int AuthorityPort { get; }

    /// <summary>The non-validating Unbound, the untrusted upstream a stub resolver talks to: RRSIGs with DO=1, never AD.</summary>
    public IPEndPoint Upstream { get; } = new(IPAddress.None, 0);

    /// <summary>The validating Unbound with the hierarchy's root anchor: the reference resolver.</summary>
    public IPEndPoint Validator { get; } = new(IPAddress.None, 0);

    /// <summary>
    /// The address of dane.test.'s mail host (mx.dane.test. and mx.forged.dane.test.), an alias of lo that no server
    /// of the hierarchy uses: the DANE SMTP tests run a receiving Postfix there.
    /// </summary>
    public IPAddress MailHost { get; } = IPAddress.None;

    /// <summary>The mail host's self-signed certificate, whose key dane.test.'s TLSA record names.</summary>
    public string MailHostCertificateFile => Path.Combine(Directory, "dane", "mx.crt");

    /// <summary>The certificate's private key.</summary>
    public string MailHostKeyFile => Path.Combine(Directory, "dane", "mx.key");

    /// <summary>Root hints in named.root form: the private root's server name and address.</summary>
    public string RootHintsFile => Path.Combine(Directory, "root.hints");

    /// <summary>The trust anchor: the private root's KSK as a DS line in zone-file form.</summary>
    public string TrustAnchorFile => Path.Combine(Directory, "root.ds");

    /// <summary>The same anchor as a DNSKEY line in zone-file form.</summary>
    public string TrustAnchorKeyFile => Path.Combine(Directory, "root.dnskey");

    /// <summary>The same anchor as a <c>trust-anchors</c> statement for <c>delv -a</c>.</summary>
    public string DelvAnchorsFile => Path.Combine(Directory, "delv-anchors.conf");

    /// <summary>Every zone with its server's address, root first.</summary>
    public IReadOnlyList<HierarchyZone> Zones { get; } = [];

    /// <summary>The root server, as the hints name it.</summary>
    public IPEndPoint RootServer => AuthorityOf(".");

    /// <summary>The authoritative server of one zone.</summary>
    public IPEndPoint AuthorityOf(string zone)
    {
        foreach (HierarchyZone candidate in Zones)
        {
            if (candidate.Name == zone)
            {
                return new IPEndPoint(candidate.Address, AuthorityPort);
            }
        }

        throw new ArgumentException($"The hierarchy has no zone {zone}", nameof(zone));
    }

    /// <summary>Asks one server one question (UDP, TCP when truncated).</summary>
    public static DnsMessage Query(IPEndPoint server, string name, RecordType type, DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired, bool dnssecOk = true) =>
        LoopbackDnsClient.Query(server, DnsName.Parse(name), type, flags, dnssecOk);

    /// <summary>
    /// Runs delv, the second reference: it asks <see cref="Upstream"/> (with CD=1) and validates everything itself
    /// from <see cref="DelvAnchorsFile"/>.
    /// </summary>
    public DelvResult Delv(string name, string type)
    {
        ExternalTool.Result result = ExternalTool.Run(
            "delv",
            ["-a", DelvAnchorsFile, "+root=.", "-p", Upstream.Port.ToString(CultureInfo.InvariantCulture), "@" + Upstream.Address, "+nomtrace", name, type],
            timeout: DelvTimeout);
        return DelvResult.Parse(result.Combined, type);
    }

    /// <summary>
    /// Adds a server a test started to build.sh's run file, so that the next <c>build.sh stop</c> ends it should the test
    /// process die first; stop ends only processes whose command line names <see cref="Directory"/>.
    /// </summary>
    public static void RecordProcess(int processId, string name) =>
        File.AppendAllText(RunFile, string.Create(CultureInfo.InvariantCulture, $"pid {processId} {name}\n"));

    /// <summary>
    /// Empties the non-validating Unbound's cache, so that its next answers come from fresh resolutions: the shape of an
    /// answer it pieces together from its cache depends on what was asked before and on which entries have expired.
    /// </summary>
    public void FlushUpstreamCache()
    {
        ExternalTool.Result result = ExternalTool.Run("unbound-control", ["-c", Path.Combine(Directory, "unbound-upstream.conf"), "flush_zone", "."], timeout: ControlTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"unbound-control flush_zone failed (exit {result.ExitCode}):\n{result.Combined}");
        }
    }

    /// <summary>Stops named and both Unbounds, removes the aliases and the directory, and lets the next run start.</summary>
    public void Dispose()
    {
        try
        {
            if (_started)
            {
                _started = false;
                RunScript(StopTimeout, "stop", Directory);
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DNSSEC_KEEP_HIERARCHY") is null && System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }

            _lock?.Dispose();
            _lock = null;
        }
    }

    private static FileStream AcquireLock()
    {
        // FileShare.None takes an exclusive flock(2) on Linux, which dies with the process that held it.
        DateTime deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"Another interop run has held {LockPath} for {LockWait.TotalMinutes} minutes; its servers use the same addresses.", e);
            }
        }
    }

    private void RunScript(TimeSpan timeout, params string[] arguments)
    {
        ExternalTool.Result result;
        try
        {
            result = ExternalTool.Run("bash", [Path.Combine(ScriptDirectory, "build.sh"), .. arguments], ScriptDirectory, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"build.sh {string.Join(' ', arguments)} took longer than {timeout.TotalSeconds} s", e);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"build.sh {string.Join(' ', arguments)} failed (exit {result.ExitCode}):\n{result.Combined}");
        }

        Diagnose($"build.sh {arguments[0]}: {result.Output.Trim()}");
    }

    private void Diagnose(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));

    private static Dictionary<string, string> ReadLayout(string path)
    {
        var layout = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path))
        {
            string[] parts = line.Split(' ', 2);
            if (parts.Length == 2)
            {
                layout[parts[0]] = parts[1];
            }
        }

        return layout;
    }

    private static List<HierarchyZone> ReadZones(string path)
    {
        var zones = new List<HierarchyZone>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = lines[i].Split('\t');
            if (f.Length == 4)
            {
                zones.Add(new HierarchyZone(f[0], IPAddress.Parse(f[1]), f[2] == "yes", f[3]));
            }
        }

        return zones;
    }
}
