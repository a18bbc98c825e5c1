using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dnssec.Wire;

/// <summary>
/// Writes a DNS message into a span, section by section, compressing names where RFC 3597 §4 allows; it allocates
/// nothing. The <c>TryWrite</c> methods return false, leaving the message as it was, when the span is full.
/// </summary>
public ref struct DnsMessageWriter
{
    private const int PointerLimit = 0x4000;

    private readonly Span<byte> _buffer;
    private DnsHeader _header;
    private int _position;
    private DnsSection _section;
    private CompressionTable _names;
    private int _nameCount;
    private int _limit;

    /// <summary>Starts a message in <paramref name="buffer"/>; the header's counts are ignored and filled in by <see cref="Finish"/>.</summary>
    /// <exception cref="ArgumentException">The buffer cannot hold a header.</exception>
    public DnsMessageWriter(Span<byte> buffer, DnsHeader header)
    {
        if (buffer.Length < DnsHeader.Size)
        {
            throw new ArgumentException("The buffer cannot hold a DNS header.", nameof(buffer));
        }

        _buffer = buffer.Length > ushort.MaxValue ? buffer[..ushort.MaxValue] : buffer;
        _header = header with { QuestionCount = 0, AnswerCount = 0, AuthorityCount = 0, AdditionalCount = 0 };
        _position = DnsHeader.Size;
        _section = DnsSection.Question;
        _limit = _buffer.Length;
    }

    /// <summary>The number of octets written so far.</summary>
    public readonly int Length => _position;

    /// <summary>
    /// The most octets the message may take; lowering it keeps room for a record written later, such as OPT.
    /// It can be set between <see cref="Length"/> and the buffer size.
    /// </summary>
    public int Limit
    {
        readonly get => _limit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, _position);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _buffer.Length);
            _limit = value;
        }
    }

    /// <summary>Appends a question.</summary>
    /// <exception cref="InvalidOperationException">A record has already been written.</exception>
    public bool TryWriteQuestion(DnsName name, RecordType type, RecordClass @class = RecordClass.IN)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_section != DnsSection.Question)
        {
            throw new InvalidOperationException("Questions must be written before records.");
        }

        int start = _position;
        int savedNames = _nameCount;
        if (!TryWriteName(name.WireForm, compress: true) || !TryReserve(4, out Span<byte> fixedPart))
        {
            Rollback(start, savedNames);
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[2..], (ushort)@class);
        _header = _header with { QuestionCount = (ushort)(_header.QuestionCount + 1) };
        return true;
    }

    /// <summary>Appends a record to <paramref name="section"/>, which may not come before a section already written.</summary>
    /// <exception cref="InvalidOperationException">The section is out of order.</exception>
    public bool TryWriteRecord(DnsSection section, DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return TryWriteRecord(section, record.Owner, record.Type, record.Class, record.Ttl, record.Data.Span);
    }

    /// <summary>Appends a record given by its fields; <paramref name="data"/> is uncompressed RDATA of a valid layout.</summary>
    /// <exception cref="InvalidOperationException">The section is out of order.</exception>
    public bool TryWriteRecord(DnsSection section, DnsName owner, RecordType type, RecordClass @class, uint ttl, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(owner);
        EnterSection(section);
        int start = _position;
        int savedNames = _nameCount;
        if (!TryWriteName(owner.WireForm, compress: true) || !TryReserve(10, out Span<byte> fixedPart))
        {
            Rollback(start, savedNames);
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[2..], (ushort)@class);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[4..], ttl);
        int dataStart = _position;
        if (!TryWriteData(type, data))
        {
            Rollback(start, savedNames);
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[8..], (ushort)(_position - dataStart));
        CountRecord(section);
        return true;
    }

    /// <summary>Appends the OPT record to the additional section, carrying the upper bits of <paramref name="extendedResponseCode"/>.</summary>
    public bool TryWriteEdns(EdnsRecord edns, DnsResponseCode extendedResponseCode = DnsResponseCode.NoError)
    {
        ArgumentNullException.ThrowIfNull(edns);
        EnterSection(DnsSection.Additional);
        int start = _position;
        if (!TryReserve(edns.WireSize, out Span<byte> span))
        {
            Rollback(start, _nameCount);
            return false;
        }

        span[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)RecordType.OPT);
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], edns.UdpPayloadSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], edns.TtlField((byte)((int)extendedResponseCode >> 4)));
        BinaryPrimitives.WriteUInt16BigEndian(span[9..], (ushort)(edns.WireSize - 11));
        int position = 11;
        foreach (EdnsOption option in edns.Options)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)option.Code);
            BinaryPrimitives.WriteUInt16BigEndian(span[(position + 2)..], (ushort)option.Data.Length);
            option.Data.Span.CopyTo(span[(position + 4)..]);
            position += 4 + option.Data.Length;
        }

        CountRecord(DnsSection.Additional);
        return true;
    }

    /// <summary>Sets flags in the header, such as TC after records had to be left out.</summary>
    public void AddFlags(DnsHeaderFlags flags) => _header = _header with { Flags = _header.Flags | flags };

    /// <summary>Writes the header with its final counts and returns the message length.</summary>
    public int Finish()
    {
        _header.WriteTo(_buffer);
        return _position;
    }

    private void EnterSection(DnsSection section)
    {
        if (section == DnsSection.Question || section < _section)
        {
            throw new InvalidOperationException($"Cannot write to the {section} section after the {_section} section.");
        }

        _section = section;
    }

    private void CountRecord(DnsSection section)
    {
        _header = section switch
        {
            DnsSection.Answer => _header with { AnswerCount = (ushort)(_header.AnswerCount + 1) },
            DnsSection.Authority => _header with { AuthorityCount = (ushort)(_header.AuthorityCount + 1) },
            _ => _header with { AdditionalCount = (ushort)(_header.AdditionalCount + 1) },
        };
    }

    private bool TryReserve(int size, out Span<byte> span)
    {
        if (_position + size > _limit)
        {
            span = default;
            return false;
        }

        span = _buffer.Slice(_position, size);
        _position += size;
        return true;
    }

    private void Rollback(int position, int nameCount)
    {
        _position = position;
        _nameCount = nameCount;
    }

    private bool TryWriteData(RecordType type, ReadOnlySpan<byte> data)
    {
        RecordSchema schema = RecordSchema.Get(type);
        if (!schema.HasNames)
        {
            if (!TryReserve(data.Length, out Span<byte> span))
            {
                return false;
            }

            data.CopyTo(span);
            return true;
        }

        int position = 0;
        foreach (FieldKind field in schema.Fields)
        {
            int size = RecordDataCodec.FieldSize(data, position, data.Length, field, type, allowCompression: false, out _);
            if (field == FieldKind.Name)
            {
                if (!TryWriteName(data.Slice(position, size), schema.CompressNames))
                {
                    return false;
                }
            }
            else
            {
                if (!TryReserve(size, out Span<byte> span))
                {
                    return false;
                }

                data.Slice(position, size).CopyTo(span);
            }

            position += size;
        }

        return true;
    }

    private bool TryWriteName(ReadOnlySpan<byte> name, bool compress)
    {
        // Only names already written in full may be pointed at: the labels of this name enter the table as they are
        // written, but until its root label is out they are followed by nothing that could be compared.
        int complete = _nameCount;
        int labelStart = 0;
        while (name[labelStart] != 0)
        {
            if (compress)
            {
                int target = FindSuffix(name[labelStart..], complete);
                if (target >= 0)
                {
                    if (!TryReserve(2, out Span<byte> pointer))
                    {
                        return false;
                    }

                    BinaryPrimitives.WriteUInt16BigEndian(pointer, (ushort)(0xC000 | target));
                    return true;
                }
            }

            int labelSize = 1 + name[labelStart];
            int offset = _position;
            if (!TryReserve(labelSize, out Span<byte> label))
            {
                return false;
            }

            name.Slice(labelStart, labelSize).CopyTo(label);
            if (compress && offset < PointerLimit && _nameCount < CompressionTable.Capacity)
            {
                _names[_nameCount++] = (ushort)offset;
            }

            labelStart += labelSize;
        }

        if (!TryReserve(1, out Span<byte> root))
        {
            return false;
        }

        root[0] = 0;
        return true;
    }

    private readonly int FindSuffix(ReadOnlySpan<byte> suffix, int count)
    {
        ReadOnlySpan<byte> written = _buffer[.._position];
        for (int i = 0; i < count; i++)
        {
            int offset = _names[i];
            if (AsciiCase.ToLower(written[offset]) == suffix[0] && NameCodec.EqualsAt(written, offset, suffix))
            {
                return offset;
            }
        }

        return -1;
    }

    [InlineArray(Capacity)]
    private struct CompressionTable
    {
        public const int Capacity = 128;

        private ushort _element;
    }
}
