using Dnssec.Testing;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation.Hierarchy;

/// <summary>
/// A recursive resolver in front of a whole <see cref="ZoneAuthority"/>, as the validator's source and the stub's
/// upstream: counts queries, and a hook can rewrite responses to play a hostile upstream.
/// </summary>
internal sealed class InMemoryAuthority(ZoneAuthority authority) : IValidationSource
{
    private int _queries;

    /// <summary>Rewrites each response before it is returned; null to return it as built.</summary>
    public Func<DnsQuestion, DnsMessage, DnsMessage?>? Tamper { get; set; }

    public int Queries => _queries;

    public ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        DnsMessage? response = Resolve(new DnsQuestion(name, type));
        return ValueTask.FromResult(response is null ? SourceResponse.Failed("the test authority dropped the query") : SourceResponse.From(response));
    }

    /// <summary>The full response to a question, as an upstream resolver returns it.</summary>
    public DnsMessage? Resolve(DnsQuestion question)
    {
        Interlocked.Increment(ref _queries);
        DnsMessage response = authority.Answer(question);
        response.Flags |= DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable;
        return Tamper is null ? response : Tamper(question, response);
    }
}
