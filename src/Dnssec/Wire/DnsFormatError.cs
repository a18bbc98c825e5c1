namespace Dnssec.Wire;

/// <summary>What was wrong with malformed DNS wire data; carried by <see cref="DnsFormatException"/>.</summary>
public enum DnsFormatError
{
    /// <summary>The data ended before the field being read.</summary>
    Truncated,
    /// <summary>A label length byte was over 63, which includes the retired 0x40 and 0x80 label types.</summary>
    LabelTooLong,
    /// <summary>A name was longer than 255 octets in uncompressed form.</summary>
    NameTooLong,
    /// <summary>A compression pointer pointed at or after itself, which could loop.</summary>
    ForwardPointer,
    /// <summary>A compression pointer pointed past the end of the message.</summary>
    PointerOutOfRange,
    /// <summary>A compression pointer appeared where names must not be compressed.</summary>
    CompressionNotAllowed,
    /// <summary>RDLENGTH ran past the end of the message.</summary>
    RecordDataOverrun,
    /// <summary>The RDATA did not have the layout its type requires.</summary>
    InvalidRecordData,
    /// <summary>An OPT record appeared outside the additional section.</summary>
    OptOutsideAdditional,
    /// <summary>More than one OPT record appeared.</summary>
    DuplicateOpt,
    /// <summary>An OPT record had an owner other than the root.</summary>
    OptOwnerNotRoot,
    /// <summary>An EDNS option ran past the end of the OPT RDATA.</summary>
    InvalidEdnsOption,
    /// <summary>A message was larger than 65535 octets, or a record larger than its format allows.</summary>
    TooLarge,
    /// <summary>A name followed more compression pointers than any encoder needs (128), as only an attack on parsing time would.</summary>
    TooManyPointers,
}
