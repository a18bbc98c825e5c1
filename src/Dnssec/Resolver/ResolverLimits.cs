namespace Dnssec.Resolver;

/// <summary>
/// Work and memory limits of resolution, against referral loops, glueless-delegation chains, CNAME floods and cache
/// exhaustion. Each has a named default, and values are clamped to a safe range (as <see cref="Validation.ValidationLimits"/>
/// does for validation). Exceeding a work limit ends the resolution with a reason, never a hang.
/// </summary>
public sealed class ResolverLimits
{
    /// <summary>Default: queries one resolution may send, its glueless name server lookups and CNAME targets included.</summary>
    public const int DefaultQueriesPerResolution = 100;

    /// <summary>Least queries per resolution.</summary>
    public const int MinimumQueriesPerResolution = 1;

    /// <summary>Most queries per resolution.</summary>
    public const int MaximumQueriesPerResolution = 1000;

    /// <summary>Default: steps down the delegation tree for one question (zones asked in turn, each answering or referring further) before it is given up as a loop.</summary>
    public const int DefaultReferrals = 40;

    /// <summary>Least steps per question.</summary>
    public const int MinimumReferrals = 1;

    /// <summary>Most steps per question (Unbound's MAX_REFERRAL_COUNT is 130).</summary>
    public const int MaximumReferrals = 128;

    /// <summary>Default: nesting of name server lookups, when a delegation's servers have no glue and their names must be resolved first.</summary>
    public const int DefaultNameServerDepth = 4;

    /// <summary>Least name server lookup nesting (0: only glue is used).</summary>
    public const int MinimumNameServerDepth = 0;

    /// <summary>Most name server lookup nesting.</summary>
    public const int MaximumNameServerDepth = 16;

    /// <summary>Default: CNAME links the resolver asks for itself when a response stops at an alias.</summary>
    public const int DefaultCnameLinks = 10;

    /// <summary>Least CNAME links followed.</summary>
    public const int MinimumCnameLinks = 1;

    /// <summary>Most CNAME links followed.</summary>
    public const int MaximumCnameLinks = 64;

    /// <summary>Default: delegations (and the DS proofs their referrals carried) remembered by iterative resolution.</summary>
    public const int DefaultDelegationCacheSize = 10_000;

    /// <summary>Least delegations remembered.</summary>
    public const int MinimumDelegationCacheSize = 16;

    /// <summary>Most delegations remembered.</summary>
    public const int MaximumDelegationCacheSize = 1_000_000;

    /// <summary>Queries one resolution may send; clamped to 1–1000.</summary>
    public int QueriesPerResolution { get; init => field = Math.Clamp(value, MinimumQueriesPerResolution, MaximumQueriesPerResolution); } = DefaultQueriesPerResolution;

    /// <summary>Steps down the delegation tree for one question, the last of them the answer; clamped to 1–128.</summary>
    public int Referrals { get; init => field = Math.Clamp(value, MinimumReferrals, MaximumReferrals); } = DefaultReferrals;

    /// <summary>Nesting of name server lookups for glueless delegations; clamped to 0–16.</summary>
    public int NameServerDepth { get; init => field = Math.Clamp(value, MinimumNameServerDepth, MaximumNameServerDepth); } = DefaultNameServerDepth;

    /// <summary>CNAME links asked for when a response stops at an alias; clamped to 1–64.</summary>
    public int CnameLinks { get; init => field = Math.Clamp(value, MinimumCnameLinks, MaximumCnameLinks); } = DefaultCnameLinks;

    /// <summary>Delegations remembered by iterative resolution, and as many DS proofs; clamped to 16–1,000,000.</summary>
    public int DelegationCacheSize { get; init => field = Math.Clamp(value, MinimumDelegationCacheSize, MaximumDelegationCacheSize); } = DefaultDelegationCacheSize;
}
