using System.Collections.Concurrent;
using System.Net;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Caching.Memory;
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
public sealed partial class DnssecResolver : IAsyncDisposable
{
    private static readonly TimeSpan RoadblockMemory = TimeSpan.FromMinutes(10);

    private readonly ResolverOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IDnsTransport _transport;
    private readonly bool _ownsTransport;
    private readonly UpstreamClient? _upstream;
    private readonly QueryOptions _upstreamOptions;
    private readonly IterativeResolver? _iterative;
    private readonly DnssecValidator? _stubValidator;
    private readonly DnssecValidator? _iterativeValidator;
    private readonly IterativeResolver? _zoned;
    private readonly DnssecValidator? _zonedValidator;
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<(DnsName, RecordType), Lazy<Task<DnssecAnswer>>> _inFlight = new();
    private long _roadblockUntil;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">Upstreams, mode, anchors and limits; defaults when null.</param>
    /// <param name="loggerFactory">Where log messages go; nowhere when null.</param>
    /// <param name="timeProvider">The clock for validation and caching; the system clock when null.</param>
    /// <param name="transport">The network; a <see cref="DnsTransport"/> when null (tests and replays pass their own).</param>
    /// <exception cref="InvalidOperationException">Stub mode has no upstream: none configured and none in resolv.conf; or a zone is both forwarded and a stub zone.</exception>
    /// <exception cref="IOException">resolv.conf or the root hints cannot be read.</exception>
    public DnssecResolver(ResolverOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IDnsTransport? transport = null)
    {
        _options = options ?? new ResolverOptions();
        if (_options.ForwardZones.Keys.FirstOrDefault(_options.StubZones.ContainsKey) is { } both)
        {
            throw new InvalidOperationException($"{both} is configured both as a forward zone and as a stub zone; a zone is either forwarded or asked of its authorities.");
        }

        _logger = (ILogger?)loggerFactory?.CreateLogger<DnssecResolver>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ownsTransport = transport is null;
        // Network timeouts run on the wall clock even when validation time is injected (tests pin it, replays move it).
        _transport = transport ?? new DnsTransport(loggerFactory?.CreateLogger<DnsTransport>());
        ITrustAnchorProvider anchors = _options.TrustAnchors ?? TrustAnchorSet.CreateWithRootAnchor();

        TimeSpan timeout = _options.Timeout ?? TimeSpan.FromSeconds(2);
        if (_options.Mode == ResolutionMode.Stub)
        {
            IReadOnlyList<IPEndPoint> servers = [.. _options.Servers];
            int attempts = _options.Attempts ?? 2;
            bool rotate = _options.Rotate;
            bool tcp = _options.UseTcp;
            if (servers.Count == 0 && _options.ForwardZones.TryGetValue(DnsName.Root, out IReadOnlyList<IPEndPoint>? rootForwarders))
            {
                servers = rootForwarders;
            }

            if (servers.Count == 0)
            {
                ResolvConf conf = ResolvConf.Load(_options.ResolvConfPath);
                servers = conf.NameServers;
                timeout = _options.Timeout ?? conf.Timeout;
                attempts = _options.Attempts ?? conf.Attempts;
                rotate |= conf.Rotate;
                tcp |= conf.UseTcp;
                if (servers.Count == 0)
                {
                    throw new InvalidOperationException($"No upstream servers: none were given and {_options.ResolvConfPath} lists no nameserver.");
                }
            }

            _upstream = new UpstreamClient(_transport, servers, attempts, rotate);
            _upstreamOptions = QueryOptions.Recursive with { Timeout = timeout, TcpOnly = tcp, UdpPayloadSize = _options.UdpPayloadSize };
            _stubValidator = new DnssecValidator(anchors, new CoalescingSource(new UpstreamSource(_upstream, _upstreamOptions)), _options.Validation, _time);
            if (HasConfiguredZones(_options))
            {
                // Names in configured zones go to their forwarders or authorities; everything else, the parents' DS and
                // DNSKEY included, to the upstreams, as a forward zone for the root (Unbound's model of the same setup).
                Dictionary<DnsName, IReadOnlyList<IPEndPoint>> forwards = new(_options.ForwardZones) { [DnsName.Root] = servers };
                _zoned = new IterativeResolver(_transport, [], _options.StubZones.Where(stub => !stub.Key.IsRoot), _options.AuthorityPort, timeout, _options.UdpPayloadSize, _options.MaxQueriesPerResolution, _time, forwards);
                _zonedValidator = new DnssecValidator(anchors, new CoalescingSource(new IterativeSource(_zoned)), _options.Validation, _time);
            }
        }
        else
        {
            _upstreamOptions = QueryOptions.Recursive;
        }

        if (_options.Mode == ResolutionMode.Iterative || _options.FallbackToIterative)
        {
            IReadOnlyList<IPAddress> roots = _options.RootServers.Count > 0 ? [.. _options.RootServers]
                : _options.StubZones.TryGetValue(DnsName.Root, out IReadOnlyList<IPAddress>? stubRoots) ? stubRoots
                : _options.RootHintsPath is null ? RootHints.Shipped() : RootHints.Load(_options.RootHintsPath);
            _iterative = new IterativeResolver(_transport, roots, _options.StubZones, _options.AuthorityPort, _options.Timeout ?? TimeSpan.FromSeconds(2), _options.UdpPayloadSize, _options.MaxQueriesPerResolution, _time, _options.ForwardZones);
            _iterativeValidator = new DnssecValidator(anchors, new CoalescingSource(new IterativeSource(_iterative)), _options.Validation, _time);
        }

        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.CacheSize), Clock = null });
    }

    /// <summary>Resolves <paramref name="name"/> and <paramref name="type"/> and validates the answer.</summary>
    public ValueTask<DnssecAnswer> ResolveAsync(string name, RecordType type, CancellationToken cancellationToken = default) =>
        ResolveAsync(DnsName.Parse(name), type, cancellationToken);

    /// <summary>Resolves <paramref name="name"/> and <paramref name="type"/> and validates the answer.</summary>
    public async ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = (name.ToLowerCase(), type);
        DateTimeOffset now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out CachedAnswer? cached) && cached!.Expires > now)
        {
            return cached.Answer.FromCache(now - cached.Stored);
        }

        // Concurrent identical questions share one resolution.
        var lazy = new Lazy<Task<DnssecAnswer>>(() => ResolveAndCacheAsync(new DnsQuestion(name, type), key), LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>Resolves the IPv4 and IPv6 addresses of <paramref name="host"/>; the status is that of the weaker of the two answers.</summary>
    public async ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ValueTask<DnssecAnswer> v4 = ResolveAsync(host, RecordType.A, cancellationToken);
        ValueTask<DnssecAnswer> v6 = ResolveAsync(host, RecordType.AAAA, cancellationToken);
        return new AddressAnswer(await v4.ConfigureAwait(false), await v6.ConfigureAwait(false));
    }

    /// <summary>Resolves the TLSA RRset of a service: _port._protocol.host (RFC 6698 §3).</summary>
    public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        DnsName name = host.Prepend(System.Text.Encoding.ASCII.GetBytes("_" + protocol.ToLowerInvariant()))
            .Prepend(System.Text.Encoding.ASCII.GetBytes("_" + port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ResolveAsync(name, RecordType.TLSA, cancellationToken);
    }

    /// <summary>Closes the transport's connections when the resolver created it.</summary>
    public async ValueTask DisposeAsync()
    {
        _cache.Dispose();
        if (_ownsTransport && _transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DnssecAnswer> ResolveAndCacheAsync(DnsQuestion question, (DnsName, RecordType) key)
    {
        DnssecAnswer answer = await ResolveUncachedAsync(question, CancellationToken.None).ConfigureAwait(false);
        if (answer.Ttl > TimeSpan.Zero)
        {
            DateTimeOffset stored = _time.GetUtcNow();
            _cache.Set(key, new CachedAnswer(answer, stored, stored + answer.Ttl), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = answer.Ttl });
        }

        return answer;
    }

    private async Task<DnssecAnswer> ResolveUncachedAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        if (_zoned is not null && ConfiguredZone(question) is { } configured)
        {
            // Forwarders were chosen by the operator, so their failures are not a roadblock to route around.
            ResolutionPath path = _options.ForwardZones.ContainsKey(configured) ? ResolutionPath.Stub : ResolutionPath.Iterative;
            return await ResolveIterativeAsync(_zoned, _zonedValidator!, question, path, cancellationToken).ConfigureAwait(false);
        }

        bool roadblocked = Interlocked.Read(ref _roadblockUntil) > _time.GetUtcNow().UtcTicks;
        if (_upstream is not null && !roadblocked)
        {
            DnssecAnswer stub = await ResolveStubAsync(question, cancellationToken).ConfigureAwait(false);
            if (stub.Status is SecurityStatus.Secure or SecurityStatus.Insecure || stub.Result.Unvalidatable || _iterative is null || !_options.FallbackToIterative)
            {
                return stub;
            }

            LogFallback(_logger, question.Name, question.Type, stub.Reason);
            DnssecAnswer fallback = await ResolveIterativeAsync(_iterative, _iterativeValidator!, question, ResolutionPath.IterativeFallback, cancellationToken).ConfigureAwait(false);
            if (fallback.Status is SecurityStatus.Secure or SecurityStatus.Insecure)
            {
                // The upstream failed where the authorities succeed: treat it as a roadblock for a while.
                Interlocked.Exchange(ref _roadblockUntil, (_time.GetUtcNow() + RoadblockMemory).UtcTicks);
                return fallback;
            }

            // Both paths failed: iterative's verdict speaks for the zone itself, unless it could not reach the authorities.
            return fallback.ResponseCode == DnsResponseCode.ServFail && fallback.Status == SecurityStatus.Indeterminate ? stub : fallback;
        }

        return await ResolveIterativeAsync(_iterative!, _iterativeValidator!, question, _upstream is null ? ResolutionPath.Iterative : ResolutionPath.IterativeFallback, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DnssecAnswer> ResolveStubAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        TransportResponse response = await _upstream!.QueryAsync(question, _upstreamOptions, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return Failure(question, ExtendedDnsErrorCode.NoReachableAuthority, $"no upstream answered: {response.Detail}", ResolutionPath.Stub);
        }

        DnsMessage message = response.Message;
        if (UpstreamClient.IsServerFailure(message.ResponseCode))
        {
            return Failure(question, ExtendedDnsErrorCode.NetworkError, $"the upstream {response.Server} answered {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)}", ResolutionPath.Stub);
        }

        if (message.Edns is null && !HasSignatures(message))
        {
            // RFC 4035 §3.2.1: without EDNS(0) and DO no DNSSEC data can come back, so the upstream is a roadblock. Some
            // forwarders leave the OPT record out yet return the RRSIGs; their answers are judged by what they hold.
            return Failure(question, ExtendedDnsErrorCode.DnssecIndeterminate, $"the upstream {response.Server} does not speak EDNS(0), so it cannot return DNSSEC records", ResolutionPath.Stub);
        }

        // An upstream may hand back the alias alone; the targets are asked for as a recursive server would.
        await CnameChain.CompleteAsync(question, message, async target =>
        {
            TransportResponse next = await _upstream.QueryAsync(target, _upstreamOptions, cancellationToken).ConfigureAwait(false);
            return next.Succeeded && !UpstreamClient.IsServerFailure(next.Message.ResponseCode) ? next.Message : null;
        }).ConfigureAwait(false);
        AnswerValidation validation = await _stubValidator!.ValidateAsync(question, message, cancellationToken).ConfigureAwait(false);
        return Build(question, message, validation, ResolutionPath.Stub);
    }

    private static bool HasSignatures(DnsMessage message) =>
        message.Answers.Exists(r => r.Type == RecordType.RRSIG) || message.Authorities.Exists(r => r.Type == RecordType.RRSIG);

    private async Task<DnssecAnswer> ResolveIterativeAsync(IterativeResolver resolver, DnssecValidator validator, DnsQuestion question, ResolutionPath path, CancellationToken cancellationToken)
    {
        IterativeResult result = await resolver.ResolveAsync(question, cancellationToken).ConfigureAwait(false);
        if (result.Response is not { } response)
        {
            return Failure(question, result.Error, result.Problem!, path);
        }

        AnswerValidation validation = await validator.ValidateAsync(question, response, cancellationToken).ConfigureAwait(false);
        return Build(question, response, validation, path);
    }

    /// <summary>Whether stub mode has zones of its own to route: a forward zone or a stub zone below the root.</summary>
    private static bool HasConfiguredZones(ResolverOptions options) =>
        options.ForwardZones.Keys.Any(zone => !zone.IsRoot) || options.StubZones.Keys.Any(zone => !zone.IsRoot);

    /// <summary>The closest configured forward or stub zone (not the root) that holds the question; DS is asked of the parent side.</summary>
    private DnsName? ConfiguredZone(DnsQuestion question)
    {
        DnsName name = question.Type == RecordType.DS && !question.Name.IsRoot ? question.Name.Parent : question.Name;
        for (DnsName candidate = name; !candidate.IsRoot; candidate = candidate.Parent)
        {
            if (_options.ForwardZones.ContainsKey(candidate) || _options.StubZones.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private DnssecAnswer Build(DnsQuestion question, DnsMessage response, AnswerValidation validation, ResolutionPath path)
    {
        // Data there was nothing to validate with (no anchor, an RRSIG question) is handed out without AD, not failed.
        bool failed = validation.Status is SecurityStatus.Bogus || (validation.Status == SecurityStatus.Indeterminate && !validation.Result.Unvalidatable);
        TimeSpan ttl;
        if (failed)
        {
            ttl = _options.FailureTtl;
        }
        else if (validation.RRsets.Count > 0 && validation.Proofs.Count == 0)
        {
            ttl = TimeSpan.FromSeconds(validation.Ttl);
        }
        else if (AnswersQuestion(validation))
        {
            // A wildcard expansion (RFC 4035 §5.3.4) is only as good as the proof that the name itself does not exist,
            // so it lives for the lesser of its data's TTL and that of the NSEC or NSEC3 records it rests on.
            ttl = TimeSpan.FromSeconds(Math.Min(validation.Ttl, validation.ProofTtl ?? validation.Ttl));
        }
        else
        {
            // RFC 2308 §5: a negative answer lives for the lesser of the SOA's TTL and its MINIMUM field; RFC 9077 §3:
            // and no longer than the NSEC or NSEC3 records that prove it, as the validator capped them. Without a
            // checked proof (an insecure zone) the SOA as it came decides.
            DnsRecord? soa = response.Authorities.Find(r => r.Type == RecordType.SOA);
            uint negative = validation.ProofTtl ?? (soa is null ? 0 : Math.Min(soa.Ttl, SoaData.From(soa).Minimum));
            if (validation.RRsets.Count > 0)
            {
                negative = Math.Min(negative, validation.Ttl);
            }

            ttl = TimeSpan.FromSeconds(Math.Min(negative, _options.MaximumNegativeTtl.TotalSeconds));
        }

        ttl = ttl > _options.MaximumCacheTtl ? _options.MaximumCacheTtl : ttl;
        // The validator's rcode: an NXDOMAIN its records disprove is a NOERROR.
        DnsResponseCode code = failed ? DnsResponseCode.ServFail : validation.ResponseCode;

        // Bogus data is never handed out, not even alongside the error (RFC 4035 §5.5).
        AnswerSections sections = failed ? AnswerSections.Empty : Sections(validation);
        return new DnssecAnswer(question, validation.Result, code, sections, validation.Chain, path, ttl);
    }

    /// <summary>
    /// The RRsets a client may be given: the answer chain with TTLs capped as validation allows, each RRset once; beside
    /// a secure answer only authority and additional RRsets that were shown to be authentic, beside an insecure one
    /// what the authorities sent; in the additional section only addresses something in the other two names.
    /// </summary>
    private static AnswerSections Sections(AnswerValidation validation)
    {
        bool secure = validation.Status == SecurityStatus.Secure;
        var answer = new List<DnsRRset>(validation.RRsets.Count);
        foreach (RRsetValidation rrset in validation.RRsets)
        {
            if (!answer.Exists(a => a.Type == rrset.RRset.Type && a.Owner.Equals(rrset.RRset.Owner)))
            {
                answer.Add(AnswerSections.Capped(rrset.RRset, rrset.Ttl));
            }
        }

        List<DnsRRset> authority = Authentic(validation.Authority, secure);
        // What the authority section named counts even where its NS RRset was not authentic (val_spurious_ns).
        HashSet<DnsName> named = NamedTargets(answer.Concat(validation.Authority.Select(v => v.RRset)));
        List<DnsRRset> additional = [.. Authentic(validation.Additional, secure).Where(rrset => named.Contains(rrset.Owner))];

        return new AnswerSections(answer, authority, additional);
    }

    /// <summary>Whether the validated answer ends in data of the type asked (positive, perhaps by wildcard), not in a denial.</summary>
    private static bool AnswersQuestion(AnswerValidation validation)
    {
        if (validation.ResponseCode != DnsResponseCode.NoError || validation.RRsets.Count == 0)
        {
            return false;
        }

        DnsRRset last = validation.RRsets[^1].RRset;
        return last.Owner.Equals(validation.FinalName) && last.Type == validation.Question.Type;
    }

    /// <summary>
    /// The names that records of these RRsets point at (NS, MX and SRV targets): the only owners an additional section
    /// may hold, as RFC 1035 §4.1.4 has it serve them; addresses nothing refers to are left out, as Unbound does.
    /// </summary>
    private static HashSet<DnsName> NamedTargets(IEnumerable<DnsRRset> rrsets)
    {
        var names = new HashSet<DnsName>();
        foreach (DnsRRset rrset in rrsets)
        {
            foreach (DnsRecord record in rrset.Records)
            {
                DnsName? target = record.Type switch
                {
                    RecordType.NS => NameData.From(record).Target,
                    RecordType.MX => MxData.From(record).Exchange,
                    RecordType.SRV => SrvData.From(record).Target,
                    _ => null,
                };
                if (target is not null)
                {
                    names.Add(target);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// The RRsets of a section a client may have: beside a secure answer only those shown Secure; beside any other,
    /// all but those shown Bogus, which are never handed out (RFC 4035 §5.5), as Unbound's val_check_nonsecure removes them.
    /// </summary>
    private static List<DnsRRset> Authentic(IReadOnlyList<RRsetValidation> section, bool secure) =>
        [.. section.Where(v => secure ? v.Status == SecurityStatus.Secure : v.Status != SecurityStatus.Bogus).Select(v => AnswerSections.Capped(v.RRset, v.Ttl))];

    private DnssecAnswer Failure(DnsQuestion question, ExtendedDnsErrorCode code, string reason, ResolutionPath path) =>
        new(question, ValidationResult.Indeterminate(code, reason), DnsResponseCode.ServFail, AnswerSections.Empty, [], path, _options.FailureTtl);

    private sealed record CachedAnswer(DnssecAnswer Answer, DateTimeOffset Stored, DateTimeOffset Expires);
}
