namespace Dnssec.Wire;

/// <summary>
/// Malformed data that <see cref="DnsMessage.ParseScrubbed"/> left out of a message: a record whose RDATA does not fit
/// its type, or EDNS options that do not fit the OPT record. It names the record and what was wrong, never the octets.
/// </summary>
/// <param name="Section">The section the record was in.</param>
/// <param name="Owner">The record's owner name; the root for OPT.</param>
/// <param name="Type">The record type; OPT when EDNS options were left out.</param>
/// <param name="Offset">The offset in the message where the data stopped fitting.</param>
/// <param name="Error">The kind of malformation.</param>
/// <param name="Reason">What was wrong, in words: the message a strict parse would have thrown, without the offset.</param>
public sealed record DroppedRecord(DnsSection Section, DnsName Owner, RecordType Type, int Offset, DnsFormatError Error, string Reason)
{
    /// <summary>A sentence for logs: owner, type, section, offset and reason.</summary>
    public override string ToString() =>
        $"{Owner} {WireFault.TypeName(Type)} in the {Section.ToString().ToLowerInvariant()} section, offset {Offset}: {Reason}";
}
