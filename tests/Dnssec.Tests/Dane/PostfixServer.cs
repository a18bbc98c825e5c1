using System.Net;
using System.Net.Sockets;

namespace Dnssec.Tests.Dane;

/// <summary>
/// A private Postfix instance (Debian's package, installed by tests/run.sh) listening on 127.0.0.1 with the leaf and
/// intermediate of a test PKI for STARTTLS, or with TLS switched off; mail to example.test is accepted and discarded.
/// Needs root, as Postfix's master does. Started with `postfix -c DIR start`, stopped with `postfix -c DIR stop`.
/// </summary>
internal sealed class PostfixServer : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public PostfixServer(TestPki pki, bool offerStartTls)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        string root = _directory.Path;

        // Postfix's daemons run as the postfix user and must reach the queue and data directories.
        Run("chmod", "755", root);
        string etc = Directory.CreateDirectory(Path.Combine(root, "etc")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "queue"));
        string data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Run("chown", "postfix", data);
        File.WriteAllText(Path.Combine(etc, "tls.pem"), File.ReadAllText(pki.KeyPemPath) + File.ReadAllText(pki.ChainPemPath));
        File.WriteAllText(Path.Combine(etc, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {root}/queue
            data_directory = {data}
            mail_owner = postfix
            myhostname = mx.example.test
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mydestination = example.test
            local_transport = discard:delivered
            local_recipient_maps =
            alias_maps =
            alias_database =
            smtpd_tls_security_level = {(offerStartTls ? "may" : "none")}
            smtpd_tls_chain_files = {etc}/tls.pem
            maillog_file = {root}/maillog
            maillog_file_prefixes = /tmp
            """);

        // Debian's master.cf with the smtpd service moved to our port and no service chrooted (the queue is not set up for it).
        var master = new List<string>();
        foreach (string line in File.ReadLines("/etc/postfix/master.cf"))
        {
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[0] == "smtp" && fields[1] == "inet")
            {
                master.Add($"127.0.0.1:{Port} inet n - n - - smtpd");
            }
            else if (fields.Length >= 8 && char.IsAsciiLetterLower(line[0]))
            {
                fields[4] = "n";
                master.Add(string.Join(' ', fields));
            }
            else
            {
                master.Add(line);
            }
        }

        File.WriteAllLines(Path.Combine(etc, "master.cf"), master);
        ConfigDirectory = etc;
        Run("postfix", "-c", etc, "start");
        WaitUntilListening();
    }

    public int Port { get; }

    public string ConfigDirectory { get; }

    /// <summary>Postfix's log of this instance, to see what it received.</summary>
    public string Log => File.Exists(Path.Combine(_directory.Path, "maillog")) ? File.ReadAllText(Path.Combine(_directory.Path, "maillog")) : "";

    public void Dispose()
    {
        ExternalTool.Run("postfix", ["-c", ConfigDirectory, "stop"]);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                _directory.Dispose();
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        ExternalTool.Result result = ExternalTool.Run(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Combined}");
        }
    }

    private void WaitUntilListening()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"Postfix did not listen on port {Port} within 20 s: {Log}");
    }
}
