namespace Dnssec.Wire;

/// <summary>The RDATA of a NAPTR record (RFC 3403 §4.1).</summary>
public readonly struct NaptrData
{
    private readonly ReadOnlyMemory<byte> _data;

    private NaptrData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The order in which records must be processed.</summary>
    public ushort Order => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The preference among records of equal order.</summary>
    public ushort Preference => RecordDataReader.UInt16(_data.Span, 2);

    /// <summary>The flags string.</summary>
    public ReadOnlyMemory<byte> Flags => String(0);

    /// <summary>The services string.</summary>
    public ReadOnlyMemory<byte> Services => String(1);

    /// <summary>The substitution expression.</summary>
    public ReadOnlyMemory<byte> Regexp => String(2);

    /// <summary>The replacement name.</summary>
    public DnsName Replacement
    {
        get
        {
            ReadOnlySpan<byte> span = _data.Span;
            int position = 4;
            for (int i = 0; i < 3; i++)
            {
                position += 1 + span[position];
            }

            return RecordDataReader.Name(span, position, out _);
        }
    }

    /// <summary>Reads the RDATA of a NAPTR record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static NaptrData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.NAPTR);
        return new NaptrData(record.Data);
    }

    /// <summary>Encodes NAPTR RDATA.</summary>
    public static byte[] Encode(ushort order, ushort preference, ReadOnlySpan<byte> flags, ReadOnlySpan<byte> services, ReadOnlySpan<byte> regexp, DnsName replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return new RecordDataBuilder().UInt16(order).UInt16(preference)
            .CharacterString(flags).CharacterString(services).CharacterString(regexp).Name(replacement).ToArray();
    }

    private ReadOnlyMemory<byte> String(int index)
    {
        ReadOnlySpan<byte> span = _data.Span;
        int position = 4;
        for (int i = 0; i < index; i++)
        {
            position += 1 + span[position];
        }

        return _data.Slice(position + 1, span[position]);
    }
}
