using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Queries for encrypted transports: EDNS(0) with an empty edns-tcp-keepalive option, so the server may say how long it
/// keeps the connection (RFC 7828 §3.2.1), and a Padding option that brings the message to a multiple of 128 octets
/// (RFC 7830, the block-length policy of RFC 8467 §4.1), so that the length on the wire says little about the name asked.
/// </summary>
internal static class PaddedQuery
{
    /// <summary>The block length of RFC 8467 §4.1 for queries.</summary>
    public const int BlockLength = 128;

    private const int OptionHeader = 4;

    /// <summary>The query with ID <paramref name="id"/>; without EDNS(0) (<see cref="QueryOptions.UseEdns"/> off) it cannot be padded and is sent as is.</summary>
    public static byte[] Build(ushort id, DnsQuestion question, QueryOptions options)
    {
        if (!options.UseEdns)
        {
            return DnsTransport.BuildQuery(id, question, options);
        }

        EdnsRecord edns = DnsTransport.Edns(options);
        edns.Options.Add(new EdnsOption(EdnsOptionCode.TcpKeepalive, ReadOnlyMemory<byte>.Empty));
        int unpadded = DnsHeader.Size + question.Name.WireLength + 4 + edns.WireSize + OptionHeader;
        int padding = (BlockLength - (unpadded % BlockLength)) % BlockLength;
        // RFC 7830 §4: the padding octets SHOULD be zero.
        edns.Options.Add(new EdnsOption(EdnsOptionCode.Padding, new byte[padding]));
        return DnsTransport.BuildQuery(id, question, options, edns);
    }

    /// <summary>
    /// The idle time the server allows, from the edns-tcp-keepalive option of its response (units of 100 ms, RFC 7828
    /// §3.1); null when the response carries none or a malformed one.
    /// </summary>
    public static TimeSpan? Keepalive(DnsMessage response)
    {
        if (response.Edns is not { } edns)
        {
            return null;
        }

        foreach (EdnsOption option in edns.Options)
        {
            if (option.Code == EdnsOptionCode.TcpKeepalive && option.Data.Length == 2)
            {
                ReadOnlySpan<byte> data = option.Data.Span;
                return TimeSpan.FromMilliseconds(((data[0] << 8) | data[1]) * 100);
            }
        }

        return null;
    }
}
