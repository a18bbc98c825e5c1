namespace Dnssec.Wire;

/// <summary>One entry of the question section: the name, type and class asked about.</summary>
/// <param name="Name">The name asked about.</param>
/// <param name="Type">The record type asked for.</param>
/// <param name="Class">The class asked in, almost always IN.</param>
public sealed record DnsQuestion(DnsName Name, RecordType Type, RecordClass Class = RecordClass.IN)
{
    /// <summary>The question in the form dig prints: "name TYPE CLASS".</summary>
    public override string ToString() => $"{Name} {Class} {Type}";
}
