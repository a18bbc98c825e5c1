using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;

namespace Dnssec.Server;

/// <summary>
/// The TCP listener (RFC 7766): a capped number of connections, each read as a stream of length-prefixed queries that
/// are resolved concurrently and answered as they finish, in any order; idle and slow connections are closed.
/// </summary>
public sealed partial class DnsServer
{
    private async Task AcceptTcpAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                LogReceiveFailed(_logger, listener.LocalEndPoint, exception.SocketErrorCode);
                continue;
            }

            if (Interlocked.Increment(ref _tcpConnections) > _options.MaximumTcpConnections)
            {
                // Over the cap the newest connection goes at once, so the ones already served keep their place.
                Interlocked.Decrement(ref _tcpConnections);
                _dropped.Add(1, new KeyValuePair<string, object?>("reason", "tcp_connections"));
                connection.Dispose();
                continue;
            }

            _connections.Add(1);
            // The connection counts as under way until it is closed, so that stopping waits for it and frees the port.
            _inFlight.Enter();
            _ = ServeConnectionAsync(connection, stopping);
        }
    }

    private async Task ServeConnectionAsync(Socket connection, CancellationToken stopping)
    {
        var client = (IPEndPoint)connection.RemoteEndPoint!;
        using var writing = new SemaphoreSlim(1, 1);
        using var pipelined = new SemaphoreSlim(_options.MaximumQueriesPerConnection, _options.MaximumQueriesPerConnection);
        var answering = new List<Task>();
        try
        {
            byte[] prefix = new byte[2];
            while (!stopping.IsCancellationRequested)
            {
                await pipelined.WaitAsync(stopping).ConfigureAwait(false);
                // One deadline for the whole query, prefix and body: a sender that trickles bytes is cut off like an idle one.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                deadline.CancelAfter(_options.TcpIdleTimeout);
                if (!await ReadExactlyAsync(connection, prefix, deadline.Token).ConfigureAwait(false))
                {
                    pipelined.Release();
                    break;
                }

                byte[] query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                if (!await ReadExactlyAsync(connection, query, deadline.Token).ConfigureAwait(false))
                {
                    pipelined.Release();
                    break;
                }

                _inFlight.Enter();
                answering.Add(AnswerTcpAsync(connection, query, client, writing, pipelined));
                answering.RemoveAll(task => task.IsCompleted);
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
        finally
        {
            // Answers already read are sent before the connection closes (RFC 7766 §6.2.3: the server closes it).
            await Task.WhenAll(answering).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // The place is given back before the close, so a client that sees the close can connect again at once.
            Interlocked.Decrement(ref _tcpConnections);
            _connections.Add(-1);
            connection.Dispose();
            _inFlight.Exit();
        }
    }

    private async Task AnswerTcpAsync(Socket connection, byte[] query, IPEndPoint client, SemaphoreSlim writing, SemaphoreSlim pipelined)
    {
        try
        {
            byte[]? response = await AnswerAsync(query, client, TransportProtocol.Tcp, CancellationToken.None).ConfigureAwait(false);
            if (response is null)
            {
                return;
            }

            byte[] framed = new byte[response.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
            response.CopyTo(framed, 2);
            await writing.WaitAsync().ConfigureAwait(false);
            try
            {
                await connection.SendAsync(framed, SocketFlags.None).ConfigureAwait(false);
            }
            finally
            {
                writing.Release();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The client closed the connection before its answer was ready.
        }
        finally
        {
            pipelined.Release();
            _inFlight.Exit();
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed the connection or the deadline passed first.</summary>
    private static async Task<bool> ReadExactlyAsync(Socket connection, byte[] buffer, CancellationToken deadline)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int count;
            try
            {
                count = await connection.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (SocketException)
            {
                return false;
            }

            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
