using Dnssec.Differential.Building;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Questions;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Differential.Asking;

/// <summary>
/// Our resolver, in process, for one served hierarchy: a <see cref="DnssecResolver"/> in stub mode asking the mutating
/// proxy (no iterative fallback, which would hide what the upstream did), and one in iterative mode from the
/// hierarchy's root server at authority port 53; both with the root's DS as their only anchor. Each keeps its cache
/// for the whole hierarchy, as the validating Unbound does.
/// </summary>
public sealed class OurResolvers : IAsyncDisposable
{
    private readonly DnssecResolver _stub;
    private readonly DnssecResolver _iterative;

    /// <summary>Resolvers for <paramref name="hierarchy"/>.</summary>
    public OurResolvers(BuiltHierarchy hierarchy)
    {
        _stub = new DnssecResolver(Options(hierarchy, ResolutionMode.Stub));
        _iterative = new DnssecResolver(Options(hierarchy, ResolutionMode.Iterative));
    }

    /// <summary>Our verdict on <paramref name="question"/> in <paramref name="mode"/>.</summary>
    public async Task<Verdict> AskAsync(Question question, Mode mode, CancellationToken cancellationToken)
    {
        DnssecResolver resolver = mode == Mode.Stub ? _stub : _iterative;
        DnssecAnswer answer;
        try
        {
            answer = await resolver.ResolveAsync(DnsName.Parse(question.Name), Mnemonics.ParseRecordType(question.Type), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An exception is a bug by the library's own rules (outcomes are values): it is a verdict of its own.
            return new Verdict(Outcome.Bogus, "EXCEPTION", [], e.GetType().Name + ": " + e.Message);
        }

        return Read(answer);
    }

    /// <summary>The verdict an answer states.</summary>
    public static Verdict Read(DnssecAnswer answer)
    {
        string rcode = Mnemonics.FormatResponseCode(answer.ResponseCode);
        string reason = answer.ExtendedError is { } ede ? $"EDE {(int)ede.Code}: {answer.Reason}" : answer.Reason;
        Outcome outcome = answer.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain) ? Outcome.Bogus
            : answer.Status switch
            {
                SecurityStatus.Secure => Outcome.Secure,
                SecurityStatus.Insecure => Outcome.Insecure,
                _ => Outcome.Bogus,
            };
        return new Verdict(outcome, rcode, outcome == Outcome.Bogus ? [] : AnswerText.Of(answer.Answer), reason);
    }

    /// <summary>Disposes both resolvers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stub.DisposeAsync().ConfigureAwait(false);
        await _iterative.DisposeAsync().ConfigureAwait(false);
    }

    private static ResolverOptions Options(BuiltHierarchy hierarchy, ResolutionMode mode)
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(hierarchy.AnchorFile, DateTimeOffset.UtcNow));
        var options = new ResolverOptions
        {
            Mode = mode,
            FallbackToIterative = false,
            TrustAnchors = anchors,
            AuthorityPort = AddressPlan.Port,
            Timeout = TimeSpan.FromSeconds(2),
        };
        options.RootServers.Add(hierarchy.RootServer);
        options.Servers.Add(AddressPlan.Proxy(hierarchy.Slot));
        return options;
    }
}
