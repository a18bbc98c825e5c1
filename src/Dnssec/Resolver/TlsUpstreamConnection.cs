using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One TLS connection to a DNS over TLS upstream (RFC 7858), shared by concurrent queries: connected and authenticated
/// here (RFC 8310), then each query is padded and a <see cref="PipelinedStreamConnection"/> frames it with its two-octet
/// length, writes it whole (§3.3) and hands each response, in whatever order the server sends them, to the query with
/// its ID (RFC 7766 §6.2.1.1). It closes itself after the idle time, the server's edns-tcp-keepalive when given (RFC 7828
/// §3.3.2), else the transport's.
/// </summary>
internal sealed class TlsUpstreamConnection : IAsyncDisposable, IDisposable
{
    /// <summary>The longest idle time taken from a server's keepalive, so that a server's whim does not hold sockets open for hours.</summary>
    private static readonly TimeSpan MaximumKeepalive = TimeSpan.FromMinutes(5);

    private readonly TlsUpstream _upstream;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ITimer _idleTimer;
    private readonly Action<TlsUpstream, string> _unauthenticated;
    private PipelinedStreamConnection? _connection;
    private long _idleTicks;
    private string? _refusal;
    private volatile bool _failed;
    private int _disposed;

    /// <param name="upstream">The server and how it is authenticated.</param>
    /// <param name="idleTimeout">How long the connection stays open unused when the server gives no keepalive.</param>
    /// <param name="time">The clock of the idle timer.</param>
    /// <param name="unauthenticated">Told once per connection when the opportunistic profile used a server it did not authenticate.</param>
    public TlsUpstreamConnection(TlsUpstream upstream, TimeSpan idleTimeout, TimeProvider time, Action<TlsUpstream, string> unauthenticated)
    {
        _upstream = upstream;
        _time = time;
        _unauthenticated = unauthenticated;
        _idleTicks = idleTimeout.Ticks;
        _idleTimer = time.CreateTimer(static state => ((TlsUpstreamConnection)state!).CloseIfIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether the connection has failed or been closed by either side.</summary>
    public bool IsClosed => _failed || _connection is { IsClosed: true };

    /// <summary>Whether the handshake is done and the connection still open: a failure on it may be the server's having closed it meanwhile.</summary>
    public bool IsOpen => !_failed && _connection is { IsClosed: false };

    /// <summary>The idle time now in force: the server's keepalive when it gave one, else the transport's.</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromTicks(Interlocked.Read(ref _idleTicks));

    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        PipelinedStreamConnection? connection = _connection;
        try
        {
            if (connection is null)
            {
                if (await ConnectAsync(linked.Token).ConfigureAwait(false) is { } failure)
                {
                    return failure;
                }

                connection = _connection!;
            }

            // The connection puts its own ID in place of this zero; the padding does not depend on it.
            byte[] query = PaddedQuery.Build(0, question, options);
            PipelinedStreamConnection.Reply reply = await connection.ExchangeAsync(query, question, linked.Token).ConfigureAwait(false);
            switch (reply.Outcome)
            {
                case PipelinedStreamConnection.Outcome.Closed:
                    return Failure(TransportError.NetworkError, $"TLS to {_upstream.EndPoint}: {reply.Problem}");
                case PipelinedStreamConnection.Outcome.Malformed:
                    return Failure(TransportError.Malformed, $"TLS to {_upstream.EndPoint}: {reply.Problem}");
                case PipelinedStreamConnection.Outcome.OtherQuestion:
                    return Failure(TransportError.Malformed, $"the TLS response from {_upstream.EndPoint} with ID {reply.Id} does not answer {question}");
            }

            if (PaddedQuery.Keepalive(reply.Message!) is { } keepalive)
            {
                Interlocked.Exchange(ref _idleTicks, Math.Min(keepalive.Ticks, MaximumKeepalive.Ticks));
            }

            return TransportResponse.Success(_upstream.EndPoint, TransportProtocol.Tls, reply.Message!, reply.Size, reply.Dropped, _upstream.Privacy, _upstream.UnauthenticatedNote);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string what = connection is not null ? "no response" : "no TLS connection";
            return Failure(TransportError.Timeout, $"{what} from {_upstream.EndPoint} over TLS within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            await CloseAsync().ConfigureAwait(false);
            return Failure(TransportError.NetworkError, $"TLS to {_upstream.EndPoint} failed: {PipelinedStreamConnection.Describe(exception)}");
        }
        finally
        {
            ArmIdleTimer();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _failed = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        await _idleTimer.DisposeAsync().ConfigureAwait(false);
        _connectLock.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _failed = true;
        _connection?.Dispose();
        _idleTimer.Dispose();
        _connectLock.Dispose();
    }

    /// <summary>Connects and authenticates once; a failure response when the server cannot be reached or is refused.</summary>
    private async ValueTask<TransportResponse?> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not null)
            {
                return null;
            }

            if (_failed)
            {
                return Failure(TransportError.NetworkError, $"the TLS connection to {_upstream.EndPoint} is closed");
            }

            var socket = new Socket(_upstream.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            SslStream? stream = null;
            try
            {
                await socket.ConnectAsync(_upstream.EndPoint, cancellationToken).ConfigureAwait(false);
                stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
                await stream.AuthenticateAsClientAsync(_upstream.ClientOptions(Validate), cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationException exception)
            {
                Discard(socket, stream);
                _failed = true;
                return Failure(TransportError.TlsFailure, $"DNS over TLS to {_upstream.EndPoint} refused ({_upstream.Profile}): {TlsUpstream.HandshakeFailure(_refusal, exception)}");
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                Discard(socket, stream);
                _failed = true;
                return Failure(TransportError.NetworkError, $"no TLS connection to {_upstream.EndPoint}: {PipelinedStreamConnection.Describe(exception)}");
            }
            catch
            {
                Discard(socket, stream);
                _failed = true;
                throw;
            }

            var connection = new PipelinedStreamConnection(stream, _time);
            if (_failed)
            {
                // Disposed while the handshake ran: nothing would ever close this one.
                await connection.DisposeAsync().ConfigureAwait(false);
                return Failure(TransportError.NetworkError, $"the TLS connection to {_upstream.EndPoint} is closed");
            }

            _connection = connection;
            if (_upstream.UnauthenticatedNote is { } note)
            {
                _unauthenticated(_upstream, note);
            }

            return null;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private TransportResponse Failure(TransportError error, string detail) =>
        TransportResponse.Failure(_upstream.EndPoint, TransportProtocol.Tls, _upstream.Privacy, error, detail);

    private static void Discard(Socket socket, SslStream? stream)
    {
        stream?.Dispose();
        socket.Dispose();
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_upstream.IsStrict)
        {
            // RFC 8310 §6.4: the opportunistic profile encrypts without authenticating; the answer and the log say so.
            return true;
        }

        _refusal = _upstream.Refusal(certificate, chain, errors);
        return _refusal is null;
    }

    /// <summary>Starts the idle wait once no query is outstanding (RFC 7766 §6.2.3, RFC 7828 §3.3.2).</summary>
    private void ArmIdleTimer()
    {
        if (_connection is { IsClosed: false, IdleTime: not null } && Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _idleTimer.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the change: nothing is left to close.
            }
        }
    }

    private void CloseIfIdle()
    {
        if (_connection is not { } connection)
        {
            // Not connected yet: the query connecting arms the timer when it is done.
            return;
        }

        if (connection.IdleTime >= IdleTimeout)
        {
            connection.Close();
        }
        else
        {
            ArmIdleTimer();
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
