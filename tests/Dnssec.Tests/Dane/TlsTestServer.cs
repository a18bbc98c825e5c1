using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dnssec.Tests.Dane;

/// <summary>
/// An in-process TLS server on 127.0.0.1 that sends a leaf and its intermediates, answers each HTTP request with
/// "ok" and closes; handshakes that the client aborts are counted, not thrown.
/// </summary>
internal sealed class TlsTestServer : IAsyncDisposable
{
    private readonly SslStreamCertificateContext _context;
    private readonly LoopbackListener _listener;

    public TlsTestServer(X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _listener = new LoopbackListener(ServeAsync);
    }

    public int Port => _listener.Port;

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream());
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, cancellationToken);
                byte[] buffer = new byte[4096];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await ssl.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await ssl.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // The client refused the certificate or went away: that is what many tests want.
            }
        }
    }
}
