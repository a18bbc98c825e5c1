using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>One event of an RFC 5011 step, for logging and alerting.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Zone">The trust point.</param>
/// <param name="KeyTag">The key tag concerned, as the key is now; null for events about the whole trust point.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Description">A sentence naming the zone, the key and what happened.</param>
public sealed record TrustPointEvent(TrustPointEventKind Kind, DnsName Zone, ushort? KeyTag, DateTimeOffset Time, string Description);
