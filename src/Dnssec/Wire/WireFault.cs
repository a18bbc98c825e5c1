using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dnssec.Wire;

/// <summary>
/// What is wrong with malformed wire data, found without throwing: the error and offset that a
/// <see cref="DnsFormatException"/> carries and the values its message names. The message is formatted only when asked
/// for, so that a scrubbing read can step over malformed records without allocating, and a strict read throws the
/// same exception it always did.
/// </summary>
internal readonly struct WireFault
{
    // Sixteen octets and no reference, so that the checks on the hot path copy and clear it cheaply.
    private readonly int _value;
    private readonly RecordType _type;
    private readonly FaultKind _kind;
    private readonly Phrase _phrase;

    private WireFault(DnsFormatError error, int offset, FaultKind kind, int value = 0, RecordType type = 0, Phrase phrase = Phrase.None)
    {
        Error = error;
        Offset = offset;
        _kind = kind;
        _value = value;
        _type = type;
        _phrase = phrase;
    }

    /// <summary>The constant words a message is made of, so that a fault holds no string.</summary>
    public enum Phrase : byte
    {
        /// <summary>No phrase.</summary>
        None,
        /// <summary>"name", a field the data ended inside.</summary>
        Name,
        /// <summary>"label", a field the data ended inside.</summary>
        Label,
        /// <summary>"compression pointer", a field the data ended inside.</summary>
        CompressionPointer,
        /// <summary>RDATA shorter than its fields.</summary>
        TooShort,
        /// <summary>RDATA over 65535 octets once its names are expanded.</summary>
        TooLargeDecompressed,
        /// <summary>An NSEC3 next hashed owner of no octets.</summary>
        EmptyNextHashedOwner,
        /// <summary>Type bitmap windows not in increasing order.</summary>
        WindowsOutOfOrder,
        /// <summary>SVCB parameter keys not in increasing order.</summary>
        KeysOutOfOrder,
        /// <summary>TXT-like RDATA without a single string.</summary>
        NoCharacterString,
        /// <summary>A CAA tag of no octets.</summary>
        EmptyCaaTag,
    }

    private enum FaultKind : byte
    {
        None,
        Truncated,
        LabelTooLong,
        NameTooLong,
        CompressionNotAllowed,
        PointerOutOfRange,
        ForwardPointer,
        TooManyPointers,
        RecordData,
        LeftOver,
        WindowLength,
        Plain,
    }

    /// <summary>The kind of malformation.</summary>
    public DnsFormatError Error { get; }

    /// <summary>The offset, in the message or RDATA being read, where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>Whether this is a fault at all; the default value is none.</summary>
    public bool IsFault => _kind != FaultKind.None;

    /// <summary>The data ended inside <paramref name="field"/>, reported as <paramref name="error"/>.</summary>
    public static WireFault Truncated(int offset, Phrase field, DnsFormatError error) => new(error, offset, FaultKind.Truncated, phrase: field);

    /// <summary>A label length octet over 63, the retired 0x40 and 0x80 label types included.</summary>
    public static WireFault LabelTooLong(int offset, byte lengthByte) => new(DnsFormatError.LabelTooLong, offset, FaultKind.LabelTooLong, lengthByte);

    /// <summary>A name over 255 octets in uncompressed form.</summary>
    public static WireFault NameTooLong(int offset) => new(DnsFormatError.NameTooLong, offset, FaultKind.NameTooLong);

    /// <summary>A compression pointer where names must be uncompressed.</summary>
    public static WireFault CompressionNotAllowed(int offset) => new(DnsFormatError.CompressionNotAllowed, offset, FaultKind.CompressionNotAllowed);

    /// <summary>A compression pointer past the end of the message.</summary>
    public static WireFault PointerOutOfRange(int offset, int target) => new(DnsFormatError.PointerOutOfRange, offset, FaultKind.PointerOutOfRange, target);

    /// <summary>A compression pointer that does not point before the current run of labels.</summary>
    public static WireFault ForwardPointer(int offset, int target) => new(DnsFormatError.ForwardPointer, offset, FaultKind.ForwardPointer, target);

    /// <summary>A name that follows more compression pointers than any encoder needs.</summary>
    public static WireFault TooManyPointers(int offset) => new(DnsFormatError.TooManyPointers, offset, FaultKind.TooManyPointers);

    /// <summary>RDATA of <paramref name="type"/> that breaks its layout as <paramref name="what"/> says.</summary>
    public static WireFault RecordData(int offset, RecordType type, Phrase what, DnsFormatError error = DnsFormatError.InvalidRecordData) =>
        new(error, offset, FaultKind.RecordData, type: type, phrase: what);

    /// <summary>Octets after the last field of the RDATA.</summary>
    public static WireFault LeftOver(int offset, int count, RecordType type) => new(DnsFormatError.InvalidRecordData, offset, FaultKind.LeftOver, count, type);

    /// <summary>A type bitmap window whose length is not 1 to 32 (RFC 4034 §4.1.2).</summary>
    public static WireFault WindowLength(int offset, int length, RecordType type) => new(DnsFormatError.InvalidRecordData, offset, FaultKind.WindowLength, length, type);

    /// <summary>A fault whose message is <paramref name="what"/> alone, without the record type.</summary>
    public static WireFault Plain(DnsFormatError error, int offset, Phrase what) => new(error, offset, FaultKind.Plain, phrase: what);

    /// <summary>The type's mnemonic, or TYPEnnn (RFC 3597 §5) for a code without one.</summary>
    public static string TypeName(RecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    /// <summary>What was wrong, in words, without the offset: the message of the exception a strict read throws.</summary>
    public string Describe() => _kind switch
    {
        FaultKind.Truncated => $"Data ends inside the {Words(_phrase)}",
        FaultKind.LabelTooLong => $"Label length byte {_value} is over {DnsName.MaxLabelLength}",
        FaultKind.NameTooLong => $"Name longer than {DnsName.MaxLength} octets",
        FaultKind.CompressionNotAllowed => "Compression pointer where names must be uncompressed",
        FaultKind.PointerOutOfRange => $"Compression pointer to {_value} is past the end of the message",
        FaultKind.ForwardPointer => $"Compression pointer to {_value} does not point backwards",
        FaultKind.TooManyPointers => $"Name follows more than {NameCodec.MaxPointers} compression pointers",
        FaultKind.RecordData => $"{TypeName(_type)} {Words(_phrase)}",
        FaultKind.LeftOver => $"{_value} octets left over at the end of {TypeName(_type)} RDATA",
        FaultKind.WindowLength => $"{TypeName(_type)} type bitmap window length {_value} is not 1 to 32",
        FaultKind.Plain => Words(_phrase),
        _ => "No fault",
    };

    /// <summary>The exception a strict read throws for this fault.</summary>
    public DnsFormatException ToException() => new(Error, Offset, Describe());

    /// <summary>Throws <see cref="ToException"/>; kept apart so that the callers on the hot path stay small.</summary>
    [DoesNotReturn]
    public void Throw() => throw ToException();

    private static string Words(Phrase phrase) => phrase switch
    {
        Phrase.Name => "name",
        Phrase.Label => "label",
        Phrase.CompressionPointer => "compression pointer",
        Phrase.TooShort => "RDATA is too short",
        Phrase.TooLargeDecompressed => "RDATA is over 65535 octets once decompressed",
        Phrase.EmptyNextHashedOwner => "next hashed owner is empty",
        Phrase.WindowsOutOfOrder => "type bitmap windows are out of order",
        Phrase.KeysOutOfOrder => "parameter keys are not in increasing order",
        Phrase.NoCharacterString => "RDATA holds no character string",
        Phrase.EmptyCaaTag => "CAA tag is empty",
        _ => "",
    };
}
