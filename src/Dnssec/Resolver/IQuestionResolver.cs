using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One way of getting the response to a question, before validation: the recursive upstreams (<see cref="StubResolver"/>)
/// or the authorities from the root hints (<see cref="IterativeResolver"/>). Either gives one response holding the
/// whole CNAME chain, or why there is none.
/// </summary>
internal interface IQuestionResolver
{
    /// <summary>Resolves a question and returns one response holding the whole CNAME chain, or why it failed.</summary>
    ValueTask<ResolutionResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken);
}
