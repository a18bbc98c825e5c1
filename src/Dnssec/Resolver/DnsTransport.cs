using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Resolver;

/// <summary>
/// The network transport: UDP with EDNS(0) from a fresh socket (and so a fresh random source port) per query, falling
/// back to TCP when a response is truncated, with TCP connections kept open and reused for later queries to the same
/// server (RFC 7766 §6). Responses are accepted only when ID, question and server match (RFC 5452 §9.1); anything else
/// is ignored while the wait goes on. Responses are parsed scrubbing (<see cref="DnsMessage.ParseScrubbed"/>): a
/// malformed record is left out, listed on the response and logged, and the rest is used. Safe for concurrent use.
/// </summary>
public sealed partial class DnsTransport : IDnsTransport, IAsyncDisposable, IDisposable
{
    private const int MaxMessageSize = ushort.MaxValue;

    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a transport.</summary>
    public DnsTransport(ILogger<DnsTransport>? logger = null, TimeProvider? timeProvider = null)
    {
        _logger = logger ?? NullLogger<DnsTransport>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long an unused TCP connection is kept before it is closed (RFC 7766 §6.2.3 suggests seconds, not minutes).</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TcpOnly)
        {
            TransportResponse udp = await QueryUdpAsync(server, question, options, cancellationToken).ConfigureAwait(false);
            if (!udp.Succeeded || !udp.Message.Flags.HasFlag(DnsHeaderFlags.Truncated))
            {
                return Reported(udp, question);
            }

            LogTruncated(_logger, question.Name, question.Type, server);
            TransportResponse tcp = await QueryTcpAsync(server, question, options, cancellationToken).ConfigureAwait(false);
            return tcp.Succeeded
                ? Reported(tcp, question)
                : TransportResponse.Failure(server, TransportProtocol.Tcp, TransportError.Truncated, $"the UDP response from {server} was truncated and TCP failed: {tcp.Detail}");
        }

        return Reported(await QueryTcpAsync(server, question, options, cancellationToken).ConfigureAwait(false), question);
    }

    /// <summary>Closes every kept TCP connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (TcpConnection connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
    }

    /// <summary>Closes every kept TCP connection, for owners that dispose synchronously.</summary>
    public void Dispose()
    {
        foreach (TcpConnection connection in _connections.Values)
        {
            connection.Dispose();
        }

        _connections.Clear();
    }

    /// <summary>The TCP connections kept now, for tests of the pool's bound.</summary>
    internal int KeptConnections => _connections.Count;

    /// <summary>The query with ID <paramref name="id"/> as <paramref name="options"/> ask for it, with the plain OPT record when they use EDNS(0).</summary>
    internal static byte[] BuildQuery(ushort id, DnsQuestion question, QueryOptions options) =>
        BuildQuery(id, question, options, options.UseEdns ? Edns(options) : null);

    /// <summary>The OPT record of a query sent with <paramref name="options"/>, for queries that carry EDNS options beside it.</summary>
    internal static EdnsRecord Edns(QueryOptions options) => new() { DnssecOk = options.DnssecOk, UdpPayloadSize = options.UdpPayloadSize };

    /// <summary>The query with ID <paramref name="id"/>, the header flags of <paramref name="options"/> and <paramref name="edns"/> as its OPT record (none when null).</summary>
    internal static byte[] BuildQuery(ushort id, DnsQuestion question, QueryOptions options, EdnsRecord? edns)
    {
        DnsHeaderFlags flags = (options.RecursionDesired ? DnsHeaderFlags.RecursionDesired : 0) | (options.CheckingDisabled ? DnsHeaderFlags.CheckingDisabled : 0);

        // Written straight into an array of the query's size, the first name of a message being never compressed: a
        // DnsMessage and a growing buffer for one question cost more than the query itself.
        byte[] query = new byte[DnsHeader.Size + question.Name.WireLength + 4 + (edns?.WireSize ?? 0)];
        var writer = new DnsMessageWriter(query, new DnsHeader(id, flags, DnsOpCode.Query, 0));
        if (!writer.TryWriteQuestion(question.Name, question.Type, question.Class) || (edns is not null && !writer.TryWriteEdns(edns)))
        {
            throw new InvalidOperationException($"The query for {question} does not fit the {query.Length} octets reserved for it.");
        }

        writer.Finish();
        return query;
    }

    /// <summary>Whether a response answers this query: response bit, ID and the very question (RFC 5452 §9.1).</summary>
    internal static bool Matches(DnsMessage response, ushort id, DnsQuestion question) =>
        response.IsResponse && response.Id == id && response.Questions.Count == 1 &&
        response.Questions[0].Type == question.Type && response.Questions[0].Class == question.Class && response.Questions[0].Name.Equals(question.Name);

    private static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 1 << 16);

    /// <summary>
    /// Logs the records left out of the response that is handed on (not those of a truncated UDP response that TCP
    /// replaced): one line per response, since the server decides how many there are, and each at debug level.
    /// </summary>
    private TransportResponse Reported(TransportResponse response, DnsQuestion question)
    {
        if (response.Dropped.Count > 0)
        {
            LogDroppedRecords(_logger, response.Dropped.Count, response.Server, question.Name, question.Type, response.Dropped[0]);
            foreach (DroppedRecord dropped in response.Dropped)
            {
                LogDropped(_logger, response.Server, dropped);
            }
        }

        return response;
    }

    private async ValueTask<TransportResponse> QueryUdpAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        ushort id = NewId();
        byte[] query = BuildQuery(id, question, options);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = new CancellationTokenSource(options.Timeout, _time);
        // A resolution shared by concurrent callers passes no token of its own: the timeout alone needs no linked source.
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token) : null;
        CancellationToken token = linked?.Token ?? timeout.Token;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxMessageSize);
        string? lastProblem = null;
        try
        {
            // A connected UDP socket gets only datagrams from the server's address and port, and ICMP errors as exceptions.
            // Connecting a datagram socket only records the peer and never waits, so it is not worth an asynchronous call.
            socket.Connect(server);
            await socket.SendAsync(query, SocketFlags.None, token).ConfigureAwait(false);
            while (true)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                DnsMessage response;
                IReadOnlyList<DroppedRecord> dropped;
                try
                {
                    response = DnsMessage.ParseScrubbed(buffer.AsSpan(0, received), out dropped);
                }
                catch (DnsFormatException exception)
                {
                    lastProblem = $"a malformed response from {server}: {exception.Message}";
                    LogIgnored(_logger, server, lastProblem);
                    continue;
                }

                if (!Matches(response, id, question))
                {
                    lastProblem = $"a response from {server} with ID {response.Id} for {(response.Questions.Count == 1 ? response.Questions[0].ToString() : $"{response.Questions.Count} questions")}, not {id} for {question}";
                    LogIgnored(_logger, server, lastProblem);
                    continue;
                }

                return TransportResponse.Success(server, TransportProtocol.Udp, response, received, dropped);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TransportResponse.Failure(server, TransportProtocol.Udp, lastProblem is null ? TransportError.Timeout : TransportError.Malformed,
                lastProblem is null ? $"no response from {server} over UDP within {options.Timeout.TotalSeconds:0.###} s" : $"no usable response from {server} within {options.Timeout.TotalSeconds:0.###} s; last: {lastProblem}");
        }
        catch (SocketException exception)
        {
            return TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.NetworkError, $"UDP to {server} failed: {exception.SocketErrorCode}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<TransportResponse> QueryTcpAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        if (!_connections.ContainsKey(server))
        {
            // Kept connections are reused only within the idle timeout; without this sweep those to servers not asked
            // again (iterative resolution meets many) would stay open for as long as the transport lives.
            await CloseIdleAsync().ConfigureAwait(false);
        }

        // A kept connection may have been closed by the server since its last use; one retry on a fresh one covers that.
        for (int attempt = 0; ; attempt++)
        {
            TcpConnection connection = _connections.GetOrAdd(server, static (endpoint, time) => new TcpConnection(endpoint, time), _time);
            if (connection.IsIdleFor(TcpIdleTimeout) || connection.IsClosed)
            {
                if (_connections.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(server, connection)))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }

                continue;
            }

            TransportResponse response = await connection.QueryAsync(question, options, cancellationToken).ConfigureAwait(false);
            if (response.Succeeded || attempt > 0 || !connection.IsClosed || response.Error == TransportError.Timeout)
            {
                return response;
            }
        }
    }

    private async ValueTask CloseIdleAsync()
    {
        foreach (KeyValuePair<IPEndPoint, TcpConnection> kept in _connections)
        {
            if ((kept.Value.IsIdleFor(TcpIdleTimeout) || kept.Value.IsClosed) && _connections.TryRemove(kept))
            {
                await kept.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
