using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dnssec.Wire;

/// <summary>A whole DNS message as objects: header fields, the question, the three record sections and EDNS(0).</summary>
public sealed class DnsMessage
{
    /// <summary>Creates an empty message.</summary>
    public DnsMessage()
    {
        Questions = [];
        Answers = [];
        Authorities = [];
        Additionals = [];
    }

    /// <summary>Creates an empty message whose lists have room for the given numbers of entries.</summary>
    private DnsMessage(int questions, int answers, int authorities, int additionals)
    {
        Questions = new List<DnsQuestion>(questions);
        Answers = new List<DnsRecord>(answers);
        Authorities = new List<DnsRecord>(authorities);
        Additionals = new List<DnsRecord>(additionals);
    }

    /// <summary>The message ID.</summary>
    public ushort Id { get; set; }

    /// <summary>The single-bit header flags.</summary>
    public DnsHeaderFlags Flags { get; set; }

    /// <summary>The kind of query.</summary>
    public DnsOpCode OpCode { get; set; }

    /// <summary>The full 12-bit response code; values above 15 need <see cref="Edns"/> to carry their upper bits.</summary>
    public DnsResponseCode ResponseCode { get; set; }

    /// <summary>The question section.</summary>
    public List<DnsQuestion> Questions { get; }

    /// <summary>The answer section.</summary>
    public List<DnsRecord> Answers { get; }

    /// <summary>The authority section.</summary>
    public List<DnsRecord> Authorities { get; }

    /// <summary>The additional section, without the OPT pseudo-record.</summary>
    public List<DnsRecord> Additionals { get; }

    /// <summary>The EDNS(0) pseudo-record, or null when the message has none.</summary>
    public EdnsRecord? Edns { get; set; }

    /// <summary>Whether the message is a response.</summary>
    public bool IsResponse => (Flags & DnsHeaderFlags.Response) != 0;

    /// <summary>Builds a query for one name and type, with EDNS(0) and the DO bit when <paramref name="dnssecOk"/> is set.</summary>
    public static DnsMessage CreateQuery(ushort id, DnsName name, RecordType type, DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired, bool dnssecOk = true)
    {
        var message = new DnsMessage { Id = id, Flags = flags };
        message.Questions.Add(new DnsQuestion(name, type));
        message.Edns = new EdnsRecord { DnssecOk = dnssecOk };
        return message;
    }

    /// <summary>Parses a whole message, decompressing names; the result does not refer to <paramref name="message"/>.</summary>
    /// <exception cref="DnsFormatException">The message is malformed; the exception names the field and offset.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> message)
    {
        List<DroppedRecord>? dropped = null;
        return Parse(message, scrub: false, ref dropped);
    }

    /// <summary>
    /// Parses a response as a resolver should, scrubbing it as Unbound's parser and scrubber do: a record whose RDATA
    /// does not fit its type (a wrong length, a bad name inside, a bad type bitmap, SVCB keys out of order …) is left
    /// out and listed in <paramref name="dropped"/>, and the rest is kept. EDNS options are read while whole; one cut
    /// short ends them, and an Extended DNS Error without its INFO-CODE is left out. The OPT owner is not checked.
    /// </summary>
    /// <remarks>
    /// The header, the questions and the framing of every record (owner name, type, class, TTL and an RDLENGTH inside
    /// the message) must be sound, or the message is refused as a whole: once the framing breaks, where the records
    /// after it begin is unknown, and keeping only what came before would cut sections short silently, which only TC
    /// may say (RFC 1035 §4.1.1). The one exception, as in BIND and Unbound, is a single additional record promised
    /// where the message ends, read as a response without EDNS(0).
    /// Leaving a record out of an RRset leaves the RRset without it; an RRSIG over the whole RRset then fails to
    /// verify over the part (RFC 4034 §3.1.8.1), so the validator calls it Bogus, never Secure.
    /// </remarks>
    /// <exception cref="DnsFormatException">The header, a question or the framing of a record is malformed, or OPT is misplaced or repeated.</exception>
    public static DnsMessage ParseScrubbed(ReadOnlySpan<byte> message, out IReadOnlyList<DroppedRecord> dropped)
    {
        List<DroppedRecord>? list = null;
        DnsMessage result = Parse(message, scrub: true, ref list);
        dropped = list is null ? [] : list;
        return result;
    }

    private static DnsMessage Parse(ReadOnlySpan<byte> message, bool scrub, ref List<DroppedRecord>? dropped)
    {
        // One copy of the input lets records without compressed names share it instead of copying their RDATA.
        byte[] owned = message.ToArray();
        var reader = new DnsMessageReader(owned, scrub);
        DnsHeader header = reader.Header;

        // The counts are untrusted: room for more entries than the octets could hold is never reserved.
        int room = (owned.Length - DnsHeader.Size) / MinimumRecordSize;
        var result = new DnsMessage(
            Math.Min(header.QuestionCount, room),
            Math.Min(header.AnswerCount, room),
            Math.Min(header.AuthorityCount, room),
            Math.Min(header.AdditionalCount, room))
        {
            Id = header.Id,
            Flags = header.Flags,
            OpCode = header.OpCode,
        };

        var names = new NameCache(owned);
        while (reader.ReadQuestion(out DnsQuestionView question))
        {
            result.Questions.Add(new DnsQuestion(names.Get(question.NameOffset), question.Type, question.Class));
        }

        byte extendedResponseCode = 0;
        while (reader.ReadRecord(out DnsRecordView view))
        {
            if (view.IsMalformed)
            {
                WireFault fault = view.Fault;
                (dropped ??= []).Add(new DroppedRecord(view.Section, names.Get(view.OwnerOffset), view.Type, fault.Offset, fault.Error, fault.Describe()));
                continue;
            }

            if (view.Type == RecordType.OPT)
            {
                EdnsView edns = view.AsEdns();
                extendedResponseCode = edns.ExtendedResponseCode;
                result.Edns = EdnsRecord.FromView(edns, view.DataOffset, ref dropped);
                continue;
            }

            ReadOnlyMemory<byte> data;
            if (view.IsCompressed)
            {
                byte[] expanded = new byte[view.ExpandedDataLength];
                view.CopyDataTo(expanded);
                data = expanded;
            }
            else
            {
                data = new ReadOnlyMemory<byte>(owned, view.DataOffset, view.DataLength);
            }

            var record = new DnsRecord(names.Get(view.OwnerOffset), view.Type, view.Class, view.Ttl, data, trusted: true);
            List<DnsRecord> list = view.Section switch
            {
                DnsSection.Answer => result.Answers,
                DnsSection.Authority => result.Authorities,
                _ => result.Additionals,
            };
            list.Add(record);
        }

        result.ResponseCode = (DnsResponseCode)((extendedResponseCode << 4) | header.ResponseCode);
        return result;
    }

    /// <summary>
    /// Writes the message with name compression into <paramref name="output"/>, at most <paramref name="maxSize"/> octets.
    /// When the answer or authority section does not fit, TC is set and the rest is left out; additional records that do
    /// not fit are left out without TC (RFC 2181 §9). The OPT record is always kept.
    /// </summary>
    /// <returns>The number of octets written.</returns>
    /// <exception cref="InvalidOperationException">The response code needs EDNS(0) and there is none, or <paramref name="maxSize"/> cannot hold the header and question.</exception>
    public int WriteTo(IBufferWriter<byte> output, int maxSize = ushort.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (maxSize < DnsHeader.Size)
        {
            throw new InvalidOperationException($"A {maxSize}-octet message cannot hold the header.");
        }

        if ((int)ResponseCode > 0x0F && Edns is null)
        {
            throw new InvalidOperationException($"Response code {ResponseCode} needs an EDNS(0) record to carry its upper bits.");
        }

        int limit = Math.Min(Math.Min(maxSize, ushort.MaxValue), UpperBoundSize());
        Span<byte> buffer = output.GetSpan(limit)[..limit];
        var writer = new DnsMessageWriter(buffer, new DnsHeader(Id, Flags, OpCode, (byte)((int)ResponseCode & 0x0F)));
        foreach (DnsQuestion question in Questions)
        {
            if (!writer.TryWriteQuestion(question.Name, question.Type, question.Class))
            {
                throw new InvalidOperationException($"A {maxSize}-octet message cannot hold the question section.");
            }
        }

        // Keep room for OPT so that a truncated response still tells the client about EDNS(0).
        writer.Limit = Math.Max(writer.Length, limit - (Edns?.WireSize ?? 0));
        bool truncated = !WriteSection(ref writer, DnsSection.Answer, Answers)
            || !WriteSection(ref writer, DnsSection.Authority, Authorities);
        if (truncated)
        {
            writer.AddFlags(DnsHeaderFlags.Truncated);
        }
        else
        {
            WriteSection(ref writer, DnsSection.Additional, Additionals);
        }

        writer.Limit = limit;
        if (Edns is not null && !writer.TryWriteEdns(Edns, ResponseCode))
        {
            throw new InvalidOperationException($"A {maxSize}-octet message cannot hold the OPT record.");
        }

        int length = writer.Finish();
        output.Advance(length);
        return length;
    }

    /// <summary>Writes the message, uncompressed parts compressed as <see cref="WriteTo"/> does, into a new array.</summary>
    public byte[] ToArray(int maxSize = ushort.MaxValue)
    {
        // At least a header's worth, so that a maxSize too small for one is reported by WriteTo.
        var output = new ArrayBufferWriter<byte>(Math.Max(DnsHeader.Size, Math.Min(UpperBoundSize(), maxSize)));
        WriteTo(output, maxSize);
        return output.WrittenSpan.ToArray();
    }

    private static bool WriteSection(ref DnsMessageWriter writer, DnsSection section, List<DnsRecord> records)
    {
        foreach (DnsRecord record in records)
        {
            if (!writer.TryWriteRecord(section, record))
            {
                return false;
            }
        }

        return true;
    }

    private int UpperBoundSize()
    {
        int size = DnsHeader.Size + (Edns?.WireSize ?? 0);
        foreach (DnsQuestion question in Questions)
        {
            size += question.Name.WireLength + 4;
        }

        foreach (List<DnsRecord> section in (ReadOnlySpan<List<DnsRecord>>)[Answers, Authorities, Additionals])
        {
            foreach (DnsRecord record in section)
            {
                // A later owner of an RRset is written as a pointer, which is one octet longer than the root name.
                size += Math.Max(record.Owner.WireLength, 2) + 10 + record.Data.Length;
            }
        }

        return Math.Min(size, ushort.MaxValue);
    }

    /// <summary>The smallest record: a root owner and the ten octets of type, class, TTL and RDLENGTH.</summary>
    private const int MinimumRecordSize = 11;

    /// <summary>
    /// Reuses one <see cref="DnsName"/> for every pointer to the same place, which is how responses repeat the question
    /// name. It lives on the stack, and reads only names that the message reader has already checked.
    /// </summary>
    private struct NameCache(byte[] message)
    {
        private const int Size = 8;
        private Entries _entries;
        private int _count;

        public DnsName Get(int offset)
        {
            int key = offset;
            if ((message[offset] & 0xC0) == 0xC0)
            {
                key = ((message[offset] & 0x3F) << 8) | message[offset + 1];
            }

            for (int i = 0; i < _count; i++)
            {
                if (_entries[i].Offset == key)
                {
                    return _entries[i].Name;
                }
            }

            DnsName name = NameCodec.ReadChecked(message, offset);
            _entries[_count < Size ? _count++ : (key % Size)] = (key, name);
            return name;
        }

        [InlineArray(Size)]
        private struct Entries
        {
            private (int Offset, DnsName Name) _element;
        }
    }
}
