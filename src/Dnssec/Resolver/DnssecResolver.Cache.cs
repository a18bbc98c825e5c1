using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// What the resolver keeps from each validated answer and how answers are made again from it: the RRsets of the answer
/// chain one by one, so that a CNAME chain is assembled from links that different questions brought.
/// </summary>
public sealed partial class DnssecResolver
{
    /// <summary>
    /// Keeps the answer chain's RRsets of a Secure or Insecure answer, each with its own verdict and capped TTL, and the
    /// denial records for synthesis (RFC 8198). Left out: wildcard expansions (only as good as the proof beside them),
    /// signed RRsets without their RRSIGs and every RRset of a chain with a DNAME (a synthesised CNAME is not signed),
    /// which live on in the whole answer kept for the question.
    /// </summary>
    private void Keep(AnswerValidation validation, DnssecAnswer answer, DateTimeOffset now)
    {
        _denials?.Store(validation, now);
        if (answer.Status is not (SecurityStatus.Secure or SecurityStatus.Insecure) || validation.RRsets.Any(v => v.RRset.Type == RecordType.DNAME))
        {
            return;
        }

        foreach (RRsetValidation rrset in validation.RRsets)
        {
            bool usable = rrset.Status switch
            {
                SecurityStatus.Secure => rrset.RRset.Signatures.Count > 0 && !rrset.IsWildcardExpansion,
                SecurityStatus.Insecure => true,
                _ => false,
            };
            uint ttl = (uint)Math.Min(rrset.Ttl, _settings.Options.MaximumCacheTtl.TotalSeconds);
            if (usable && ttl > 0 && rrset.RRset.Class == RecordClass.IN)
            {
                _cache.SetRRset(new CachedRRset(AnswerSections.Capped(rrset.RRset, ttl), rrset.Result, validation.Chain, now, ttl), now);
            }
        }
    }

    /// <summary>
    /// The cached RRsets that answer <paramref name="question"/>: the CNAME links from its name, as far as the cache
    /// holds them, and the RRset of the type asked at the end when it holds that too. ANY, RRSIG and meta-types are
    /// never assembled, and DS (the parent's side of a cut) follows no CNAME.
    /// </summary>
    private CachedChain FollowCachedLinks(DnsQuestion question, DateTimeOffset now)
    {
        var chain = new CachedChain(question.Name);
        if (question.Class != RecordClass.IN || question.Type is RecordType.ANY or RecordType.RRSIG || (ushort)question.Type is 0 or (>= 128 and <= 255))
        {
            return chain;
        }

        for (int link = 0; link <= _settings.Options.Limits.CnameLinks; link++)
        {
            if (_cache.TryGetRRset(chain.End, question.Type, now, out CachedRRset final))
            {
                chain.Final = final;
                return chain;
            }

            if (question.Type is RecordType.CNAME or RecordType.DS || !_cache.TryGetRRset(chain.End, RecordType.CNAME, now, out CachedRRset cname))
            {
                return chain;
            }

            chain.Add(cname, NameData.From(cname.RRset.Records[0]).Target);
        }

        // Longer than resolution would follow, or a loop: resolution, not the cache, says what it is.
        return new CachedChain(question.Name);
    }

    /// <summary>The answer made wholly from cached RRsets, TTLs aged to <paramref name="now"/>; its verdict is the weakest of theirs.</summary>
    private static DnssecAnswer Assembled(DnsQuestion question, CachedChain chain, DateTimeOffset now)
    {
        CachedRRset final = chain.Final!;
        if (chain.Count == 0)
        {
            return new DnssecAnswer(question, final.Result, DnsResponseCode.NoError, new AnswerSections([final.Aged(now)], [], []), final.Chain, ResolutionPath.Cache, TimeSpan.FromSeconds(final.Remaining(now)));
        }

        List<CachedRRset> rrsets = [.. chain.Links, final];
        uint ttl = rrsets.Min(rrset => rrset.Remaining(now));
        ValidationResult? insecure = rrsets.Find(rrset => rrset.Result.Status != SecurityStatus.Secure)?.Result;
        ValidationResult result = insecure ?? ValidationResult.Secure(DeferredReason.Of((rrsets.Count, question), static state =>
            $"{state.Count} RRsets and 0 denial proofs verified for {state.question.Name} {state.question.Type}"));
        var sections = new AnswerSections(rrsets.ConvertAll(rrset => rrset.Aged(now)), [], []);
        return new DnssecAnswer(question, result, DnsResponseCode.NoError, sections, Chain(rrsets.Select(rrset => rrset.Chain)), ResolutionPath.Cache, TimeSpan.FromSeconds(ttl));
    }

    /// <summary>
    /// The cached CNAME links joined to <paramref name="rest"/>, the answer for the name they lead to: its rcode, its
    /// authority and additional sections and its path; its verdict unless a link's is weaker; nothing but the failure
    /// when it failed (RFC 4035 §5.5).
    /// </summary>
    private static DnssecAnswer Joined(DnsQuestion question, CachedChain chain, DnssecAnswer rest, DateTimeOffset now)
    {
        IReadOnlyList<ZoneKeys> zones = Chain(chain.Links.Select(link => link.Chain).Append(rest.Chain));
        if (rest.Status is SecurityStatus.Bogus || (rest.Status == SecurityStatus.Indeterminate && !rest.Result.Unvalidatable))
        {
            return new DnssecAnswer(question, rest.Result, rest.ResponseCode, AnswerSections.Empty, zones, rest.Path, rest.Ttl) { Privacy = rest.Privacy };
        }

        ValidationResult? insecure = chain.Links.Find(link => link.Result.Status != SecurityStatus.Secure)?.Result;
        ValidationResult result = rest.Status == SecurityStatus.Secure && insecure is not null
            ? insecure
            : rest.Status == SecurityStatus.Secure
                ? ValidationResult.Secure(DeferredReason.Of((chain.Links.Count, chain.End, rest), static state =>
                    $"{state.Count} CNAME RRsets from the cache lead to {state.End}: {state.rest.Reason}"))
                : rest.Result;
        uint ttl = (uint)Math.Min(chain.Links.Min(link => link.Remaining(now)), rest.Ttl.TotalSeconds);
        var sections = new AnswerSections([.. chain.Links.Select(link => link.Aged(now)), .. rest.Sections.Answer], rest.Sections.Authority, rest.Sections.Additional);
        return new DnssecAnswer(question, result, rest.ResponseCode, sections, zones, rest.Path, TimeSpan.FromSeconds(ttl)) { Privacy = rest.Privacy };
    }

    /// <summary>The zones of several chains of trust, each once, in the order met, as the validator gathers an answer's.</summary>
    private static List<ZoneKeys> Chain(IEnumerable<IReadOnlyList<ZoneKeys>> chains)
    {
        var zones = new List<ZoneKeys>();
        var collector = new ChainCollector(zones);
        foreach (ZoneKeys keys in chains.SelectMany(chain => chain))
        {
            collector.Add(keys);
        }

        return zones;
    }

    /// <summary>The CNAME links found in the cache from a question's name, the name they end at, and the RRset of the type asked there if cached.</summary>
    private sealed class CachedChain(DnsName start)
    {
        private List<CachedRRset>? _links;

        public List<CachedRRset> Links => _links ??= [];

        public DnsName End { get; private set; } = start;

        public CachedRRset? Final { get; set; }

        public int Count => _links?.Count ?? 0;

        public void Add(CachedRRset link, DnsName target)
        {
            (_links ??= []).Add(link);
            End = target;
        }
    }
}
