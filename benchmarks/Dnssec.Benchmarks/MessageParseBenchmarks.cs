using System.Reflection;
using BenchmarkDotNet.Attributes;
using Dnssec.Wire;

namespace Dnssec.Benchmarks;

/// <summary>
/// Parsing one realistic signed response (see <see cref="SignedResponse"/>) into objects: ours against DnsClient
/// and ARSoft.Tools.Net on the same octets, with our zero-allocation walk for scale. The baseline is our full parse.
/// </summary>
[MemoryDiagnoser]
public class MessageParseBenchmarks
{
    private byte[] _message = [];
    private DnsName _owner = DnsName.Root;
    private Func<ArraySegment<byte>, object> _dnsClientParse = _ => throw new InvalidOperationException("Setup did not run.");

    /// <summary>Builds the response once and checks that every library reads all of it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = SignedResponse.Build();
        _owner = SignedResponse.QuestionName;

        // DnsClient parses responses only inside its transport: DnsMessageHandler.GetResponseMessage(ArraySegment<byte>)
        // is internal, so bind a delegate to it once here; the measured call is then a plain delegate invocation.
        Type handlerType = typeof(DnsClient.LookupClient).Assembly.GetType("DnsClient.DnsUdpMessageHandler", throwOnError: true)!;
        object handler = Activator.CreateInstance(handlerType, nonPublic: true)!;
        MethodInfo parse = handlerType.GetMethod("GetResponseMessage", BindingFlags.Public | BindingFlags.Instance)!;
        _dnsClientParse = parse.CreateDelegate<Func<ArraySegment<byte>, object>>(handler);

        Check(DnssecParse().Answers.Count == 3 && DnssecParse().Authorities.Count == 3, "Dnssec parse");
        Check(DnssecWalk() == 3, "Dnssec walk");
        Check(ArsoftParse().AnswerRecords.Count == 3 && ArsoftParse().AuthorityRecords.Count == 3, "ARSoft.Tools.Net parse");
        var answers = (System.Collections.IList)DnsClientParse().GetType().GetProperty("Answers")!.GetValue(DnsClientParse())!;
        Check(answers.Count == 3, "DnsClient parse");
    }

    /// <summary>Our full parse: every name and RDATA into objects that no longer refer to the input.</summary>
    [Benchmark(Baseline = true)]
    public DnsMessage DnssecParse() => DnsMessage.Parse(_message);

    /// <summary>Our zero-allocation walk: every record checked and its owner compared with the question name.</summary>
    [Benchmark]
    public int DnssecWalk()
    {
        var reader = new DnsMessageReader(_message);
        int matches = 0;
        while (reader.ReadRecord(out DnsRecordView record))
        {
            if (record.OwnerEquals(_owner))
            {
                matches++;
            }
        }

        return matches;
    }

    /// <summary>DnsClient 1.8.0's response parser (what LookupClient runs on every UDP answer).</summary>
    [Benchmark]
    public object DnsClientParse() => _dnsClientParse(new ArraySegment<byte>(_message));

    /// <summary>ARSoft.Tools.Net 3.6.1's <c>DnsMessage.Parse</c>.</summary>
    [Benchmark]
    public ARSoft.Tools.Net.Dns.DnsMessage ArsoftParse() => ARSoft.Tools.Net.Dns.DnsMessage.Parse(new ArraySegment<byte>(_message));

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what} did not read the whole benchmark message.");
        }
    }
}
