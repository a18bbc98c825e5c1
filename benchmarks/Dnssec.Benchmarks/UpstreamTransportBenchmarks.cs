using System.Net;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Benchmarks;

/// <summary>
/// A question's round trip to a local Unbound over each upstream transport, one at a time (latency) and 64 in flight at
/// once (throughput), with the connection kept between queries as the resolver keeps it: UDP, TCP, DNS over TLS and
/// DNS over HTTPS (POST, HTTP/2; both strict, by name). benchmarks/encrypted-upstreams/run.sh starts the Unbound, whose local zone answers without
/// recursion, and names its addresses and certificate in DNSSEC_BENCH_* variables; without them the class does not run.
/// </summary>
[MemoryDiagnoser]
public class UpstreamTransportBenchmarks
{
    private const int InFlight = 64;
    private static readonly DnsQuestion Question = new(DnsName.Parse("www.bench."), RecordType.A);

    private IDnsTransport _transport = null!;
    private IPEndPoint _server = null!;
    private QueryOptions _options = null!;

    /// <summary>The transport measured.</summary>
    [Params("udp", "tcp", "tls", "https")]
    public string Transport { get; set; } = "udp";

    /// <summary>Builds the transport and opens its connection with one query, as a running resolver would have.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _options = QueryOptions.Recursive with { Timeout = TimeSpan.FromSeconds(2), TcpOnly = Transport == "tcp" };
        if (Transport == "https")
        {
            var url = new Uri(Variable("DNSSEC_BENCH_HTTPS"));
            _server = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(Variable("DNSSEC_BENCH_CA"));
            _transport = new DnsOverHttpsTransport([new HttpsUpstream(new TlsUpstream(_server, Variable("DNSSEC_BENCH_NAME"), [], trusted), url)]);
        }
        else if (Transport == "tls")
        {
            _server = IPEndPoint.Parse(Variable("DNSSEC_BENCH_TLS"));
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(Variable("DNSSEC_BENCH_CA"));
            _transport = new DnsOverTlsTransport([new TlsUpstream(_server, Variable("DNSSEC_BENCH_NAME"), [], trusted)]);
        }
        else
        {
            _server = IPEndPoint.Parse(Variable("DNSSEC_BENCH_PLAIN"));
            _transport = new DnsTransport();
        }

        TransportResponse first = _transport.QueryAsync(_server, Question, _options).AsTask().GetAwaiter().GetResult();
        if (!first.Succeeded)
        {
            throw new InvalidOperationException($"{Transport}: {first.Detail}");
        }
    }

    /// <summary>Closes the transport's connections.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>One question, answered before the next is asked.</summary>
    [Benchmark]
    public async Task<int> OneAtATimeAsync() => Check(await _transport.QueryAsync(_server, Question, _options));

    /// <summary>64 questions in flight at once (pipelined on one connection for TLS); the time is per question.</summary>
    [Benchmark(OperationsPerInvoke = InFlight)]
    public async Task<int> SixtyFourInFlightAsync()
    {
        var pending = new Task<TransportResponse>[InFlight];
        for (int i = 0; i < InFlight; i++)
        {
            pending[i] = _transport.QueryAsync(_server, Question, _options).AsTask();
        }

        int answers = 0;
        foreach (TransportResponse response in await Task.WhenAll(pending))
        {
            answers += Check(response);
        }

        return answers;
    }

    private int Check(TransportResponse response) =>
        response.Succeeded ? response.Message!.Answers.Count : throw new InvalidOperationException($"{Transport}: {response.Detail}");

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set: run benchmarks/encrypted-upstreams/run.sh");
}
