using System.Net;
using BenchmarkDotNet.Attributes;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Benchmarks;

/// <summary>
/// One cold answer through <see cref="DnssecResolver"/> in stub mode: a name not in the answer cache, with the key chain
/// already proven and cached, and no answer synthesised from denial records (<see cref="ResolverOptions.AggressiveNsec"/>
/// off). What is measured is everything the process does for such an answer except the socket: the query built as the
/// transport builds it, the response parsed as the transport parses it, the routing, the validation and the answer.
/// The upstream's responses are encoded in the setup, so the authority's own work is not in the figures.
/// </summary>
[MemoryDiagnoser]
public class ColdAnswerBenchmarks : IDisposable
{
    // Names asked in turn; each answer is kept for at most a second of the fake clock, which moves on two seconds
    // whenever the list starts again, so every name misses the answer cache while the keys (TTL an hour) stay.
    private const int NamesPerCase = 2048;
    private static readonly TimeSpan AnswerTtl = TimeSpan.FromSeconds(1);

    private TestHierarchy _hierarchy = null!;
    private DnssecResolver _resolver = null!;
    private DnsName[] _positive = [];
    private DnsName[] _wildcard = [];
    private DnsName[] _nxdomain = [];
    private int _next;

    /// <summary>
    /// Whether signatures that verified are remembered (the default): the measured names come round again, so with it
    /// on their RRSIGs are remembered; off, every answer costs its public-key verifications, as a never-seen RRset does.
    /// </summary>
    [Params(false, true)]
    public bool RememberSignatures { get; set; }

    /// <summary>
    /// Builds three ECDSA P-256 zones (hosts with NSEC, a wildcard with NSEC3, names denied with NSEC3), encodes the
    /// upstream's response to every name, checks that each answer is Secure, and leaves the key chain cached.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _hierarchy = new TestHierarchy();
        _hierarchy.Zone("hosts.test.", zone => zone.Records = string.Join('\n', Enumerable.Range(0, NamesPerCase).Select(i => $"h{i} A 192.0.2.{i % 250 + 1}")));
        _hierarchy.Zone("wild3.test.", zone =>
        {
            zone.Denial = DenialOfExistence.Nsec3;
            zone.Records = "* A 192.0.2.1\nwww A 192.0.2.2";
        });
        _hierarchy.Zone("nsec3.test.", zone =>
        {
            zone.Denial = DenialOfExistence.Nsec3;
            zone.Records = "www A 192.0.2.1\nmail A 192.0.2.25\nftp A 192.0.2.21";
        });
        _hierarchy.Build();
        _positive = Names("h{0}.hosts.test.");
        _wildcard = Names("c{0}-cold.wild3.test.");
        _nxdomain = Names("r{0}-cold.nsec3.test.");

        var upstream = new EncodedUpstream(_hierarchy.Authority, [.. _positive, .. _wildcard, .. _nxdomain]);
        var options = new ResolverOptions
        {
            TrustAnchors = _hierarchy.Anchors,
            FallbackToIterative = false,
            AggressiveNsec = false,
            MaximumCacheTtl = AnswerTtl,
            MaximumNegativeTtl = AnswerTtl,
            Validation = new ValidatorOptions { RememberVerifiedSignatures = RememberSignatures },
        };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        _resolver = new DnssecResolver(options, null, _hierarchy.Clock, upstream);
        Check(_positive, DnsResponseCode.NoError);
        Check(_wildcard, DnsResponseCode.NoError);
        Check(_nxdomain, DnsResponseCode.NXDomain);
        _hierarchy.Clock.Advance(AnswerTtl * 2);
    }

    /// <summary>An A RRset that exists, with its one RRSIG.</summary>
    [Benchmark(Baseline = true)]
    public DnsResponseCode PositiveAnswer() => Resolve(_positive);

    /// <summary>An A RRset expanded from a wildcard, with the NSEC3 record that proves no closer name exists (RFC 5155 §7.2.6).</summary>
    [Benchmark]
    public DnsResponseCode WildcardAnswer() => Resolve(_wildcard);

    /// <summary>An NXDOMAIN with the SOA and the NSEC3 closest-encloser proof (RFC 5155 §7.2.2).</summary>
    [Benchmark]
    public DnsResponseCode Nsec3Nxdomain() => Resolve(_nxdomain);

    /// <summary>Closes the resolver.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _resolver?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static DnsName[] Names(string format) =>
        [.. Enumerable.Range(0, NamesPerCase).Select(i => DnsName.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i)))];

    private static T Finished<T>(ValueTask<T> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private DnsResponseCode Resolve(DnsName[] names)
    {
        int index = _next++ % names.Length;
        if (index == 0)
        {
            _hierarchy.Clock.Advance(AnswerTtl * 2);
        }

        return Finished(_resolver.ResolveAsync(names[index], RecordType.A)).ResponseCode;
    }

    private void Check(DnsName[] names, DnsResponseCode expected)
    {
        foreach (DnsName name in names)
        {
            DnssecAnswer answer = Finished(_resolver.ResolveAsync(name, RecordType.A));
            if (answer.Status != SecurityStatus.Secure || answer.ResponseCode != expected || answer.Path != ResolutionPath.Stub)
            {
                throw new InvalidOperationException($"{name}: {answer.Status} {answer.ResponseCode} by {answer.Path}, not a Secure {expected} from the upstream.");
            }
        }
    }

    /// <summary>
    /// An upstream whose responses to the measured names were encoded beforehand: each query is built and each response
    /// parsed as <see cref="DnsTransport"/> does it, without the socket. Other questions (the key chain) are answered by
    /// the authority.
    /// </summary>
    private sealed class EncodedUpstream(InMemoryAuthority authority, IEnumerable<DnsName> names) : IDnsTransport
    {
        private readonly Dictionary<DnsName, byte[]> _responses = names.ToDictionary(name => name, name => authority.Resolve(new DnsQuestion(name, RecordType.A))!.ToArray());

        public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
        {
            // The query the transport would send, built and dropped: its cost is part of every cold answer.
            _ = DnsTransport.BuildQuery(0, question, options);
            byte[] wire = question.Type == RecordType.A && _responses.TryGetValue(question.Name, out byte[]? encoded)
                ? encoded
                : authority.Resolve(question)!.ToArray();
            DnsMessage response = DnsMessage.ParseScrubbed(wire, out IReadOnlyList<DroppedRecord> dropped);
            return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, response, wire.Length, dropped));
        }
    }
}
