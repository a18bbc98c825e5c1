using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Resolver;

/// <summary>
/// Resolves names and proves every answer with DNSSEC inside the process. In stub mode it asks the configured
/// recursive upstreams (DO and CD set) and validates what they return, falling back to iterative resolution from
/// the root hints when an upstream strips, withholds or forges DNSSEC data; in iterative mode it asks the
/// authoritative servers itself. Answers are cached for their validated TTL, failures briefly (RFC 9520), and
/// concurrent identical questions share one resolution. Safe for concurrent use.
/// </summary>
public sealed partial class DnssecResolver : IDnssecResolver, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan RoadblockMemory = TimeSpan.FromMinutes(10);

    private readonly ResolverSettings _settings;
    private readonly IReadOnlyList<UpstreamServer> _upstreams;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IDnsTransport _transport;
    private readonly bool _ownsTransport;
    private readonly DnsOverTlsTransport? _tls;
    private readonly DnsOverHttpsTransport? _https;
    private readonly AnswerBuilder _answers;
    private readonly Route? _stub;
    private readonly Route? _zoned;
    private readonly Route? _iterative;
    private readonly RRsetCache _cache;
    private readonly DenialCache? _denials;
    private readonly ConcurrentDictionary<(DnsName, RecordType), Lazy<Task<DnssecAnswer>>> _inFlight = new();
    private readonly TrackedAnchors? _tracked;
    private long _roadblockUntil;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">Upstreams, mode, anchors and limits; defaults when null.</param>
    /// <param name="loggerFactory">Where log messages go; nowhere when null.</param>
    /// <param name="timeProvider">The clock for validation and caching; the system clock when null.</param>
    /// <param name="transport">The network; a <see cref="DnsTransport"/> when null (tests and replays pass their own).</param>
    /// <exception cref="InvalidOperationException">A zone is both forwarded and a stub zone.</exception>
    /// <exception cref="IOException">The root hints cannot be read (a missing or unreadable resolv.conf is not an error: the network interfaces' servers are used).</exception>
    /// <exception cref="InvalidDataException">The anchor state file is missing, unreadable or corrupt; the reason names it.</exception>
    public DnssecResolver(ResolverOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IDnsTransport? transport = null)
    {
        _settings = ResolverSettings.From(options ?? new ResolverOptions());
        ResolverOptions settings = _settings.Options;
        _upstreams = [.. _settings.Upstreams.Select(endPoint => settings.Servers.FirstOrDefault(server => server.EndPoint.Equals(endPoint)) ?? new UpstreamServer(endPoint))];
        _tracked = settings.AnchorStatePath is null ? null : new TrackedAnchors(_settings.Anchors);
        _logger = (ILogger?)loggerFactory?.CreateLogger<DnssecResolver>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ownsTransport = transport is null;
        // Network timeouts run on the wall clock even when validation time is injected (tests pin it, replays move it).
        _transport = transport ?? new DnsTransport(loggerFactory?.CreateLogger<DnsTransport>());
        IDnsTransport network = _transport;
        if (_settings.TlsUpstreams.Count > 0 || _settings.HttpsUpstreams.Count > 0)
        {
            // TLS and HTTPS upstreams are asked through the resolver's own DNS over TLS and DNS over HTTPS transports, a
            // given transport or not; the rest (plain upstreams, forward zones, the authorities of the fallback) through
            // the plain one.
            var routes = new Dictionary<IPEndPoint, IDnsTransport>();
            if (_settings.TlsUpstreams.Count > 0)
            {
                _tls = new DnsOverTlsTransport(_settings.TlsUpstreams, loggerFactory?.CreateLogger<DnsOverTlsTransport>());
                foreach (TlsUpstream upstream in _settings.TlsUpstreams)
                {
                    routes[upstream.EndPoint] = _tls;
                }
            }

            if (_settings.HttpsUpstreams.Count > 0)
            {
                _https = new DnsOverHttpsTransport(_settings.HttpsUpstreams, settings.DohUseGet, loggerFactory?.CreateLogger<DnsOverHttpsTransport>());
                foreach (HttpsUpstream upstream in _settings.HttpsUpstreams)
                {
                    routes[upstream.EndPoint] = _https;
                }
            }

            network = new UpstreamRoutingTransport(_transport, routes);
        }

        var observed = new ObservedTransport(network, _telemetry);
        _answers = new AnswerBuilder(settings);
        foreach (UpstreamServer server in settings.Servers.Where(server => server.AddressLookedUp))
        {
            LogAddressLookedUp(_logger, server.AuthenticationName!, server);
        }

        if (settings.Mode == ResolutionMode.Stub && _settings.Upstreams.Count == 0)
        {
            LogNoUpstreams(_logger, _settings.UpstreamOrigin, settings.FallbackToIterative ? "resolving iteratively from the root hints" : "every question fails, as fallback to iterative resolution is off");
        }
        else if (settings.Mode == ResolutionMode.Stub)
        {
            LogUpstreams(_logger, _upstreams, _settings.UpstreamOrigin);
        }

        if (settings.Mode == ResolutionMode.Stub && _settings.Upstreams.Count > 0)
        {
            var upstream = new UpstreamClient(observed, _settings.Upstreams, _settings.Attempts, _settings.Rotate, _time);
            _stub = new Route(new StubResolver(upstream, _settings.UpstreamQueries, settings.Limits.CnameLinks), Validator(new UpstreamSource(upstream, _settings.UpstreamQueries)));
        }

        if (settings.Mode == ResolutionMode.Stub && _settings.HasConfiguredZones)
        {
            // Names in configured zones go to their forwarders or authorities; everything else, the parents' DS and
            // DNSKEY included, to the upstreams, as a forward zone for the root (Unbound's model of the same setup), or
            // from the root hints when the system names no upstream.
            Dictionary<DnsName, IReadOnlyList<System.Net.IPEndPoint>> forwards = new(settings.ForwardZones);
            if (_stub is not null)
            {
                forwards[DnsName.Root] = _settings.Upstreams;
            }

            IReadOnlyList<System.Net.IPAddress> roots = _stub is null ? _settings.RootServers() : [];
            var zoned = new IterativeResolver(observed, roots, settings.StubZones.Where(stub => !stub.Key.IsRoot), settings.AuthorityPort, _settings.UpstreamQueries.Timeout, settings.UdpPayloadSize, settings.Limits, _time, forwards)
            {
                AddressFamily = settings.AddressFamily,
                MinimiseQueryNames = settings.QnameMinimisation,
            };
            _zoned = new Route(zoned, Validator(new IterativeSource(zoned)));
        }

        if (_settings.NeedsIterative)
        {
            var iterative = new IterativeResolver(observed, _settings.RootServers(), settings.StubZones, settings.AuthorityPort, _settings.AuthorityTimeout, settings.UdpPayloadSize, settings.Limits, _time, settings.ForwardZones)
            {
                AddressFamily = settings.AddressFamily,
                MinimiseQueryNames = settings.QnameMinimisation,
            };
            _iterative = new Route(iterative, Validator(new IterativeSource(iterative)));
        }

        _cache = new RRsetCache(settings.CacheSize, settings.CacheBytes);
        if (settings.AggressiveNsec)
        {
            int capacity = (int)Math.Clamp(settings.CacheSize, 1, int.MaxValue);
            HashSet<DnsName> configured = [.. settings.ForwardZones.Keys.Concat(settings.StubZones.Keys).Where(zone => !zone.IsRoot)];
            _denials = new DenialCache(settings.Validation, (ITrustAnchorProvider?)_tracked ?? _settings.Anchors, configured, capacity, settings.MaximumNegativeTtl);
        }

        if (_tracked is not null)
        {
            Anchors = CreateMaintainer(settings.AnchorStatePath!, loggerFactory);
        }
    }

    /// <summary>The RFC 5011 trust points this resolver tracks and refreshes; null unless <see cref="ResolverOptions.AnchorStatePath"/> is set.</summary>
    public TrustAnchorMaintainer? Anchors { get; }

    /// <summary>
    /// The recursive servers stub resolution asks, settled at construction: the configured ones (with their transport,
    /// plain, TLS or HTTPS), resolv.conf's, or the network interfaces' DNS servers; empty in iterative mode. A local
    /// service checks here that it is not its own upstream.
    /// </summary>
    public IReadOnlyList<UpstreamServer> Upstreams => _upstreams;

    /// <summary>Where <see cref="Upstreams"/> came from, or why there are none, worded for a log line or an error.</summary>
    public string UpstreamOrigin => _settings.UpstreamOrigin;

    /// <summary>The entries of the cache, for tests of its bounds.</summary>
    internal int CacheEntries => _cache.Count;

    /// <summary>The estimated octets the cache keeps alive, for tests of its bounds.</summary>
    internal long CacheBytes => _cache.Bytes;

    /// <summary>The NSEC and NSEC3 RRsets kept for synthesising denials (RFC 8198), for tests of its bounds.</summary>
    internal int DenialRecordsKept => _denials?.Count ?? 0;

    /// <summary>Resolves <paramref name="name"/> (internationalised labels become A-labels) and <paramref name="type"/> and validates the answer.</summary>
    /// <exception cref="FormatException">The name is not valid; the message names the bad label.</exception>
    public ValueTask<DnssecAnswer> ResolveAsync(string name, RecordType type, CancellationToken cancellationToken = default) =>
        ResolveAsync(DnsName.ParseInternational(name), type, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _telemetry.ResolutionObserved ? ObservedResolveAsync(name, type, cancellationToken) : ResolveCoreAsync(name, type, cancellationToken);
    }

    private async ValueTask<DnssecAnswer> ResolveCoreAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        var key = (name.ToLowerCase(), type);
        var question = new DnsQuestion(name, type);
        DateTimeOffset now = _time.GetUtcNow();
        if (_cache.TryGetAnswer(question, now, out DnssecAnswer? cached, out DateTimeOffset stored))
        {
            return cached.FromCache(now - stored);
        }

        CachedChain links = FollowCachedLinks(question, now);
        if (links.Final is not null)
        {
            return Assembled(question, links, now);
        }

        if (_denials?.TrySynthesize(question, now) is { } synthesized)
        {
            return synthesized;
        }

        if (links.Count > 0)
        {
            // Only the end of the chain is asked for; the links before it come from the cache.
            DnssecAnswer rest = await ResolveCoreAsync(links.End, type, cancellationToken).ConfigureAwait(false);
            return Joined(question, links, rest, _time.GetUtcNow());
        }

        // Concurrent identical questions share one resolution.
        var lazy = new Lazy<Task<DnssecAnswer>>(() => ResolveAndCacheAsync(question, key), LazyThreadSafetyMode.ExecutionAndPublication);
        Lazy<Task<DnssecAnswer>> running = _inFlight.GetOrAdd(key, lazy);
        try
        {
            return await running.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ReferenceEquals(running, lazy))
            {
                _inFlight.TryRemove(new KeyValuePair<(DnsName, RecordType), Lazy<Task<DnssecAnswer>>>(key, lazy));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        DnssecAnswer answer = await ResolveAsync(name, type, cancellationToken).ConfigureAwait(false);
        if (answer.ResponseCode != DnsResponseCode.ServFail || answer.Status is SecurityStatus.Secure or SecurityStatus.Insecure)
        {
            return answer;
        }

        // The failure is what everyone else is told (and cached); only this client gets the data, fetched again and kept nowhere.
        return await ResolveUncachedAsync(new DnsQuestion(name, type), checkingDisabled: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ValueTask<DnssecAnswer> v4 = ResolveAsync(host, RecordType.A, cancellationToken);
        ValueTask<DnssecAnswer> v6 = ResolveAsync(host, RecordType.AAAA, cancellationToken);
        return new AddressAnswer(await v4.ConfigureAwait(false), await v6.ConfigureAwait(false));
    }

    /// <inheritdoc />
    public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        DnsName name = host.Prepend(Encoding.ASCII.GetBytes("_" + protocol.ToLowerInvariant()))
            .Prepend(Encoding.ASCII.GetBytes("_" + port.ToString(CultureInfo.InvariantCulture)));
        return ResolveAsync(name, RecordType.TLSA, cancellationToken);
    }

    /// <summary>Empties the cache and closes the transport's connections when the resolver created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Anchors is not null)
        {
            await Anchors.DisposeAsync().ConfigureAwait(false);
        }

        _cache.Clear();
        _telemetry.Dispose();
        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }

        _https?.Dispose();

        if (_ownsTransport && _transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Empties the cache and closes the transport's connections when the resolver created it, for owners that dispose
    /// synchronously, such as a dependency injection container's <c>Dispose</c>.
    /// </summary>
    public void Dispose()
    {
        Anchors?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cache.Clear();
        _telemetry.Dispose();
        _tls?.Dispose();
        _https?.Dispose();
        if (_ownsTransport && _transport is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private DnssecValidator Validator(IValidationSource source) =>
        new((ITrustAnchorProvider?)_tracked ?? _settings.Anchors, new CoalescingSource(source), _settings.Options.Validation, _time);

    private async Task<DnssecAnswer> ResolveAndCacheAsync(DnsQuestion question, (DnsName, RecordType) key)
    {
        DnssecAnswer answer = await ResolveUncachedAsync(question, checkingDisabled: false, CancellationToken.None).ConfigureAwait(false);
        if (answer.Status == SecurityStatus.Bogus)
        {
            LogBogus(_logger, question.Name, question.Type, (int?)answer.Result.Error, answer.Result.Error, answer.Reason);
        }

        DateTimeOffset now = _time.GetUtcNow();

        // What the RRsets just kept answer needs no copy of its own; denials, wildcards, DNAME chains and failures do.
        if (answer.Ttl > TimeSpan.Zero && FollowCachedLinks(question, now).Final is null)
        {
            _cache.SetAnswer(answer, now);
        }

        return answer;
    }

    /// <summary>Resolves past the caches, and says in the answer how well the questions sent on the way were hidden.</summary>
    private async Task<DnssecAnswer> ResolveUncachedAsync(DnsQuestion question, bool checkingDisabled, CancellationToken cancellationToken)
    {
        PrivacyLedger ledger = PrivacyLedger.Begin();
        DnssecAnswer answer = await RouteAsync(question, checkingDisabled, cancellationToken).ConfigureAwait(false);
        return answer.WithPrivacy(ledger.Weakest);
    }

    /// <summary>
    /// Routes a question: a configured zone's own path first; otherwise the upstreams, and from the root hints when
    /// they fail where the authorities succeed (the upstream is then a roadblock for a while); or iteration alone.
    /// </summary>
    private async Task<DnssecAnswer> RouteAsync(DnsQuestion question, bool checkingDisabled, CancellationToken cancellationToken)
    {
        if (_zoned is not null && ConfiguredZone(question) is { } configured)
        {
            // Forwarders were chosen by the operator, so their failures are not a roadblock to route around.
            ResolutionPath path = _settings.Options.ForwardZones.ContainsKey(configured) ? ResolutionPath.Stub : ResolutionPath.Iterative;
            return await ResolveOnAsync(_zoned, question, path, checkingDisabled, cancellationToken).ConfigureAwait(false);
        }

        bool roadblocked = Interlocked.Read(ref _roadblockUntil) > _time.GetUtcNow().UtcTicks;
        if (_stub is not null && !roadblocked)
        {
            DnssecAnswer stub = await ResolveOnAsync(_stub, question, ResolutionPath.Stub, checkingDisabled, cancellationToken).ConfigureAwait(false);
            if (stub.Status is SecurityStatus.Secure or SecurityStatus.Insecure || stub.Result.Unvalidatable || _iterative is null || !_settings.Options.FallbackToIterative)
            {
                return stub;
            }

            LogFallback(_logger, question.Name, question.Type, stub.Reason);
            _telemetry.FellBack(stub.Status);
            DnssecAnswer fallback = await ResolveOnAsync(_iterative, question, ResolutionPath.IterativeFallback, checkingDisabled, cancellationToken).ConfigureAwait(false);
            if (fallback.Status is SecurityStatus.Secure or SecurityStatus.Insecure)
            {
                Interlocked.Exchange(ref _roadblockUntil, (_time.GetUtcNow() + RoadblockMemory).UtcTicks);
                return fallback;
            }

            // Both paths failed: iterative's verdict speaks for the zone itself, unless it could not reach the authorities.
            return fallback.ResponseCode == DnsResponseCode.ServFail && fallback.Status == SecurityStatus.Indeterminate ? stub : fallback;
        }

        if (_iterative is null)
        {
            return _answers.Failure(question, ExtendedDnsErrorCode.NoReachableAuthority, NoUpstreamReason, ResolutionPath.Stub);
        }

        return await ResolveOnAsync(_iterative, question, _stub is null ? ResolutionPath.Iterative : ResolutionPath.IterativeFallback, checkingDisabled, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the response by one path, has it validated, and builds the answer (or the failure when no response came).</summary>
    private async Task<DnssecAnswer> ResolveOnAsync(Route on, DnsQuestion question, ResolutionPath path, bool checkingDisabled, CancellationToken cancellationToken)
    {
        ResolutionResult result = await on.Resolver.ResolveAsync(question, cancellationToken).ConfigureAwait(false);
        if (result.Response is not { } response)
        {
            return _answers.Failure(question, result.Error, result.Problem!, path);
        }

        AnswerValidation validation = await on.Validator.ValidateAsync(question, response, cancellationToken).ConfigureAwait(false);
        if (checkingDisabled)
        {
            return _answers.BuildCheckingDisabled(validation, path);
        }

        DnssecAnswer answer = _answers.Build(validation, path);
        Keep(validation, answer, _time.GetUtcNow());
        return answer;
    }

    /// <summary>Why a resolver with no upstream and no fallback to iteration asks no one.</summary>
    private string NoUpstreamReason => $"{_settings.UpstreamOrigin}; and fallback to iterative resolution is off, so there is no one to ask";

    /// <summary>The closest configured forward or stub zone (not the root) that holds the question; DS is asked of the parent side.</summary>
    private DnsName? ConfiguredZone(DnsQuestion question)
    {
        DnsName name = question.Type == RecordType.DS && !question.Name.IsRoot ? question.Name.Parent : question.Name;
        for (DnsName candidate = name; !candidate.IsRoot; candidate = candidate.Parent)
        {
            if (_settings.Options.ForwardZones.ContainsKey(candidate) || _settings.Options.StubZones.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>One way to answers: a resolver for the responses and the validator that proves them, with its own source of keys.</summary>
    private sealed record Route(IQuestionResolver Resolver, DnssecValidator Validator);
}
