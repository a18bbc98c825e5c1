using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One TCP connection to a server, shared by concurrent queries (RFC 7766 §6.2.1.1 pipelining): connected on its first
/// query, then a <see cref="PipelinedStreamConnection"/> frames each query and hands each response to the query with its ID.
/// </summary>
internal sealed class TcpConnection : IAsyncDisposable, IDisposable
{
    private const string ClosedMeanwhile = "the connection was closed before it was made";

    private readonly IPEndPoint _server;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private PipelinedStreamConnection? _connection;
    private volatile bool _failed;

    public TcpConnection(IPEndPoint server, TimeProvider time)
    {
        _server = server;
        _time = time;
    }

    /// <summary>Whether the connection has failed or been closed by either side.</summary>
    public bool IsClosed => _failed || _connection is { IsClosed: true };

    /// <summary>Whether no query has used the connection for <paramref name="idle"/>.</summary>
    public bool IsIdleFor(TimeSpan idle) => _connection?.IdleTime > idle;

    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            PipelinedStreamConnection connection = _connection ?? await ConnectAsync(linked.Token).ConfigureAwait(false);
            // The connection puts its own ID in place of this zero.
            byte[] query = DnsTransport.BuildQuery(0, question, options);
            PipelinedStreamConnection.Reply reply = await connection.ExchangeAsync(query, question, linked.Token).ConfigureAwait(false);
            return reply.Outcome switch
            {
                PipelinedStreamConnection.Outcome.Answered => TransportResponse.Success(_server, TransportProtocol.Tcp, reply.Message!, reply.Size, reply.Dropped),
                PipelinedStreamConnection.Outcome.OtherQuestion => TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.Malformed, $"the TCP response from {_server} does not answer {question}"),
                PipelinedStreamConnection.Outcome.Malformed => TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.Malformed, $"TCP to {_server}: {reply.Problem}"),
                _ => TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.NetworkError, $"TCP to {_server}: {reply.Problem}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.Timeout, $"no response from {_server} over TCP within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            await CloseAsync().ConfigureAwait(false);
            return TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.NetworkError, $"TCP to {_server} failed: {PipelinedStreamConnection.Describe(exception)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _failed = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connectLock.Dispose();
    }

    public void Dispose()
    {
        _failed = true;
        _connection?.Dispose();
        _connectLock.Dispose();
    }

    private async ValueTask<PipelinedStreamConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                if (_failed)
                {
                    throw new IOException(ClosedMeanwhile);
                }

                var socket = new Socket(_server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(_server, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                var connection = new PipelinedStreamConnection(new NetworkStream(socket, ownsSocket: true), _time);
                if (_failed)
                {
                    // Closed or disposed while connecting: nothing would ever close this one.
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new IOException(ClosedMeanwhile);
                }

                _connection = connection;
            }

            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async ValueTask CloseAsync()
    {
        _failed = true;
        if (_connection is not null)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
