using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// A resolver that gives the answer <see cref="Answer"/> makes and counts the questions that reach it, with a cache
/// generation the test moves, to see what the server's response cache keeps, for how long, and when it asks again.
/// </summary>
internal sealed class CountingResolver : IDnssecResolver, IAnswerCacheGeneration
{
    private int _calls;

    /// <summary>Makes the answer for a question; a secure A RRset of TTL 300 with its RRSIG by default.</summary>
    public Func<DnsName, RecordType, DnssecAnswer> Answer { get; set; } = (name, type) => Secure(name, type, 300);

    /// <summary>How many questions reached the resolver.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>How many times the resolver's cache has been emptied, as the test says.</summary>
    public long AnswerCacheGeneration { get; set; }

    /// <summary>A secure answer: one A record (192.0.2.1) and its RRSIG, both with <paramref name="ttl"/>, and that TTL for the answer.</summary>
    public static DnssecAnswer Secure(DnsName name, RecordType type, uint ttl, string data = "192.0.2.1", int copies = 1)
    {
        string owner = name.ToString();
        string records = string.Concat(Enumerable.Range(0, copies).Select(i => $"{owner} {ttl} IN {type} {(copies == 1 ? data : $"\"{new string('t', 200)}{i}\"")}\n"));
        List<DnsRecord> parsed = [.. ZoneFileReader.Parse($"""
            {records}{owner} {ttl} IN RRSIG {type} 13 3 {ttl} 20300101000000 20200101000000 1 example.test. AAAA
            """)];
        var sections = new AnswerSections([new DnsRRset(parsed[..^1], [parsed[^1]])], [], []);
        return new DnssecAnswer(new DnsQuestion(name, type), ValidationResult.Secure("signed"), DnsResponseCode.NoError, sections, [], ResolutionPath.Iterative, TimeSpan.FromSeconds(ttl));
    }

    /// <summary>A Bogus answer, SERVFAIL without records, to be cached for <paramref name="ttl"/> as the resolver's failure TTL says.</summary>
    public static DnssecAnswer Bogus(DnsName name, RecordType type, TimeSpan ttl) =>
        new(new DnsQuestion(name, type), ValidationResult.Bogus(ExtendedDnsErrorCode.SignatureExpired, "expired"), DnsResponseCode.ServFail, AnswerSections.Empty, [], ResolutionPath.Iterative, ttl);

    public ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Answer(name, type));
    }

    public ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) =>
        ResolveAsync(name, type, cancellationToken);

    public ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The server asks for one question at a time.");

    public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The server asks for one question at a time.");
}
