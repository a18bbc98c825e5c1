using System.Net;
using System.Net.Sockets;

namespace Dnssec.Wire;

/// <summary>The RDATA of an A or AAAA record: one IPv4 or IPv6 address (RFC 1035 §3.4.1, RFC 3596).</summary>
public readonly struct AddressData
{
    private readonly ReadOnlyMemory<byte> _data;

    private AddressData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The address.</summary>
    public IPAddress Address => new(_data.Span);

    /// <summary>Reads the RDATA of an A or AAAA record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static AddressData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.A, RecordType.AAAA);
        return new AddressData(record.Data);
    }

    /// <summary>Encodes an address as A (IPv4) or AAAA (IPv6) RDATA.</summary>
    public static byte[] Encode(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.GetAddressBytes();
    }

    /// <summary>The record type that carries <paramref name="address"/>.</summary>
    public static RecordType TypeFor(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? RecordType.AAAA : RecordType.A;
    }
}
