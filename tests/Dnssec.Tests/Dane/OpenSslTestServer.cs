using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dnssec.Tests.Dane;

/// <summary>`openssl s_server -www` on 127.0.0.1 with a leaf, its key and the certificates sent after it; killed on dispose.</summary>
internal sealed class OpenSslTestServer : IDisposable
{
    private readonly Process _process;

    public OpenSslTestServer(TestPki pki)
        : this(pki.LeafPemPath, pki.KeyPemPath, pki.IntermediatePemPath)
    {
    }

    /// <param name="leafPemPath">The leaf certificate.</param>
    /// <param name="keyPemPath">The leaf's private key.</param>
    /// <param name="chainPemPath">The certificates sent after the leaf, in order; null to send the leaf alone.</param>
    public OpenSslTestServer(string leafPemPath, string keyPemPath, string? chainPemPath)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { "s_server", "-accept", $"127.0.0.1:{Port}", "-cert", leafPemPath, "-key", keyPemPath, "-www", "-quiet" };
        if (chainPemPath is not null)
        {
            arguments.AddRange(["-cert_chain", chainPemPath]);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("openssl s_server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"openssl s_server exited with {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("openssl s_server did not listen within 10 s");
    }
}
