using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>
/// Walks a DNS message in place: header, questions, then the records of the answer, authority and additional
/// sections, checking every count, length and compression pointer and allocating nothing.
/// </summary>
/// <remarks>
/// Like <c>Utf8JsonReader</c>, <see cref="ReadQuestion"/> and <see cref="ReadRecord"/> return false at the end and
/// throw <see cref="DnsFormatException"/> for malformed data, naming the field and its offset. A scrubbing reader
/// (see the constructor) throws only when the header, a question or the framing of a record is broken, and returns a
/// record whose RDATA does not fit its type marked <see cref="DnsRecordView.IsMalformed"/>.
/// </remarks>
public ref struct DnsMessageReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;
    private DnsSection _section;
    private int _remainingInSection;
    private int _optOffset;
    private readonly bool _scrub;

    /// <summary>Starts reading <paramref name="message"/> by decoding its header.</summary>
    /// <exception cref="DnsFormatException">The message is shorter than a header or longer than 65535 octets.</exception>
    public DnsMessageReader(ReadOnlySpan<byte> message)
        : this(message, scrub: false)
    {
    }

    /// <summary>
    /// Starts reading <paramref name="message"/>; with <paramref name="scrub"/> set, malformed RDATA marks its record
    /// instead of ending the read, and OPT is read as Unbound reads it: its owner is not checked and its options are
    /// read only as far as they are whole (<see cref="EdnsView"/> stops at the first one that is not).
    /// </summary>
    /// <exception cref="DnsFormatException">The message is shorter than a header or longer than 65535 octets.</exception>
    public DnsMessageReader(ReadOnlySpan<byte> message, bool scrub)
    {
        if (message.Length > ushort.MaxValue)
        {
            ThrowHelper.ThrowFormat(DnsFormatError.TooLarge, ushort.MaxValue, "Message is longer than 65535 octets");
        }

        _message = message;
        Header = DnsHeader.Read(message);
        _position = DnsHeader.Size;
        _section = DnsSection.Question;
        _remainingInSection = Header.QuestionCount;
        _optOffset = -1;
        _scrub = scrub;
    }

    /// <summary>The decoded header.</summary>
    public DnsHeader Header { get; }

    /// <summary>The offset of the next unread octet.</summary>
    public readonly int Position => _position;

    /// <summary>The section the next entry will come from.</summary>
    public readonly DnsSection Section => _section;

    /// <summary>Whether an OPT record has been read so far.</summary>
    public readonly bool HasEdns => _optOffset >= 0;

    /// <summary>Reads the next question; returns false once the question section is done.</summary>
    /// <exception cref="DnsFormatException">The question is malformed or cut short.</exception>
    public bool ReadQuestion(out DnsQuestionView question)
    {
        if (_section != DnsSection.Question || _remainingInSection == 0)
        {
            question = default;
            return false;
        }

        int nameOffset = _position;
        int nameSize = NameCodec.Measure(_message, nameOffset, allowCompression: true, out _, out _);
        int fixedAt = nameOffset + nameSize;
        if (fixedAt + 4 > _message.Length)
        {
            ThrowHelper.ThrowTruncated(fixedAt, "question type and class");
        }

        question = new DnsQuestionView(
            _message,
            nameOffset,
            (RecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[fixedAt..]),
            (RecordClass)BinaryPrimitives.ReadUInt16BigEndian(_message[(fixedAt + 2)..]));
        _position = fixedAt + 4;
        _remainingInSection--;
        return true;
    }

    /// <summary>Reads the next record of the answer, authority or additional section, skipping any unread questions; returns false at the end.</summary>
    /// <exception cref="DnsFormatException">The record is malformed, cut short, or an OPT record is misplaced.</exception>
    public bool ReadRecord(out DnsRecordView record)
    {
        while (_section == DnsSection.Question && _remainingInSection > 0)
        {
            ReadQuestion(out _);
        }

        while (_remainingInSection == 0)
        {
            if (_section == DnsSection.Additional)
            {
                record = default;
                return false;
            }

            _section++;
            _remainingInSection = _section switch
            {
                DnsSection.Answer => Header.AnswerCount,
                DnsSection.Authority => Header.AuthorityCount,
                _ => Header.AdditionalCount,
            };

            // One additional record promised where the message already ends: BIND and Unbound take the response as one
            // whose OPT record was left out, without EDNS(0), and so does a scrubbing read.
            if (_scrub && _section == DnsSection.Additional && _remainingInSection == 1 && _position == _message.Length)
            {
                _remainingInSection = 0;
            }
        }

        int ownerOffset = _position;
        if (ownerOffset >= _message.Length)
        {
            ThrowHelper.ThrowSectionCutShort(ownerOffset, _section, _remainingInSection);
        }

        int ownerSize = NameCodec.Measure(_message, ownerOffset, allowCompression: true, out _, out _);
        int fixedAt = ownerOffset + ownerSize;
        if (fixedAt + 10 > _message.Length)
        {
            ThrowHelper.ThrowTruncated(fixedAt, "record type, class, TTL and RDLENGTH");
        }

        var type = (RecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[fixedAt..]);
        var @class = (RecordClass)BinaryPrimitives.ReadUInt16BigEndian(_message[(fixedAt + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(_message[(fixedAt + 4)..]);
        int dataLength = BinaryPrimitives.ReadUInt16BigEndian(_message[(fixedAt + 8)..]);
        int dataOffset = fixedAt + 10;
        if (dataOffset + dataLength > _message.Length)
        {
            ThrowHelper.ThrowRecordDataOverrun(fixedAt + 8, dataLength);
        }

        int expanded;
        bool compressed = false;
        WireFault malformed = default;
        if (type == RecordType.OPT)
        {
            CheckOpt(ownerOffset, dataOffset, dataLength);
            expanded = dataLength;
        }
        else if (!_scrub)
        {
            expanded = RecordDataCodec.Validate(_message[..(dataOffset + dataLength)], dataOffset, dataLength, type, messageContext: true, out compressed);
        }
        else if (!RecordDataCodec.TryValidate(_message[..(dataOffset + dataLength)], dataOffset, dataLength, type, messageContext: true, out expanded, out compressed, out WireFault fault))
        {
            malformed = fault;
        }

        record = new DnsRecordView(_message, _section, ownerOffset, type, @class, ttl, dataOffset, dataLength, expanded, compressed, malformed);
        _position = dataOffset + dataLength;
        _remainingInSection--;
        return true;
    }

    /// <summary>Reads the rest of the message, checking it, and returns the EDNS(0) fields if an OPT record was present.</summary>
    /// <exception cref="DnsFormatException">Some later part of the message is malformed.</exception>
    public bool ReadToEnd(out EdnsView edns)
    {
        while (ReadRecord(out DnsRecordView _))
        {
        }

        if (_optOffset < 0)
        {
            edns = default;
            return false;
        }

        DnsRecordView opt = ReadRecordAt(_optOffset);
        edns = opt.AsEdns();
        return true;
    }

    private readonly DnsRecordView ReadRecordAt(int offset)
    {
        int ownerSize = NameCodec.Measure(_message, offset, allowCompression: true, out _, out _);
        int fixedAt = offset + ownerSize;
        int dataLength = BinaryPrimitives.ReadUInt16BigEndian(_message[(fixedAt + 8)..]);
        return new DnsRecordView(
            _message,
            DnsSection.Additional,
            offset,
            (RecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[fixedAt..]),
            (RecordClass)BinaryPrimitives.ReadUInt16BigEndian(_message[(fixedAt + 2)..]),
            BinaryPrimitives.ReadUInt32BigEndian(_message[(fixedAt + 4)..]),
            fixedAt + 10,
            dataLength,
            dataLength,
            compressed: false);
    }

    private void CheckOpt(int ownerOffset, int dataOffset, int dataLength)
    {
        // RFC 6891 §6.1.1: one OPT at most, in the additional section, owned by the root.
        if (_section != DnsSection.Additional)
        {
            ThrowHelper.ThrowOptOutsideAdditional(ownerOffset, _section);
        }

        if (_optOffset >= 0)
        {
            ThrowHelper.ThrowFormat(DnsFormatError.DuplicateOpt, ownerOffset, "Second OPT record in one message");
        }

        _optOffset = ownerOffset;
        if (_scrub)
        {
            return;
        }

        if (_message[ownerOffset] != 0)
        {
            ThrowHelper.ThrowFormat(DnsFormatError.OptOwnerNotRoot, ownerOffset, "OPT record owner is not the root");
        }

        EdnsView.ValidateOptions(_message.Slice(dataOffset, dataLength), dataOffset);
    }
}
