using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>
/// Writes a message without name compression, with raw records added to any section and, where asked, a record's
/// RDATA replaced: the writer refuses RDATA that does not fit its type, and tests need such records among good ones.
/// Without compression, every record can be changed or added without moving a pointer target.
/// </summary>
internal sealed class UncompressedMessage(DnsMessage message)
{
    private readonly List<(DnsSection Section, DnsName Owner, RecordType Type, uint Ttl, byte[] Data)> _extra = [];
    private readonly Dictionary<DnsRecord, byte[]> _replaced = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds a record with any RDATA at the end of <paramref name="section"/>.</summary>
    public UncompressedMessage Add(DnsSection section, string owner, RecordType type, params byte[] data)
    {
        _extra.Add((section, DnsName.Parse(owner), type, 3600, data));
        return this;
    }

    /// <summary>Writes <paramref name="data"/> as the RDATA of <paramref name="record"/>, one of the message's records.</summary>
    public UncompressedMessage Replace(DnsRecord record, params byte[] data)
    {
        _replaced[record] = data;
        return this;
    }

    /// <summary>The offset of the RDATA of the first record added with <see cref="Add"/>, as of the last <see cref="ToArray"/>.</summary>
    public int AddedDataOffset { get; private set; } = -1;

    public byte[] ToArray()
    {
        AddedDataOffset = -1;
        var sections = new[] { (DnsSection.Answer, message.Answers), (DnsSection.Authority, message.Authorities), (DnsSection.Additional, message.Additionals) };
        int Count(DnsSection section, List<DnsRecord> records) => records.Count + _extra.Count(e => e.Section == section);
        byte[] compressed = message.ToArray();
        int flagsWord = (compressed[2] << 8) | compressed[3];
        var builder = new WireBuilder().Header(
            message.Id,
            flagsWord,
            message.Questions.Count,
            Count(DnsSection.Answer, message.Answers),
            Count(DnsSection.Authority, message.Authorities),
            Count(DnsSection.Additional, message.Additionals) + (message.Edns is null ? 0 : 1));
        foreach (DnsQuestion question in message.Questions)
        {
            builder.Bytes(question.Name.WireForm).U16((int)question.Type).U16((int)question.Class);
        }

        foreach ((DnsSection section, List<DnsRecord> records) in sections)
        {
            foreach (DnsRecord record in records)
            {
                byte[] data = _replaced.TryGetValue(record, out byte[]? replacement) ? replacement : record.Data.ToArray();
                builder.Bytes(record.Owner.WireForm).Fixed(record.Type, data.Length, record.Class, record.Ttl).Bytes(data);
            }

            foreach (var extra in _extra.Where(e => e.Section == section))
            {
                builder.Bytes(extra.Owner.WireForm).Fixed(extra.Type, extra.Data.Length, RecordClass.IN, extra.Ttl);
                AddedDataOffset = AddedDataOffset < 0 ? builder.Length : AddedDataOffset;
                builder.Bytes(extra.Data);
            }
        }

        if (message.Edns is { } edns)
        {
            uint ttl = ((uint)((int)message.ResponseCode >> 4) << 24) | ((uint)edns.Version << 16) | (edns.DnssecOk ? EdnsRecord.DnssecOkFlag : 0u) | edns.OtherFlags;
            byte[] options = [.. edns.Options.SelectMany(o => WireBuilder.Option((int)o.Code, o.Data.Span))];
            builder.Opt(edns.UdpPayloadSize, ttl, options);
        }

        return builder.ToArray();
    }
}
