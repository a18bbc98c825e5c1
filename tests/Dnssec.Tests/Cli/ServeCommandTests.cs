using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec serve` run as a process, as systemd runs it: the line it prints once listening, answers over UDP and TCP, SIGTERM, and start-up failures.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("serve-command").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false, "over UDP")]
    [InlineData(true, "over TCP")]
    public async Task Serve_SecureNameAskedWithDo_AnswersWithAd(bool tcp, string description)
    {
        _ = description;
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        using ServeProcess serve = ServeProcess.Start(["--listen", "127.0.0.1:0", .. root.Iterative, "--anchors", root.RootKeyFile]);
        IPEndPoint server = Assert.Single(await serve.WaitUntilListeningAsync());
        await using var transport = new DnsTransport();

        TransportResponse response = await transport.QueryAsync(
            server,
            new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A),
            new QueryOptions { CheckingDisabled = false, DnssecOk = true, TcpOnly = tcp, Timeout = TimeSpan.FromSeconds(10) });

        Assert.True(response.Succeeded, $"{response.Detail}\n{serve.Error}");
        Assert.Equal(tcp ? TransportProtocol.Tcp : TransportProtocol.Udp, response.Protocol);
        Assert.Equal(DnsResponseCode.NoError, response.Message.ResponseCode);
        Assert.True(response.Message.Flags.HasFlag(DnsHeaderFlags.AuthenticData), serve.Error);
        Assert.Contains(response.Message.Answers, record => record.Type == RecordType.A);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_SecondNameTheFirstDenialCovers_AnsweredWithoutAQueryUnlessNoAggressiveNsec(bool turnedOff)
    {
        // example.test.'s apex NSEC spans every name before www, so after one NXDOMAIN the next is proven (RFC 8198).
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        string[] arguments = ["--listen", "127.0.0.1:0", .. root.Iterative, "--anchors", root.RootKeyFile];
        using ServeProcess serve = ServeProcess.Start(turnedOff ? [.. arguments, "--no-aggressive-nsec"] : arguments);
        IPEndPoint server = Assert.Single(await serve.WaitUntilListeningAsync());
        await using var transport = new DnsTransport();
        var options = new QueryOptions { CheckingDisabled = false, DnssecOk = true, Timeout = Patience };
        TransportResponse first = await transport.QueryAsync(server, new DnsQuestion(DnsName.Parse("alpha.example.test."), RecordType.A), options);
        Assert.True(first.Succeeded && first.Message.ResponseCode == DnsResponseCode.NXDomain, $"{first.Detail}\n{serve.Error}");
        int queries = root.Queries;

        TransportResponse second = await transport.QueryAsync(server, new DnsQuestion(DnsName.Parse("beta.example.test."), RecordType.A), options);

        Assert.True(second.Succeeded, $"{second.Detail}\n{serve.Error}");
        Assert.Equal(DnsResponseCode.NXDomain, second.Message.ResponseCode);
        Assert.True(second.Message.Flags.HasFlag(DnsHeaderFlags.AuthenticData), serve.Error);
        Assert.Contains(second.Message.Authorities, record => record.Type == RecordType.NSEC);
        Assert.Equal(turnedOff, root.Queries > queries);
    }

    [Fact]
    public async Task Serve_Sigterm_ExitsZeroAndFreesThePort()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        using ServeProcess serve = ServeProcess.Start(["--listen", "127.0.0.1:0", .. root.Iterative, "--anchors", root.RootKeyFile]);
        IPEndPoint server = Assert.Single(await serve.WaitUntilListeningAsync());

        int exitCode = await serve.TerminateAsync();

        Assert.True(exitCode == 0, serve.Error);
        Assert.Equal([$"listening on {server}"], serve.Output);
        // Both sockets were closed: the same port can be bound again at once, UDP and TCP.
        using var udp = new UdpClient(server);
        var tcp = new TcpListener(server);
        tcp.Start();
        tcp.Stop();
    }

    [Fact]
    public async Task Serve_SigtermWhileAnswering_TheAnswerIsStillSent()
    {
        var www = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        // The authority holds the one question the client asked until the server has begun to stop.
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow, (query, response) =>
        {
            if (!release.IsSet && query.Questions.Count == 1 && query.Questions[0].Equals(www))
            {
                arrived.TrySetResult();
                release.Wait(Patience);
            }

            return [HostileServer.Honest(query, response)];
        });
        using ServeProcess serve = ServeProcess.Start(["--listen", "127.0.0.1:0", .. root.Iterative, "--anchors", root.RootKeyFile]);
        IPEndPoint server = Assert.Single(await serve.WaitUntilListeningAsync());
        await using var transport = new DnsTransport();
        Task<TransportResponse> asking = transport.QueryAsync(server, www, new QueryOptions { CheckingDisabled = false, DnssecOk = true, Timeout = Patience }).AsTask();
        await arrived.Task.WaitAsync(Patience);

        Task<int> exiting = serve.TerminateAsync();
        await serve.WaitForErrorAsync("SIGTERM: stopping");
        release.Set();
        TransportResponse response = await asking;
        int exitCode = await exiting;

        Assert.True(response.Succeeded, $"{response.Detail}\n{serve.Error}");
        Assert.True(response.Message.Flags.HasFlag(DnsHeaderFlags.AuthenticData), serve.Error);
        Assert.True(exitCode == 0, serve.Error);
    }

    [Theory]
    [InlineData(ProtocolType.Udp, "the UDP port is taken (TCP is bound first and must be let go)")]
    [InlineData(ProtocolType.Tcp, "the TCP port is taken")]
    public void Serve_PortTaken_ExitsThreeNamingTheAddress(ProtocolType taken, string description)
    {
        _ = description;
        using var socket = new Socket(AddressFamily.InterNetwork, taken == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream, taken);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (taken == ProtocolType.Tcp)
        {
            socket.Listen();
        }

        var endPoint = (IPEndPoint)socket.LocalEndPoint!;

        ExternalTool.Result result = CliRunner.Run("serve", "--listen", endPoint.ToString(), "--iterative", "--log-level", "None");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains($"dnssec serve: cannot listen on {endPoint}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("--listen", "not-an-address", "--listen 'not-an-address' is not IP:PORT", "not an address")]
    [InlineData("--listen", "127.0.0.1:65536", "--listen '127.0.0.1:65536' is not IP:PORT", "a port out of range")]
    [InlineData("--allow", "garbage", "--allow 'garbage' is not an address or a network", "not an address")]
    [InlineData("--allow", "10.0.0.0/33", "--allow '10.0.0.0/33' is not an address or a network", "a prefix too long")]
    [InlineData("--rate-limit", "-1", "--rate-limit -1 is not a number of queries per second", "a negative rate")]
    [InlineData("--max-tcp", "0", "--max-tcp 0 must be at least 1", "no TCP connections")]
    public void Serve_MalformedOption_ExitsThreeNamingIt(string option, string value, string message, string description)
    {
        _ = description;

        ExternalTool.Result result = CliRunner.Run("serve", "--listen", "127.0.0.1:0", option, value, "--iterative");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains($"dnssec serve: {message}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Serve_UpstreamIsItsOwnListenAddress_ExitsThreeInsteadOfAskingItself()
    {
        ExternalTool.Result result = CliRunner.Run("serve", "--listen", "127.0.0.1:5399", "--server", "127.0.0.1:5399");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("dnssec serve: the upstream 127.0.0.1:5399 is an address this server listens on", result.Error, StringComparison.Ordinal);
        Assert.Contains("(upstreams from the configured servers)", result.Error, StringComparison.Ordinal);
    }

    /// <summary>`dnssec serve` running in the background, its stdout lines and stderr collected as they come.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private const string Prefix = "listening on ";
        private readonly Process _process;
        private readonly List<string> _output = [];
        private readonly StringBuilder _error = new();
        private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(string Text, TaskCompletionSource Seen)> _errorWaiters = [];

        private ServeProcess(Process process) => _process = process;

        public IReadOnlyList<string> Output
        {
            get
            {
                lock (_output)
                {
                    return [.. _output];
                }
            }
        }

        public string Error
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        public static ServeProcess Start(string[] arguments)
        {
            var start = new ProcessStartInfo(CliRunner.Program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in CliRunner.Prefix.Append("serve").Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var serve = new ServeProcess(process);
            process.OutputDataReceived += (_, line) => serve.OnOutput(line.Data);
            process.ErrorDataReceived += (_, line) => serve.OnError(line.Data);
            process.Exited += (_, _) => serve._listening.TrySetException(new InvalidOperationException($"dnssec serve exited before listening:\n{serve.Error}"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return serve;
        }

        /// <summary>The endpoints of the "listening on" line, once it has been printed.</summary>
        public async Task<IReadOnlyList<IPEndPoint>> WaitUntilListeningAsync()
        {
            string line = await _listening.Task.WaitAsync(Patience);
            return [.. line[Prefix.Length..].Split(' ').Select(text => IPEndPoint.Parse(text))];
        }

        /// <summary>Completes once a line of stderr contains <paramref name="text"/>.</summary>
        public Task WaitForErrorAsync(string text)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_error)
            {
                if (_error.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return Task.CompletedTask;
                }

                _errorWaiters.Add((text, seen));
            }

            return seen.Task.WaitAsync(Patience);
        }

        /// <summary>Sends SIGTERM, as systemd does to stop a service, and returns the exit status.</summary>
        public async Task<int> TerminateAsync()
        {
            using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(Patience);
            await _process.WaitForExitAsync(patience.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void OnOutput(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Add(line);
            }

            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                _listening.TrySetResult(line);
            }
        }

        private void OnError(string? line)
        {
            if (line is not null)
            {
                lock (_error)
                {
                    _error.AppendLine(line);
                    foreach ((string text, TaskCompletionSource seen) in _errorWaiters)
                    {
                        if (line.Contains(text, StringComparison.Ordinal))
                        {
                            seen.TrySetResult();
                        }
                    }
                }
            }
        }
    }
}
