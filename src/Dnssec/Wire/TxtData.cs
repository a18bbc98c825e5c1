using System.Text;

namespace Dnssec.Wire;

/// <summary>The RDATA of TXT and SPF: one or more character strings of up to 255 octets (RFC 1035 §3.3.14).</summary>
public readonly struct TxtData
{
    private readonly ReadOnlyMemory<byte> _data;

    private TxtData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The character strings in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Strings
    {
        get
        {
            var strings = new List<ReadOnlyMemory<byte>>();
            ReadOnlySpan<byte> span = _data.Span;
            int position = 0;
            while (position < span.Length)
            {
                strings.Add(_data.Slice(position + 1, span[position]));
                position += 1 + span[position];
            }

            return strings;
        }
    }

    /// <summary>The strings joined without separators and decoded as UTF-8, as SPF, DKIM and DMARC read them.</summary>
    public string JoinedText
    {
        get
        {
            var builder = new StringBuilder();
            foreach (ReadOnlyMemory<byte> text in Strings)
            {
                builder.Append(Encoding.UTF8.GetString(text.Span));
            }

            return builder.ToString();
        }
    }

    /// <summary>Reads the RDATA of a TXT or SPF record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static TxtData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.TXT, RecordType.SPF);
        return new TxtData(record.Data);
    }

    /// <summary>Encodes strings, each UTF-8 and at most 255 octets, as TXT RDATA.</summary>
    /// <exception cref="ArgumentException">No string was given, or one is over 255 octets.</exception>
    public static byte[] Encode(params IEnumerable<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var builder = new RecordDataBuilder();
        int count = 0;
        foreach (string text in strings)
        {
            builder.CharacterString(Encoding.UTF8.GetBytes(text));
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("TXT RDATA holds at least one string.", nameof(strings));
        }

        return builder.ToArray();
    }
}
