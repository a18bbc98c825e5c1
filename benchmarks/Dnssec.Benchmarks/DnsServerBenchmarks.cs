using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Benchmarks;

/// <summary>
/// One repeated question (A with DO, a secure answer with its RRSIG) as <c>dnssec serve</c> answers it: the UDP loops'
/// step from the response cache, the public <see cref="DnsServer.AnswerAsync"/> on a hit, and as baseline what every
/// answer cost before the cache: parsing the query, building the response from the answer and encoding it.
/// </summary>
[MemoryDiagnoser]
public class DnsServerBenchmarks : IDisposable
{
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 5353);
    private readonly SocketAddress _client = Client.Serialize();
    private readonly ClientEndPoints _endPoints = new(AddressFamily.InterNetwork);
    private readonly byte[] _response = new byte[1232];
    private DnsServer _server = null!;
    private DnssecAnswer _answer = null!;
    private byte[] _query = [];

    /// <summary>Starts no sockets: fills the server's cache with one answer and checks that the paths measured give the same response.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _answer = SecureAnswer(DnsName.Parse("www.example.test."));
        _server = new DnsServer(new FixedResolver(_answer));
        DnsMessage query = DnsMessage.CreateQuery(0x1234, DnsName.Parse("WwW.eXaMpLe.TeSt."), RecordType.A);
        query.Edns!.UdpPayloadSize = 1232;
        _query = query.ToArray();
        byte[] first = _server.AnswerAsync(_query, Client, TransportProtocol.Udp).AsTask().GetAwaiter().GetResult()!;
        int length = CachedDatagram();
        Check(_response.AsSpan(0, length).SequenceEqual(first), "the datagram step answers from the cache");
        Check(CachedAnswerAsync()!.AsSpan().SequenceEqual(first), "AnswerAsync answers from the cache");
        Check(DnsMessage.Parse(BuildEveryTime()).Answers.Count == DnsMessage.Parse(first).Answers.Count, "the baseline builds the same records");
    }

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>Before the cache: the query parsed into objects, the response built from the answer and encoded, for every answer.</summary>
    [Benchmark(Baseline = true)]
    public byte[] BuildEveryTime() =>
        ResponseBuilder.Build(DnsMessage.Parse(_query), _answer).ToArray(1232);

    /// <summary>What a UDP loop does for a cache hit: admission, the query read in place, the response copied into its send buffer and stamped.</summary>
    [Benchmark]
    public int CachedDatagram()
    {
        _server.AnswerDatagram(_query, _client, _endPoints, Stopwatch.GetTimestamp(), _response, out int written);
        return written;
    }

    /// <summary>The public entry on a cache hit (TCP and tests use it): the same, into a new array of the response's length.</summary>
    [Benchmark]
    public byte[]? CachedAnswerAsync()
    {
        // A hit completes at once; anything else would be a broken setup, not a slower answer.
        ValueTask<byte[]?> answering = _server.AnswerAsync(_query, Client, TransportProtocol.Udp);
        return answering.IsCompletedSuccessfully ? answering.Result : throw new InvalidOperationException("The answer was not cached.");
    }

    private static DnssecAnswer SecureAnswer(DnsName name)
    {
        List<DnsRecord> records = [.. ZoneFileReader.Parse($"""
            {name} 300 IN A 192.0.2.1
            {name} 300 IN RRSIG A 13 3 300 20300101000000 20200101000000 12345 example.test. {Convert.ToBase64String(new byte[64])}
            """)];
        var sections = new AnswerSections([new DnsRRset([records[0]], [records[1]])], [], []);
        return new DnssecAnswer(new DnsQuestion(name, RecordType.A), ValidationResult.Secure("signed"), DnsResponseCode.NoError, sections, [], ResolutionPath.Iterative, TimeSpan.FromSeconds(300));
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Setup check failed: {what}.");
        }
    }

    /// <summary>Gives the one answer for every question.</summary>
    private sealed class FixedResolver(DnssecAnswer answer) : IDnssecResolver
    {
        public ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) => ValueTask.FromResult(answer);

        public ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) => ValueTask.FromResult(answer);

        public ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
