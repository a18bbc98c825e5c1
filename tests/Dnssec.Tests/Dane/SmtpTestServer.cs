using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dnssec.Tests.Dane;

/// <summary>
/// A small SMTP server on 127.0.0.1 with STARTTLS (which it can be told to strip, as a downgrading attacker does) that
/// accepts every message and keeps it.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SslStreamCertificateContext _context;
    private readonly bool _offerStartTls;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpTestServer(X509Certificate2 leaf, X509Certificate2[] intermediates, bool offerStartTls = true)
    {
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _offerStartTls = offerStartTls;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Messages { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            try
            {
                await WriteAsync(stream, "220 mx.example.test ESMTP test");
                bool tls = false;
                while (true)
                {
                    string? line = await ReadLineAsync(stream);
                    if (line is null)
                    {
                        return;
                    }

                    string verb = line.Split(' ')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await WriteAsync(stream, _offerStartTls && !tls ? "250-mx.example.test\r\n250-STARTTLS\r\n250 8BITMIME" : "250-mx.example.test\r\n250 8BITMIME");
                            break;
                        case "STARTTLS" when _offerStartTls && !tls:
                            await WriteAsync(stream, "220 go ahead");
                            var ssl = new SslStream(stream);
                            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, _stop.Token);
                            stream = ssl;
                            tls = true;
                            break;
                        case "MAIL" or "RCPT":
                            await WriteAsync(stream, "250 ok");
                            break;
                        case "DATA":
                            await WriteAsync(stream, "354 go on");
                            var message = new StringBuilder();
                            while (await ReadLineAsync(stream) is { } dataLine && dataLine != ".")
                            {
                                message.Append(dataLine).Append('\n');
                            }

                            lock (Messages)
                            {
                                Messages.Add(message.ToString());
                            }

                            await WriteAsync(stream, "250 queued");
                            break;
                        case "QUIT":
                            await WriteAsync(stream, "221 bye");
                            return;
                        default:
                            await WriteAsync(stream, "502 not here");
                            break;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // The client refused the certificate or hung up: the tests look at what the client says.
            }
        }
    }

    private async Task WriteAsync(Stream stream, string reply) => await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), _stop.Token);

    private async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (await stream.ReadAsync(one, _stop.Token) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return null;
    }
}
