using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// DNS over one connected stream (TCP, or TLS on top of it), shared by concurrent queries (RFC 7766 §6.2.1.1
/// pipelining): each query is given an ID no other outstanding query has, framed with its two-octet length and written
/// whole, and a reader loop hands each response, in whatever order the server sends them, to the query with its ID;
/// the question is then checked too. When the stream ends, fails or its framing breaks, every waiting query is told why.
/// What is particular to a transport (connecting, authenticating, padding, idle policy, the wording of failures) stays
/// with <see cref="TcpConnection"/> and <see cref="TlsUpstreamConnection"/>.
/// </summary>
internal sealed class PipelinedStreamConnection : IAsyncDisposable, IDisposable
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<Reply>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private long _lastUsed;
    private string? _ended;
    private volatile bool _closed;
    private int _disposed;

    /// <param name="stream">The connected stream, owned from now on: disposing the connection disposes it.</param>
    /// <param name="time">The clock of <see cref="IdleTime"/>.</param>
    public PipelinedStreamConnection(Stream stream, TimeProvider time)
    {
        _stream = stream;
        _time = time;
        _lastUsed = time.GetTimestamp();
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// <summary>What became of one query: the response that answers it, or why there is none.</summary>
    public enum Outcome : byte
    {
        /// <summary>The response has the query's ID and question.</summary>
        Answered,

        /// <summary>The connection ended, failed or broke its framing before the response came; the problem says how.</summary>
        Closed,

        /// <summary>The response with the query's ID could not be parsed; the problem says why.</summary>
        Malformed,

        /// <summary>The response with the query's ID is for another question (RFC 7766 §7 asks both to match).</summary>
        OtherQuestion,
    }

    /// <summary>Whether the connection has failed or been closed by either side.</summary>
    public bool IsClosed => _closed;

    /// <summary>How long no query has been sent, or null while one is waiting for its response.</summary>
    public TimeSpan? IdleTime => _pending.IsEmpty ? _time.GetElapsedTime(Interlocked.Read(ref _lastUsed)) : null;

    /// <summary>Why a socket or stream operation failed, in a few words: the socket's error code when there is one.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SocketException socket => socket.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
        _ => exception.Message,
    };

    /// <summary>
    /// Sends <paramref name="query"/> under a fresh ID (put on the wire in place of the one it was built with) and waits for the
    /// response with that ID. A failed or cancelled write closes the connection, since a message cut off part way breaks
    /// the framing for every later query; its exception, like the caller's cancellation, is rethrown.
    /// </summary>
    // Every query waits here asynchronously: the pooled builder reuses the state machine instead of allocating one each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Reply> ExchangeAsync(byte[] query, DnsQuestion question, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort id;
        do
        {
            id = (ushort)RandomNumberGenerator.GetInt32(0, 1 << 16);
        }
        while (!_pending.TryAdd(id, waiter));

        try
        {
            // The reader fails the waiters it finds when it ends; one registered after that sweep learns it here. The
            // barrier keeps this read from moving before the registration, which the sweep might otherwise miss.
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _ended) is { } ended)
            {
                return new Reply(null, 0, [], id, Outcome.Closed, ended);
            }

            Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());
            byte[] framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            BinaryPrimitives.WriteUInt16BigEndian(framed.AsSpan(2), id);
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            bool writing = false;
            try
            {
                // A query that timed out before its write leaves the framing whole: no reason to close for the others.
                cancellationToken.ThrowIfCancellationRequested();
                writing = true;
                // RFC 7858 §3.4 (and RFC 7766 §8 for TCP): the length and the message in one write, so they travel together.
                await _stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch when (writing)
            {
                await CloseAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                _writeLock.Release();
            }

            Reply reply = await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return reply.Message is not null && !DnsTransport.Matches(reply.Message, id, question)
                ? reply with { Outcome = Outcome.OtherQuestion }
                : reply;
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<ushort, TaskCompletionSource<Reply>>(id, waiter));
        }
    }

    /// <summary>Closes the stream; waiting queries are failed by the reader as it stops.</summary>
    public async ValueTask CloseAsync()
    {
        _closed = true;
        try
        {
            if (!_closing.IsCancellationRequested)
            {
                await _closing.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: already closed.
        }

        _stream.Dispose();
    }

    /// <summary>Closes the stream from a timer or another synchronous caller.</summary>
    public void Close()
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

        _stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        _closing.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>Reads framed responses until the connection ends, handing each to the query with its ID.</summary>
    private async Task ReadLoopAsync()
    {
        byte[] lengthBuffer = new byte[2];
        // Kept only when the loop stops for a reason not caught below, a bug: the waiters are failed all the same.
        string reason = "the connection's reader stopped";
        try
        {
            while (true)
            {
                if (!await ReadExactlyAsync(lengthBuffer).ConfigureAwait(false))
                {
                    reason = "the server closed the connection";
                    break;
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(lengthBuffer);
                byte[] message = new byte[length];
                if (length < DnsHeader.Size || !await ReadExactlyAsync(message).ConfigureAwait(false))
                {
                    reason = "the server sent a response shorter than a header or cut it off";
                    break;
                }

                ushort id = BinaryPrimitives.ReadUInt16BigEndian(message);
                if (!_pending.TryRemove(id, out TaskCompletionSource<Reply>? waiter))
                {
                    // No query waits for this ID (it timed out, or the server is confused): the next frame may be ours.
                    continue;
                }

                try
                {
                    DnsMessage response = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);
                    waiter.TrySetResult(new Reply(response, length, dropped, id, Outcome.Answered, null));
                }
                catch (DnsFormatException exception)
                {
                    waiter.TrySetResult(new Reply(null, 0, [], id, Outcome.Malformed, $"malformed response: {exception.Message}"));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = $"the connection failed: {Describe(exception)}";
        }
        finally
        {
            _closed = true;
            // A full fence, paired with the one after each registration: a query either is swept here or sees the end.
            Interlocked.Exchange(ref _ended, reason);
            foreach (KeyValuePair<ushort, TaskCompletionSource<Reply>> pending in _pending)
            {
                pending.Value.TrySetResult(new Reply(null, 0, [], pending.Key, Outcome.Closed, reason));
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the stream ends first.</summary>
    // Called twice per response, mostly waiting for the server: pooled like the exchange.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int count = await _stream.ReadAsync(buffer[read..], _closing.Token).ConfigureAwait(false);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }

    /// <summary>
    /// The response to one query (<see cref="Message"/>, <see cref="Size"/> octets on the wire, with the records its
    /// parse left out) when <see cref="Outcome"/> is <see cref="Outcome.Answered"/> or <see cref="Outcome.OtherQuestion"/>;
    /// else why there is none.
    /// </summary>
    public readonly record struct Reply(DnsMessage? Message, int Size, IReadOnlyList<DroppedRecord> Dropped, ushort Id, Outcome Outcome, string? Problem);
}
