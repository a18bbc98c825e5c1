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
    private readonly SslStreamCertificateContext _context;
    private readonly bool _offerStartTls;
    private readonly LoopbackListener _listener;

    public SmtpTestServer(X509Certificate2 leaf, X509Certificate2[] intermediates, bool offerStartTls = true)
    {
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _offerStartTls = offerStartTls;
        _listener = new LoopbackListener(ServeAsync);
    }

    public int Port => _listener.Port;

    public List<string> Messages { get; } = [];

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            try
            {
                await WriteAsync(stream, "220 mx.example.test ESMTP test", cancellationToken);
                bool tls = false;
                while (true)
                {
                    string? line = await ReadLineAsync(stream, cancellationToken);
                    if (line is null)
                    {
                        return;
                    }

                    string verb = line.Split(' ')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await WriteAsync(stream, _offerStartTls && !tls ? "250-mx.example.test\r\n250-STARTTLS\r\n250 8BITMIME" : "250-mx.example.test\r\n250 8BITMIME", cancellationToken);
                            break;
                        case "STARTTLS" when _offerStartTls && !tls:
                            await WriteAsync(stream, "220 go ahead", cancellationToken);
                            var ssl = new SslStream(stream);
                            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, cancellationToken);
                            stream = ssl;
                            tls = true;
                            break;
                        case "MAIL" or "RCPT":
                            await WriteAsync(stream, "250 ok", cancellationToken);
                            break;
                        case "DATA":
                            await WriteAsync(stream, "354 go on", cancellationToken);
                            var message = new StringBuilder();
                            while (await ReadLineAsync(stream, cancellationToken) is { } dataLine && dataLine != ".")
                            {
                                message.Append(dataLine).Append('\n');
                            }

                            lock (Messages)
                            {
                                Messages.Add(message.ToString());
                            }

                            await WriteAsync(stream, "250 queued", cancellationToken);
                            break;
                        case "QUIT":
                            await WriteAsync(stream, "221 bye", cancellationToken);
                            return;
                        default:
                            await WriteAsync(stream, "502 not here", cancellationToken);
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

    private static async Task WriteAsync(Stream stream, string reply, CancellationToken cancellationToken) => await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken);

    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1)
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
