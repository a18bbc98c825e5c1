using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dnssec.Wire;

/// <summary>
/// Writes a DNS message into a span, section by section, compressing names where RFC 3597 §4 allows; it allocates
/// nothing. The <c>TryWrite</c> methods return false, leaving the message as it was, when the span is full.
/// </summary>
/// <remarks>
/// Names are compressed the way BIND 9.18 compresses them (lib/dns/compress.c, name.c and rdataset.c), so that a
/// response read from BIND is written back octet for octet:
/// <list type="bullet">
/// <item>every name written becomes a pointer target, including the names in RDATA that may not be compressed
/// themselves, such as the RRSIG signer, the NSEC next name, the SRV target and the DNAME target (RFC 3597 §4 forbids
/// pointers from those names, not pointers to them);</item>
/// <item>a name is looked for whole, then without its first label, and no shorter suffix is tried; of the labels
/// written out in full, only the first two start new targets;</item>
/// <item>names match case-sensitively, as BIND matches them in responses, so a pointer never changes the case that a
/// reader sees, and the most recently written match wins;</item>
/// <item>the owners of the second and later records of an RRset point where the first record's owner is.</item>
/// </list>
/// Up to 1024 targets are kept (BIND keeps all); names after that are still written, only not pointed at.
/// </remarks>
public ref struct DnsMessageWriter
{
    private const int PointerLimit = 0x4000;

    /// <summary>BIND tries two suffixes of a name, and of a prefix it writes out, adds two suffixes as targets.</summary>
    private const int SuffixesPerName = 2;

    private readonly Span<byte> _buffer;
    private DnsHeader _header;
    private int _position;
    private DnsSection _section;
    private CompressionTable _names;
    private int _nameCount;
    private int _limit;
    private RrsetOwner _previous;

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
        if (!TryWriteName(name.WireForm, compress: true, out _) || !TryReserve(4, out Span<byte> fixedPart))
        {
            Rollback(start, savedNames, _previous, _section);
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
        DnsSection savedSection = _section;
        EnterSection(section);
        int start = _position;
        int savedNames = _nameCount;
        RrsetOwner saved = _previous;
        ushort covered = type == RecordType.RRSIG && data.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data) : (ushort)0;
        var rrset = new RrsetOwner(start, 0, section, type, @class, covered);
        int pointer;
        bool ownerWritten;
        if (IsSameRrset(rrset, owner.WireForm))
        {
            // BIND's towiresorted() points each later owner of an RRset at the first one, without looking it up.
            pointer = _previous.Pointer;
            ownerWritten = TryWritePointer(pointer);
        }
        else
        {
            ownerWritten = TryWriteName(owner.WireForm, compress: true, out pointer);
        }

        if (!ownerWritten || !TryReserve(10, out Span<byte> fixedPart))
        {
            Rollback(start, savedNames, saved, savedSection);
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[2..], (ushort)@class);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[4..], ttl);
        int dataStart = _position;
        if (!TryWriteData(type, data))
        {
            Rollback(start, savedNames, saved, savedSection);
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[8..], (ushort)(_position - dataStart));
        CountRecord(section);
        _previous = rrset with { Pointer = pointer };
        return true;
    }

    /// <summary>Appends the OPT record to the additional section, carrying the upper bits of <paramref name="extendedResponseCode"/>.</summary>
    public bool TryWriteEdns(EdnsRecord edns, DnsResponseCode extendedResponseCode = DnsResponseCode.NoError)
    {
        ArgumentNullException.ThrowIfNull(edns);
        DnsSection savedSection = _section;
        EnterSection(DnsSection.Additional);
        int start = _position;
        if (!TryReserve(edns.WireSize, out Span<byte> span))
        {
            Rollback(start, _nameCount, _previous, savedSection);
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
        _previous = default;
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

    /// <summary>Undoes a write that did not fit, section included, so that a failed write leaves no trace.</summary>
    private void Rollback(int position, int nameCount, RrsetOwner previous, DnsSection section)
    {
        _position = position;
        _nameCount = nameCount;
        _previous = previous;
        _section = section;
    }

    private readonly bool IsSameRrset(RrsetOwner next, ReadOnlySpan<byte> owner) =>
        _previous.Offset != 0 &&
        _previous.Pointer < PointerLimit &&
        _previous.Section == next.Section &&
        _previous.Type == next.Type &&
        _previous.Class == next.Class &&
        _previous.Covered == next.Covered &&
        EqualsExactly(_buffer[.._position], _previous.Offset, owner);

    private bool TryWritePointer(int target)
    {
        if (!TryReserve(2, out Span<byte> pointer))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(pointer, (ushort)(0xC000 | target));
        return true;
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
                if (!TryWriteName(data.Slice(position, size), schema.CompressNames, out _))
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

    /// <summary>
    /// Writes <paramref name="name"/>, compressed when <paramref name="compress"/> allows it, and records where it
    /// can be pointed at; <paramref name="pointer"/> is where the whole name now starts, for later owners of an RRset.
    /// </summary>
    private bool TryWriteName(ReadOnlySpan<byte> name, bool compress, out int pointer)
    {
        int start = _position;
        int prefixLength = name.Length - 1;
        int target = -1;
        if (compress)
        {
            // BIND 9.18 dns_compress_findglobal(): the whole name, then the name without its first label.
            int suffixStart = 0;
            for (int tried = 0; tried < SuffixesPerName && name[suffixStart] != 0; tried++)
            {
                target = FindTarget(name[suffixStart..]);
                if (target >= 0)
                {
                    prefixLength = suffixStart;
                    break;
                }

                suffixStart += 1 + name[suffixStart];
            }
        }

        pointer = start;
        if (target < 0)
        {
            if (!TryReserve(name.Length, out Span<byte> whole))
            {
                return false;
            }

            name.CopyTo(whole);
        }
        else
        {
            if (!TryReserve(prefixLength + 2, out Span<byte> span))
            {
                return false;
            }

            name[..prefixLength].CopyTo(span);
            BinaryPrimitives.WriteUInt16BigEndian(span[prefixLength..], (ushort)(0xC000 | target));
            if (prefixLength == 0)
            {
                pointer = target;
            }
        }

        AddTargets(name, start, prefixLength);
        return true;
    }

    /// <summary>BIND 9.18 dns_compress_add(): the first two labels written out in full start targets, whether or not the name could be compressed.</summary>
    private void AddTargets(ReadOnlySpan<byte> name, int start, int prefixLength)
    {
        int position = 0;
        for (int added = 0; added < SuffixesPerName && position < prefixLength; added++)
        {
            int offset = start + position;
            if (offset >= PointerLimit || _nameCount == CompressionTable.Capacity)
            {
                return;
            }

            _names[_nameCount++] = (ushort)offset;
            position += 1 + name[position];
        }
    }

    /// <summary>The most recently written target that spells <paramref name="suffix"/> exactly, case included; -1 if none.</summary>
    private readonly int FindTarget(ReadOnlySpan<byte> suffix)
    {
        ReadOnlySpan<byte> written = _buffer[.._position];
        for (int i = _nameCount - 1; i >= 0; i--)
        {
            int offset = _names[i];
            if (written[offset] == suffix[0] && written[offset + 1] == suffix[1] && EqualsExactly(written, offset, suffix))
            {
                return offset;
            }
        }

        return -1;
    }

    /// <summary>Whether the name this writer wrote at <paramref name="offset"/> is <paramref name="expected"/>, octet for octet.</summary>
    private static bool EqualsExactly(ReadOnlySpan<byte> written, int offset, ReadOnlySpan<byte> expected)
    {
        int position = offset;
        int compared = 0;
        while (true)
        {
            byte length = written[position];
            if ((length & 0xC0) == 0xC0)
            {
                position = BinaryPrimitives.ReadUInt16BigEndian(written[position..]) & 0x3FFF;
                continue;
            }

            int size = length + 1;
            if (compared + size > expected.Length || !written.Slice(position, size).SequenceEqual(expected.Slice(compared, size)))
            {
                return false;
            }

            compared += size;
            if (length == 0)
            {
                return compared == expected.Length;
            }

            position += size;
        }
    }

    /// <summary>The owner of the record written last, so that the next record of the same RRset can point at it.</summary>
    /// <param name="Offset">Where the owner was written; 0 (inside the header) when there is none.</param>
    /// <param name="Pointer">Where later owners of the RRset point: the owner itself, or the name it pointed to whole.</param>
    /// <param name="Section">The section of the record.</param>
    /// <param name="Type">The record type.</param>
    /// <param name="Class">The record class.</param>
    /// <param name="Covered">For RRSIG, the type covered, since BIND keeps signatures over each type apart.</param>
    private readonly record struct RrsetOwner(int Offset, int Pointer, DnsSection Section, RecordType Type, RecordClass Class, ushort Covered);

    /// <summary>Offsets of the labels that names may point to, oldest first.</summary>
    [InlineArray(Capacity)]
    private struct CompressionTable
    {
        /// <summary>BIND keeps every target; 1024 covers the two per name of any realistic message below the 16 KiB pointer limit.</summary>
        public const int Capacity = 1024;

        private ushort _element;
    }
}
