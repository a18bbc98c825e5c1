using System.Globalization;
using System.Runtime.Versioning;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A private Postfix started by a test: its own <c>main.cf</c> and <c>master.cf</c> in <c>DIR/etc</c>, queue in
/// <c>DIR/queue</c>, log in <c>DIR/maillog</c> (postlogd: a container has no syslog), no daemon chrooted, nothing of
/// <c>/etc/postfix</c> used. The master daemon is started directly (<c>master -c DIR/etc -w</c>, so that its command
/// line names the directory and the hierarchy's <c>build.sh stop</c> may end it should the test process die first),
/// optionally in a private mount namespace whose <c>/etc/resolv.conf</c> is a file of the test's: every daemon it forks,
/// the <c>smtp</c> client among them, then asks the name servers that file names, while the host's file stays untouched.
/// The namespace, and so the bind mount, ends with the last of its processes. <see cref="Dispose"/> stops the instance
/// (<c>postfix stop</c>) and waits for the master to exit.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class PostfixInstance : IDisposable
{
    /// <summary>Where Debian's postfix package puts master and the other daemons.</summary>
    public const string DaemonDirectory = "/usr/lib/postfix/sbin";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // Every service an instance needs, none chrooted (a chrooted smtp would read the queue directory's etc/resolv.conf).
    private const string BaseMasterCf = """
        pickup    unix  n       -       n       60      1       pickup
        cleanup   unix  n       -       n       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        tlsmgr    unix  -       -       n       1000?   1       tlsmgr
        rewrite   unix  -       -       n       -       -       trivial-rewrite
        bounce    unix  -       -       n       -       0       bounce
        defer     unix  -       -       n       -       0       bounce
        trace     unix  -       -       n       -       0       bounce
        verify    unix  -       -       n       -       1       verify
        flush     unix  n       -       n       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        smtp      unix  -       -       n       -       -       smtp
        showq     unix  n       -       n       -       -       showq
        error     unix  -       -       n       -       -       error
        retry     unix  -       -       n       -       -       error
        discard   unix  -       -       n       -       -       discard
        local     unix  -       n       n       -       -       local
        virtual   unix  -       n       n       -       -       virtual
        anvil     unix  -       -       n       -       1       anvil
        scache    unix  -       -       n       -       1       scache
        postlog   unix-dgram n  -       n       -       1       postlogd

        """;

    private bool _started;
    private int _masterId;

    private PostfixInstance(string directory)
    {
        Directory = directory;
    }

    /// <summary>The instance's directory.</summary>
    public string Directory { get; }

    /// <summary>Its configuration directory, for <c>-c</c>, <c>-C</c> and <c>MAIL_CONFIG</c>.</summary>
    public string ConfigDirectory => Path.Combine(Directory, "etc");

    /// <summary>Its log file.</summary>
    public string LogFile => Path.Combine(Directory, "maillog");

    /// <summary>What it has logged so far.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>
    /// Writes the configuration to <paramref name="directory"/> (the common settings, then <paramref name="settings"/>,
    /// which win), and, with <paramref name="smtpdAddress"/>, an SMTP server on port 25 there.
    /// </summary>
    public static PostfixInstance Create(string directory, string hostName, IEnumerable<string> settings, string? smtpdAddress = null)
    {
        var instance = new PostfixInstance(directory);
        System.IO.Directory.CreateDirectory(instance.ConfigDirectory);
        // The daemons run as postfix or as the virtual mailbox owner and must be able to reach their files.
        File.SetUnixFileMode(directory, PublicDirectory);
        File.SetUnixFileMode(instance.ConfigDirectory, PublicDirectory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "queue"), PublicDirectory);

        string[] common =
        [
            "compatibility_level = 3.6",
            $"queue_directory = {Path.Combine(directory, "queue")}",
            $"data_directory = {Path.Combine(directory, "data")}",
            $"daemon_directory = {DaemonDirectory}",
            $"maillog_file = {instance.LogFile}",
            $"maillog_file_prefixes = {directory}",
            $"myhostname = {hostName}",
            "mydestination =",
            "inet_protocols = ipv4",
            "alias_maps =",
            "alias_database =",
            "biff = no",
        ];
        File.WriteAllLines(Path.Combine(instance.ConfigDirectory, "main.cf"), [.. common, .. settings]);
        string smtpd = smtpdAddress is null ? "" : $"{smtpdAddress}:25 inet n - n - - smtpd\n";
        File.WriteAllText(Path.Combine(instance.ConfigDirectory, "master.cf"), smtpd + BaseMasterCf);
        return instance;
    }

    /// <summary>
    /// Checks the configuration and creates the queue (<c>postfix check</c>), then starts the master daemon, in a mount
    /// namespace of its own with <paramref name="resolvConf"/> on <c>/etc/resolv.conf</c> when that is given, and
    /// returns once it has initialised.
    /// </summary>
    public void Start(string? resolvConf = null)
    {
        Run("postfix", ["-c", ConfigDirectory, "check"], "postfix check");
        // The master's daemon keeps whatever it inherits open: it gets a file, not the pipes the caller reads to the end.
        string master = "exec \"$2\" -c \"$3\" -w </dev/null >\"$3/../master.out\" 2>&1";
        string[] arguments = ["-c", resolvConf is null ? master : InNamespace(master), "sh", resolvConf ?? "-", Path.Combine(DaemonDirectory, "master"), ConfigDirectory];
        _started = true;
        if (resolvConf is null)
        {
            Run("sh", arguments, "master");
        }
        else
        {
            Run("unshare", ["-m", "sh", .. arguments], "master in a mount namespace");
        }

        // The master holds an exclusive lock on its pid file, which .NET's own shared lock on opening would fail on.
        ExternalTool.Result pid = ExternalTool.Run("cat", [Path.Combine(Directory, "queue", "pid", "master.pid")], timeout: CommandTimeout);
        _masterId = int.Parse(pid.Output.Trim(), CultureInfo.InvariantCulture);
        BindHierarchy.RecordProcess(_masterId, "postfix-master");
    }

    /// <summary>
    /// The shell text that bind-mounts <c>$1</c> on <c>/etc/resolv.conf</c> (in a namespace of <c>unshare -m</c>, whose
    /// mounts are private) and then runs <paramref name="command"/>.
    /// </summary>
    public static string InNamespace(string command) => $"mount --bind \"$1\" /etc/resolv.conf && {command}";

    /// <summary>Queues a message with the instance's <c>sendmail -C</c>; its pickup daemon takes it from the maildrop.</summary>
    public void Submit(string sender, string recipient, string subject)
    {
        string message = Path.Combine(Directory, $"message-{Guid.NewGuid():N}.txt");
        File.WriteAllText(message, $"From: <{sender}>\nTo: <{recipient}>\nSubject: {subject}\n\nSent over DANE by the Dnssec interop tests.\n");
        Run("sh", ["-c", "exec sendmail -C \"$1\" -f \"$2\" \"$3\" < \"$4\"", "sh", ConfigDirectory, sender, recipient, message], "sendmail");
    }

    /// <summary>
    /// Waits until a line of the log contains every one of <paramref name="parts"/> and returns it; the log is a file
    /// that postlogd appends to, so this reads it again every 100 ms until <paramref name="timeout"/>.
    /// </summary>
    public string? WaitForLogLine(TimeSpan timeout, params string[] parts)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (string line in Log.Split('\n'))
            {
                if (parts.All(part => line.Contains(part, StringComparison.Ordinal)))
                {
                    return line;
                }
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Stops the instance and waits until its master has exited; the master ends its children first.</summary>
    public void Dispose()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        ExternalTool.Run("postfix", ["-c", ConfigDirectory, "stop"], timeout: CommandTimeout);
        DateTime deadline = DateTime.UtcNow + StopTimeout;
        while (_masterId != 0 && IsRunning(_masterId) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(100));
        }

        _masterId = 0;
    }

    private const UnixFileMode PublicDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // A process that has exited but not been reaped (its parent is gone) is a zombie: it still has a /proc entry.
    private static bool IsRunning(int processId)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Run(string program, string[] arguments, string what)
    {
        ExternalTool.Result result = ExternalTool.Run(program, arguments, timeout: CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}):\n{result.Combined}");
        }
    }
}
