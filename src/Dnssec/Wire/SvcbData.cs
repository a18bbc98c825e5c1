namespace Dnssec.Wire;

/// <summary>The RDATA of SVCB and HTTPS (RFC 9460 §2.2): priority, target and service parameters.</summary>
public readonly struct SvcbData
{
    private readonly ReadOnlyMemory<byte> _data;

    private SvcbData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The priority; 0 means alias mode.</summary>
    public ushort Priority => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>Whether this is an alias-mode record (priority 0).</summary>
    public bool IsAliasMode => Priority == 0;

    /// <summary>The target name; the root means the owner itself.</summary>
    public DnsName TargetName => RecordDataReader.Name(_data.Span, 2, out _);

    /// <summary>The service parameters as key and value, in increasing key order.</summary>
    public IReadOnlyList<KeyValuePair<ushort, ReadOnlyMemory<byte>>> Parameters
    {
        get
        {
            var parameters = new List<KeyValuePair<ushort, ReadOnlyMemory<byte>>>();
            ReadOnlySpan<byte> span = _data.Span;
            int position = 2 + RecordDataReader.NameLength(span, 2);
            while (position < span.Length)
            {
                ushort key = RecordDataReader.UInt16(span, position);
                int length = RecordDataReader.UInt16(span, position + 2);
                parameters.Add(new(key, _data.Slice(position + 4, length)));
                position += 4 + length;
            }

            return parameters;
        }
    }

    /// <summary>Reads the RDATA of an SVCB or HTTPS record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static SvcbData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.SVCB, RecordType.HTTPS);
        return new SvcbData(record.Data);
    }

    /// <summary>Encodes SVCB RDATA; parameters are sorted by key.</summary>
    /// <exception cref="ArgumentException">A key appears twice.</exception>
    public static byte[] Encode(ushort priority, DnsName targetName, IEnumerable<KeyValuePair<ushort, ReadOnlyMemory<byte>>> parameters)
    {
        ArgumentNullException.ThrowIfNull(targetName);
        ArgumentNullException.ThrowIfNull(parameters);
        var sorted = new SortedDictionary<ushort, ReadOnlyMemory<byte>>();
        foreach (KeyValuePair<ushort, ReadOnlyMemory<byte>> parameter in parameters)
        {
            if (!sorted.TryAdd(parameter.Key, parameter.Value))
            {
                throw new ArgumentException($"Service parameter key {parameter.Key} appears twice.", nameof(parameters));
            }
        }

        var builder = new RecordDataBuilder().UInt16(priority).Name(targetName);
        foreach (KeyValuePair<ushort, ReadOnlyMemory<byte>> parameter in sorted)
        {
            builder.UInt16(parameter.Key).UInt16((ushort)parameter.Value.Length).Bytes(parameter.Value.Span);
        }

        return builder.ToArray();
    }
}
