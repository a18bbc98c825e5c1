namespace Dnssec.TrustAnchors;

/// <summary>The result of one RFC 5011 step: the new state, how the step went, what happened and why.</summary>
/// <param name="TrustPoint">The trust point after the step; its NextRefresh says when to query again.</param>
/// <param name="Outcome">Whether a trusted key validated the DNSKEY RRset, and whether any key is still trusted.</param>
/// <param name="Events">The state changes and warnings of the step, in order.</param>
/// <param name="Reason">A sentence naming the zone and what decided the outcome.</param>
public sealed record TrustPointUpdate(TrustPoint TrustPoint, TrustPointOutcome Outcome, IReadOnlyList<TrustPointEvent> Events, string Reason);
