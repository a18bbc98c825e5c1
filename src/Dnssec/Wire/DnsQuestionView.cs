namespace Dnssec.Wire;

/// <summary>A question read in place from a message; reading its name is the only step that allocates.</summary>
public readonly ref struct DnsQuestionView
{
    private readonly ReadOnlySpan<byte> _message;

    internal DnsQuestionView(ReadOnlySpan<byte> message, int nameOffset, RecordType type, RecordClass @class)
    {
        _message = message;
        NameOffset = nameOffset;
        Type = type;
        Class = @class;
    }

    /// <summary>The offset of the question name in the message.</summary>
    public int NameOffset { get; }

    /// <summary>QTYPE.</summary>
    public RecordType Type { get; }

    /// <summary>QCLASS.</summary>
    public RecordClass Class { get; }

    /// <summary>Whether the question name equals <paramref name="name"/>, ignoring case; does not allocate.</summary>
    public bool NameEquals(DnsName name) => NameCodec.EqualsAt(_message, NameOffset, name);

    /// <summary>Reads the question name.</summary>
    public DnsName ReadName() => NameCodec.Read(_message, NameOffset, allowCompression: true, out _);

    /// <summary>Builds the question as an object.</summary>
    public DnsQuestion ToQuestion() => new(ReadName(), Type, Class);
}
