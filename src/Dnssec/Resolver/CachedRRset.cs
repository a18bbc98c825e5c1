using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A validated RRset as <see cref="RRsetCache"/> keeps it: its records and RRSIGs with TTLs already capped, its own
/// verdict (Secure or Insecure), the chain of trust it was judged with, when it was stored and for how many seconds.
/// </summary>
internal sealed class CachedRRset(DnsRRset rrset, ValidationResult result, IReadOnlyList<ZoneKeys> chain, DateTimeOffset stored, uint ttl)
{
    private AgedCopy? _aged;

    /// <summary>The records and RRSIGs, TTLs capped when stored.</summary>
    public DnsRRset RRset { get; } = rrset;

    /// <summary>The RRset's own verdict.</summary>
    public ValidationResult Result { get; } = result;

    /// <summary>The chain of trust it was judged with.</summary>
    public IReadOnlyList<ZoneKeys> Chain { get; } = chain;

    /// <summary>When it was stored.</summary>
    public DateTimeOffset Stored { get; } = stored;

    /// <summary>The seconds it may be used from <see cref="Stored"/>.</summary>
    public uint Ttl { get; } = ttl;

    /// <summary>When the RRset stops being usable.</summary>
    public DateTimeOffset Expires => Stored + TimeSpan.FromSeconds(Ttl);

    /// <summary>The TTL less the whole seconds spent in the cache by <paramref name="now"/>, as an answer kept whole ages.</summary>
    public uint Remaining(DateTimeOffset now)
    {
        double age = Math.Floor(Math.Max(0, (now - Stored).TotalSeconds));
        return age >= Ttl ? 0 : Ttl - (uint)age;
    }

    /// <summary>
    /// The RRset with every TTL lowered to what is left at <paramref name="now"/> (RFC 1035 §3.2.1): the RRset itself in its
    /// first second, and after that one copy per second, shared by every answer given in it.
    /// </summary>
    public DnsRRset Aged(DateTimeOffset now)
    {
        uint remaining = Remaining(now);
        if (remaining == Ttl)
        {
            return RRset;
        }

        if (Volatile.Read(ref _aged) is { } aged && aged.Remaining == remaining)
        {
            return aged.RRset;
        }

        DnsRRset copy = AnswerSections.Capped(RRset, remaining);
        Volatile.Write(ref _aged, new AgedCopy(remaining, copy));
        return copy;
    }

    private sealed record AgedCopy(uint Remaining, DnsRRset RRset);
}
