using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Resolves through the recursive upstreams (RD, DO and CD set, RFC 4035 §3.2), the mirror of
/// <see cref="IterativeResolver"/>: an upstream that reaches no answer, answers only with errors, or cannot carry DNSSEC
/// data at all (no EDNS(0) and no RRSIG, RFC 4035 §3.2.1) gives a failure; a response that stops at an alias has its
/// CNAME chain completed with further questions, as a recursive server would.
/// </summary>
internal sealed class StubResolver(UpstreamClient upstream, QueryOptions options, int maxCnameLinks) : IQuestionResolver
{
    /// <inheritdoc />
    public async ValueTask<ResolutionResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        TransportResponse response = await upstream.QueryAsync(question, options, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return ResolutionResult.Failed($"no upstream answered: {response.Detail}");
        }

        DnsMessage message = response.Message;
        if (UpstreamClient.IsServerFailure(message.ResponseCode))
        {
            return ResolutionResult.Failed($"the upstream {response.Server} answered {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)}", ExtendedDnsErrorCode.NetworkError);
        }

        if (message.Edns is null && !HasSignatures(message))
        {
            // RFC 4035 §3.2.1: without EDNS(0) and DO no DNSSEC data can come back, so the upstream is a roadblock. Some
            // forwarders leave the OPT record out yet return the RRSIGs; their answers are judged by what they hold.
            return ResolutionResult.Failed($"the upstream {response.Server} does not speak EDNS(0), so it cannot return DNSSEC records", ExtendedDnsErrorCode.DnssecIndeterminate);
        }

        if (CnameChain.HasAlias(question, message))
        {
            await CompleteChainAsync(question, message, cancellationToken).ConfigureAwait(false);
        }

        return ResolutionResult.From(message, response.Server);
    }

    /// <summary>
    /// An upstream may hand back the alias alone; the targets are asked for as a recursive server would. Apart from
    /// <see cref="ResolveAsync"/> so that the closure over the token is made only for responses that stop at an alias.
    /// </summary>
    private ValueTask CompleteChainAsync(DnsQuestion question, DnsMessage message, CancellationToken cancellationToken) =>
        CnameChain.CompleteAsync(question, message, async target =>
        {
            TransportResponse next = await upstream.QueryAsync(target, options, cancellationToken).ConfigureAwait(false);
            return next.Succeeded && !UpstreamClient.IsServerFailure(next.Message.ResponseCode) ? next.Message : null;
        }, maxCnameLinks);

    private static bool HasSignatures(DnsMessage message) =>
        message.Answers.Exists(r => r.Type == RecordType.RRSIG) || message.Authorities.Exists(r => r.Type == RecordType.RRSIG);
}
