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
        // The port is free when probed but may be taken before s_server binds it; s_server then exits, and another try
        // takes another port. Only its own "ACCEPT" line says that it listens, so no test talks to someone else's server.
        for (int attempt = 1; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            _process = Start(Port, leafPemPath, keyPemPath, chainPemPath, out Task listening);
            if (!((IAsyncResult)listening).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
            {
                Dispose();
                throw new TimeoutException("openssl s_server did not listen within 10 s");
            }

            if (listening.IsCompletedSuccessfully)
            {
                return;
            }

            _process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"openssl s_server did not start: {listening.Exception?.InnerException?.Message}");
            }
        }
    }

    public int Port { get; private set; }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>Starts s_server; <paramref name="listening"/> completes when it prints ACCEPT, and fails when it exits first.</summary>
    private static Process Start(int port, string leafPemPath, string keyPemPath, string? chainPemPath, out Task listening)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", leafPemPath, "-key", keyPemPath, "-www" };
        if (chainPemPath is not null)
        {
            arguments.AddRange(["-cert_chain", chainPemPath]);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ACCEPT")
            {
                accepted.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            lock (errors)
            {
                accepted.TrySetException(new InvalidOperationException($"openssl s_server exited: {errors}"));
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException("openssl s_server did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        listening = accepted.Task;
        return process;
    }
}
