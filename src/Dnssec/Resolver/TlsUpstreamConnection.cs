using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One TLS connection to a DNS over TLS upstream (RFC 7858), shared by concurrent queries: each query is padded, framed
/// with its two-octet length and written whole (§3.3), and a reader loop hands each response, in whatever order the
/// server sends them, to the query with its ID (RFC 7766 §6.2.1.1). It closes itself after the idle time, the server's
/// edns-tcp-keepalive when given (RFC 7828 §3.3.2), else the transport's.
/// </summary>
internal sealed class TlsUpstreamConnection : IAsyncDisposable, IDisposable
{
    /// <summary>The longest idle time taken from a server's keepalive, so that a server's whim does not hold sockets open for hours.</summary>
    private static readonly TimeSpan MaximumKeepalive = TimeSpan.FromMinutes(5);

    private readonly TlsUpstream _upstream;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<Reply>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ITimer _idleTimer;
    private readonly Action<TlsUpstream, string> _unauthenticated;
    private Socket? _socket;
    private SslStream? _stream;
    private Task? _reader;
    private long _lastUsed;
    private long _idleTicks;
    private string? _refusal;
    private string? _opportunistic;
    private volatile bool _closed;
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
        _lastUsed = time.GetTimestamp();
        _idleTimer = time.CreateTimer(static state => ((TlsUpstreamConnection)state!).CloseIfIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether the connection has failed or been closed by either side.</summary>
    public bool IsClosed => _closed;

    /// <summary>Whether the handshake is done and the connection still open: a failure on it may be the server's having closed it meanwhile.</summary>
    public bool IsOpen => _stream is not null && !_closed;

    /// <summary>The idle time now in force: the server's keepalive when it gave one, else the transport's.</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromTicks(Interlocked.Read(ref _idleTicks));

    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ushort id = 0;
        TaskCompletionSource<Reply>? waiter = null;
        bool connected = false;
        try
        {
            if (await ConnectAsync(linked.Token).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }

            connected = true;
            waiter = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
            do
            {
                id = (ushort)RandomNumberGenerator.GetInt32(0, 1 << 16);
            }
            while (!_pending.TryAdd(id, waiter));

            Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());
            byte[] query = PaddedQuery.Build(id, question, options);
            byte[] framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await WriteAsync(framed, linked.Token).ConfigureAwait(false);
            Reply reply = await waiter.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            if (reply.Message is null)
            {
                return Failure(reply.Malformed ? TransportError.Malformed : TransportError.NetworkError, $"TLS to {_upstream.EndPoint}: {reply.Problem}");
            }

            if (!DnsTransport.Matches(reply.Message, id, question))
            {
                return Failure(TransportError.Malformed, $"the TLS response from {_upstream.EndPoint} with ID {id} does not answer {question}");
            }

            if (PaddedQuery.Keepalive(reply.Message) is { } keepalive)
            {
                Interlocked.Exchange(ref _idleTicks, Math.Min(keepalive.Ticks, MaximumKeepalive.Ticks));
            }

            return TransportResponse.Success(_upstream.EndPoint, TransportProtocol.Tls, reply.Message, reply.Size, reply.Dropped, Privacy, _opportunistic);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string what = connected ? "no response" : "no TLS connection";
            return Failure(TransportError.Timeout, $"{what} from {_upstream.EndPoint} over TLS within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            await CloseAsync().ConfigureAwait(false);
            return Failure(TransportError.NetworkError, $"TLS to {_upstream.EndPoint} failed: {Describe(exception)}");
        }
        finally
        {
            if (waiter is not null)
            {
                _pending.TryRemove(new KeyValuePair<ushort, TaskCompletionSource<Reply>>(id, waiter));
            }

            ArmIdleTimer();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _idleTimer.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
        _writeLock.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Close();
        // The read loop ends on the cancellation; waiting for it keeps it off the token source disposed below.
        _reader?.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        _idleTimer.Dispose();
        _closing.Dispose();
        _writeLock.Dispose();
    }

    private static string Describe(Exception exception) => exception switch
    {
        SocketException socket => socket.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
        _ => exception.Message,
    };

    /// <summary>Connects and authenticates once; a failure response when the server cannot be reached or is refused.</summary>
    private async ValueTask<TransportResponse?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return null;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stream is not null)
            {
                return null;
            }

            if (_closed)
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
                _closed = true;
                string reason = _refusal ?? $"the TLS handshake failed: {exception.InnerException?.Message ?? exception.Message}";
                return Failure(TransportError.TlsFailure, $"DNS over TLS to {_upstream.EndPoint} refused ({Profile}): {reason}");
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                Discard(socket, stream);
                _closed = true;
                return Failure(TransportError.NetworkError, $"no TLS connection to {_upstream.EndPoint}: {Describe(exception)}");
            }
            catch
            {
                Discard(socket, stream);
                _closed = true;
                throw;
            }

            _socket = socket;
            _stream = stream;
            if (_opportunistic is not null)
            {
                _unauthenticated(_upstream, _opportunistic);
            }

            _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
            return null;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private string Profile => _upstream.IsStrict ? "strict profile" : "opportunistic profile";

    private TransportPrivacy Privacy => _upstream.IsStrict ? TransportPrivacy.Strict : TransportPrivacy.Opportunistic;

    private TransportResponse Failure(TransportError error, string detail) =>
        TransportResponse.Failure(_upstream.EndPoint, TransportProtocol.Tls, Privacy, error, detail);

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
            _opportunistic = "unauthenticated TLS: opportunistic profile, no authentication name or pin";
            return true;
        }

        _refusal = _upstream.Refusal(certificate, chain, errors);
        return _refusal is null;
    }

    private async ValueTask WriteAsync(byte[] framed, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // RFC 7858 §3.4: the length and the message in one write, so they travel in one TLS record.
            await _stream!.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A write cut off part way leaves the framing broken for every later query: the connection cannot be used.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads framed responses until the connection ends, handing each to the query with its ID.</summary>
    private async Task ReadLoopAsync()
    {
        byte[] lengthBuffer = new byte[2];
        string reason = "the server closed the connection";
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (await _stream!.ReadAtLeastAsync(lengthBuffer, 2, throwOnEndOfStream: false, _closing.Token).ConfigureAwait(false) < 2)
                {
                    break;
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(lengthBuffer);
                byte[] message = new byte[length];
                if (length < DnsHeader.Size || await _stream.ReadAtLeastAsync(message, length, throwOnEndOfStream: false, _closing.Token).ConfigureAwait(false) < length)
                {
                    reason = "the server sent a response shorter than a header or cut it off";
                    break;
                }

                ushort id = BinaryPrimitives.ReadUInt16BigEndian(message);
                if (!_pending.TryRemove(id, out TaskCompletionSource<Reply>? waiter))
                {
                    continue;
                }

                try
                {
                    DnsMessage response = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);
                    waiter.TrySetResult(new Reply(response, length, dropped, null, false));
                }
                catch (DnsFormatException exception)
                {
                    waiter.TrySetResult(new Reply(null, 0, [], $"malformed response: {exception.Message}", true));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = $"the connection failed: {Describe(exception)}";
        }

        _closed = true;
        foreach (TaskCompletionSource<Reply> waiter in _pending.Values)
        {
            waiter.TrySetResult(new Reply(null, 0, [], reason, false));
        }
    }

    /// <summary>Starts the idle wait once no query is outstanding (RFC 7766 §6.2.3, RFC 7828 §3.3.2).</summary>
    private void ArmIdleTimer()
    {
        if (_pending.IsEmpty && !_closed && Volatile.Read(ref _disposed) == 0)
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
        if (_pending.IsEmpty && _time.GetElapsedTime(Interlocked.Read(ref _lastUsed)) >= IdleTimeout)
        {
            Close();
        }
        else
        {
            ArmIdleTimer();
        }
    }

    private async ValueTask CloseAsync()
    {
        _closed = true;
        if (!_closing.IsCancellationRequested)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }

        _stream?.Dispose();
        _socket?.Dispose();
    }

    private void Close()
    {
        _closed = true;
        try
        {
            if (!_closing.IsCancellationRequested)
            {
                _closing.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: already closed.
        }

        _stream?.Dispose();
        _socket?.Dispose();
    }

    private readonly record struct Reply(DnsMessage? Message, int Size, IReadOnlyList<DroppedRecord> Dropped, string? Problem, bool Malformed);
}
