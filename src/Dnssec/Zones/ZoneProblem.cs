using Dnssec.Wire;

namespace Dnssec.Zones;

/// <summary>One fault in a signed zone: where it is and what is wrong.</summary>
/// <param name="Owner">The owner name concerned.</param>
/// <param name="Type">The RRset type concerned.</param>
/// <param name="Kind">The kind of fault.</param>
/// <param name="Message">A sentence naming the record and the fault.</param>
public sealed record ZoneProblem(DnsName Owner, RecordType Type, ZoneProblemKind Kind, string Message);
