using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Server;

/// <summary>
/// The loopback validating resolver (<c>dnssec serve</c>): answers DNS clients over UDP and TCP on each listen address
/// with what an <see cref="IDnssecResolver"/> proved, shaped by <see cref="ResponseBuilder"/> (AD only for Secure
/// answers asked with DO or AD, SERVFAIL with the Extended DNS Error for Bogus ones, the data for CD clients). Only
/// loopback and allowed networks are answered; resolutions, TCP connections and per-client rates are capped.
/// </summary>
public sealed partial class DnsServer : IAsyncDisposable
{
    /// <summary>The name of the meter whose instruments count queries, responses, refusals and drops, and time answers.</summary>
    public const string MeterName = "Dnssec.Server";

    private readonly IDnssecResolver _resolver;
    private readonly DnsServerOptions _options;
    private readonly ILogger _logger;
    private readonly ClientRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ResponseCache _cache;
    private readonly IAnswerCacheGeneration? _generations;
    private readonly SemaphoreSlim _resolutions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly InFlight _inFlight = new();
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _queries;
    private readonly Counter<long> _responses;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _connections;
    private int _tcpConnections;
    private int _started;

    /// <summary>Creates a server that answers with <paramref name="resolver"/>; it listens once <see cref="StartAsync"/> is called.</summary>
    public DnsServer(IDnssecResolver resolver, DnsServerOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        _options = options ?? new DnsServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaximumConcurrentResolutions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaximumTcpConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaximumQueriesPerConnection, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ResponseCacheSize);
        _logger = (ILogger?)loggerFactory?.CreateLogger<DnsServer>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _limiter = new ClientRateLimiter(_options.RateLimit, _time);
        _cache = new ResponseCache(_options.ResponseCacheSize);
        // A resolver that says when it empties its cache (DnssecResolver, when its trust anchors change) has the
        // responses kept from before dropped with it; any other is trusted for the TTLs of its answers.
        _generations = resolver as IAnswerCacheGeneration;
        _resolutions = new SemaphoreSlim(_options.MaximumConcurrentResolutions, _options.MaximumConcurrentResolutions);
        _queries = _meter.CreateCounter<long>("dnssec.server.queries", "{query}", "Queries received, by protocol");
        _responses = _meter.CreateCounter<long>("dnssec.server.responses", "{response}", "Responses sent, by RCODE, security status and path (Cache for cache hits, IterativeFallback for fallbacks)");
        _refused = _meter.CreateCounter<long>("dnssec.server.refused", "{query}", "Queries refused because the client is not allowed");
        _dropped = _meter.CreateCounter<long>("dnssec.server.dropped", "{query}", "Queries not answered, by reason: not_a_query, rate_limit, busy, tcp_connections");
        _duration = _meter.CreateHistogram<double>("dnssec.server.duration", "s", "Time from a query's arrival to its response");
        _connections = _meter.CreateUpDownCounter<long>("dnssec.server.tcp_connections", "{connection}", "Open TCP connections");
    }

    /// <summary>SOL_SOCKET on Linux.</summary>
    private const int SocketOptionLevelSocket = 1;

    /// <summary>SO_REUSEPORT on Linux, which lets several sockets share a port, the kernel spreading the datagrams over them.</summary>
    private const int SocketOptionReusePort = 15;

    /// <summary>How many UDP sockets each listen address gets: one per core on Linux, where they can share the port; otherwise one.</summary>
    private static int UdpSocketsPerAddress => OperatingSystem.IsLinux() ? Environment.ProcessorCount : 1;

    /// <summary>The addresses and ports listened on, UDP and TCP alike, once started (a port given as 0 shows the one the system chose).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints { get; private set; } = [];

    /// <summary>Binds UDP and TCP on every listen address and starts answering; returns once every socket listens.</summary>
    /// <exception cref="IOException">An address cannot be listened on (in use, not permitted, not on this machine); the message names it.</exception>
    /// <exception cref="InvalidOperationException">The server was started before.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The server has been started already.");
        }

        var bound = new List<IPEndPoint>();
        try
        {
            foreach (IPEndPoint endPoint in _options.EffectiveListen)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Socket tcp = BindUdpAndTcp(endPoint);
                var local = (IPEndPoint)tcp.LocalEndPoint!;
                tcp.Listen(_options.MaximumTcpConnections);
                bound.Add(local);
                LogListening(_logger, local);
            }
        }
        catch
        {
            CloseSockets(null);
            throw;
        }

        LocalEndPoints = bound;
        foreach (Socket socket in _sockets)
        {
            if (socket.SocketType == SocketType.Stream)
            {
                _loops.Add(Task.Run(() => AcceptTcpAsync(socket, _stopping.Token), CancellationToken.None));
                continue;
            }

            // A receive loop per core, so that answers from the cache are turned around on every core rather than waiting
            // behind one loop (Unbound runs a thread per core for the same reason): a socket each where the port can be
            // shared, and otherwise all on the one socket.
            for (int loop = 0; loop < Environment.ProcessorCount / UdpSocketsPerAddress; loop++)
            {
                _loops.Add(Task.Run(() => ReceiveUdpAsync(socket, _stopping.Token), CancellationToken.None));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops listening, lets the answers under way finish and go out (until <paramref name="cancellationToken"/> gives up
    /// on them), and closes every connection and socket, so that the port is free once this returns.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            // No new connections; the receive loops end on the token. The UDP sockets stay open until the answers under
            // way have been sent on them, and the connections close themselves once their answers are out.
            CloseSockets(SocketType.Stream);
            await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _inFlight.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CloseSockets(null);
        }
    }

    /// <summary>Stops the server (see <see cref="StopAsync"/>, waiting for answers under way) and releases what it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _meter.Dispose();
        _resolutions.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Binds TCP, then UDP on the same port, keeping the sockets in <see cref="_sockets"/>; returns the TCP socket.
    /// </summary>
    private Socket BindUdpAndTcp(IPEndPoint endPoint)
    {
        // TCP first: when the port is 0 the system picks one free for TCP, which a UDP socket of some other program (a
        // resolver's query port, say) may hold. Then another port is tried, as the caller asked for any.
        const int AttemptsForAnyPort = 16;
        for (int attempt = 1; ; attempt++)
        {
            Socket tcp = Bind(endPoint, SocketType.Stream, ProtocolType.Tcp);
            var local = (IPEndPoint)tcp.LocalEndPoint!;
            var sockets = new List<Socket> { tcp };
            try
            {
                for (int udp = 0; udp < UdpSocketsPerAddress; udp++)
                {
                    sockets.Add(Bind(local, SocketType.Dgram, ProtocolType.Udp));
                }
            }
            catch (IOException exception) when (endPoint.Port == 0 && attempt < AttemptsForAnyPort
                && exception.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                sockets.ForEach(socket => socket.Dispose());
                continue;
            }
            catch
            {
                sockets.ForEach(socket => socket.Dispose());
                throw;
            }

            lock (_sockets)
            {
                _sockets.AddRange(sockets);
            }

            return tcp;
        }
    }

    private static Socket Bind(IPEndPoint endPoint, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
        try
        {
            if (type == SocketType.Dgram && UdpSocketsPerAddress > 1)
            {
                // SO_REUSEPORT: the kernel spreads the clients over the sockets, by their address and port.
                socket.SetRawSocketOption(SocketOptionLevelSocket, SocketOptionReusePort, BitConverter.GetBytes(1));
            }

            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // Each listen address stands for itself: [::] does not also take IPv4, which has its own entry if wanted.
                socket.DualMode = false;
            }

            socket.Bind(endPoint);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            string what = protocol == ProtocolType.Tcp ? "tcp" : "udp";
            string why = exception.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "the address and port are in use by another program",
                SocketError.AccessDenied => "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
                SocketError.AddressNotAvailable => "no interface of this machine has that address",
                _ => exception.Message,
            };
            throw new IOException($"cannot listen on {endPoint} ({what}): {why}", exception);
        }

        return socket;
    }

    /// <summary>Closes the listening sockets of <paramref name="type"/>, or all of them when null.</summary>
    private void CloseSockets(SocketType? type)
    {
        lock (_sockets)
        {
            foreach (Socket socket in _sockets)
            {
                if (type is null || socket.SocketType == type)
                {
                    socket.Dispose();
                }
            }
        }
    }

    /// <summary>Counts the answers under way and the open connections, so that stopping can wait for them.</summary>
    private sealed class InFlight
    {
        private readonly Lock _lock = new();
        private int _count;
        private TaskCompletionSource? _drained;

        public void Enter()
        {
            lock (_lock)
            {
                _count++;
            }
        }

        public void Exit()
        {
            lock (_lock)
            {
                if (--_count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
        }

        public Task DrainAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    return Task.CompletedTask;
                }

                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _drained.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
