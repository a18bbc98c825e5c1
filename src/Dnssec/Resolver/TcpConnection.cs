using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One TCP connection to a server, shared by concurrent queries (RFC 7766 §6.2.1.1 pipelining): each query is framed
/// with its two-octet length, and a reader loop hands each response to the query with its ID.
/// </summary>
internal sealed class TcpConnection : IAsyncDisposable, IDisposable
{
    private readonly IPEndPoint _server;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<(DnsMessage? Message, int Size, IReadOnlyList<DroppedRecord>? Dropped, string? Problem)>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private Socket? _socket;
    private Task? _reader;
    private long _lastUsed;
    private volatile bool _closed;

    public TcpConnection(IPEndPoint server, TimeProvider time)
    {
        _server = server;
        _time = time;
        _lastUsed = time.GetTimestamp();
    }

    /// <summary>Whether the connection has failed or been closed by either side.</summary>
    public bool IsClosed => _closed;

    /// <summary>Whether no query has used the connection for <paramref name="idle"/>.</summary>
    public bool IsIdleFor(TimeSpan idle) => _socket is not null && _pending.IsEmpty && _time.GetElapsedTime(Interlocked.Read(ref _lastUsed)) > idle;

    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ushort id = 0;
        TaskCompletionSource<(DnsMessage?, int, IReadOnlyList<DroppedRecord>?, string?)>? waiter = null;
        try
        {
            await EnsureConnectedAsync(linked.Token).ConfigureAwait(false);
            waiter = new TaskCompletionSource<(DnsMessage?, int, IReadOnlyList<DroppedRecord>?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
            do
            {
                id = (ushort)RandomNumberGenerator.GetInt32(0, 1 << 16);
            }
            while (!_pending.TryAdd(id, waiter));

            byte[] query = DnsTransport.BuildQuery(id, question, options);
            byte[] framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                await _socket!.SendAsync(framed, SocketFlags.None, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());
            (DnsMessage? message, int size, IReadOnlyList<DroppedRecord>? dropped, string? problem) = await waiter.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            if (message is null)
            {
                return TransportResponse.Failure(_server, TransportProtocol.Tcp, problem!.StartsWith("malformed", StringComparison.Ordinal) ? TransportError.Malformed : TransportError.NetworkError, $"TCP to {_server}: {problem}");
            }

            if (!DnsTransport.Matches(message, id, question))
            {
                return TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.Malformed, $"the TCP response from {_server} does not answer {question}");
            }

            return TransportResponse.Success(_server, TransportProtocol.Tcp, message, size, dropped);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.Timeout, $"no response from {_server} over TCP within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException exception)
        {
            await CloseAsync().ConfigureAwait(false);
            return TransportResponse.Failure(_server, TransportProtocol.Tcp, TransportError.NetworkError, $"TCP to {_server} failed: {exception.SocketErrorCode}");
        }
        finally
        {
            if (waiter is not null)
            {
                _pending.TryRemove(new KeyValuePair<ushort, TaskCompletionSource<(DnsMessage?, int, IReadOnlyList<DroppedRecord>?, string?)>>(id, waiter));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _closing.Dispose();
        _writeLock.Dispose();
    }

    public void Dispose()
    {
        _closed = true;
        if (!_closing.IsCancellationRequested)
        {
            _closing.Cancel();
        }

        _socket?.Dispose();
        // The read loop ends on the cancellation; waiting for it keeps it off the token source disposed below.
        _reader?.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        _closing.Dispose();
        _writeLock.Dispose();
    }

    private async ValueTask EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_socket is null)
            {
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

                _socket = socket;
                _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
            }
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
                if (!await ReadExactlyAsync(lengthBuffer).ConfigureAwait(false))
                {
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
                if (!_pending.TryRemove(id, out var waiter))
                {
                    continue;
                }

                try
                {
                    DnsMessage response = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);
                    waiter.TrySetResult((response, length, dropped, null));
                }
                catch (DnsFormatException exception)
                {
                    waiter.TrySetResult((null, 0, null, $"malformed response: {exception.Message}"));
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = $"the connection failed: {exception.Message}";
        }

        _closed = true;
        foreach (var waiter in _pending.Values)
        {
            waiter.TrySetResult((null, 0, null, reason));
        }
    }

    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int count = await _socket!.ReceiveAsync(buffer[read..], SocketFlags.None, _closing.Token).ConfigureAwait(false);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }

    private async ValueTask CloseAsync()
    {
        _closed = true;
        if (!_closing.IsCancellationRequested)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }

        _socket?.Dispose();
    }
}
