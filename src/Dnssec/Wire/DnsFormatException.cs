namespace Dnssec.Wire;

/// <summary>Thrown for malformed DNS wire data; says what was wrong and at which byte offset.</summary>
public sealed class DnsFormatException : FormatException
{
    /// <summary>Creates an exception for <paramref name="error"/> found at <paramref name="offset"/>.</summary>
    public DnsFormatException(DnsFormatError error, int offset, string message)
        : base($"{message} (at offset {offset})")
    {
        Error = error;
        Offset = offset;
    }

    /// <summary>The kind of malformation.</summary>
    public DnsFormatError Error { get; }

    /// <summary>The byte offset, within the message or RDATA being read, where the problem was found.</summary>
    public int Offset { get; }
}
