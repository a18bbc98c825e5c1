using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>
/// The path of a repeated question: the query read in place, its response found in <see cref="ResponseCache"/> and
/// copied out stamped, and the datagram step of the UDP loops, none of which allocates.
/// </summary>
public sealed partial class DnsServer
{
    private static readonly KeyValuePair<string, object?> UdpTag = new("protocol", "udp");
    private static readonly KeyValuePair<string, object?> TcpTag = new("protocol", "tcp");
    private static readonly KeyValuePair<string, object?> NotAQueryTag = new("reason", "not_a_query");
    private static readonly KeyValuePair<string, object?> RateLimitTag = new("reason", "rate_limit");

    /// <summary>The octets the cached responses count for now.</summary>
    internal long ResponseCacheSize => _cache.Size;

    /// <summary>How many responses are cached, fresh or not.</summary>
    internal int ResponseCacheCount => _cache.Count;

    /// <summary>How many times the resolver has emptied its cache; entries kept at another count are not sent.</summary>
    private long Generation => _generations?.AnswerCacheGeneration ?? 0;

    private static KeyValuePair<string, object?> ProtocolTag(TransportProtocol protocol) => protocol == TransportProtocol.Udp ? UdpTag : TcpTag;

    /// <summary>
    /// The synchronous step of the UDP loops for one datagram from <paramref name="client"/>: the checks before reading
    /// it, then the cache. <see cref="DatagramStep.Answered"/> leaves the response in <paramref name="response"/>; the
    /// other steps leave the rest to <see cref="ResolveAndAnswerAsync"/> or <see cref="Refuse"/>.
    /// </summary>
    internal DatagramStep AnswerDatagram(ReadOnlySpan<byte> query, SocketAddress client, ClientEndPoints endPoints, long started, Span<byte> response, out int written)
    {
        written = 0;
        bool loopback = IsLoopback(client);
        // The address as an object only when it must be looked at: the allowed networks, or a client's rate.
        IPAddress? address = loopback && !_limiter.IsEnabled ? null : endPoints.Get(client).Address;
        switch (Admit(query, loopback, address, TransportProtocol.Udp))
        {
            case Admission.Dropped:
                return DatagramStep.Dropped;
            case Admission.Refused:
                return DatagramStep.Refused;
        }

        CachedResponse? hit = FindCached(query, TransportProtocol.Udp, out long now);
        if (hit is null || hit.Length > response.Length)
        {
            return DatagramStep.Resolve;
        }

        written = SendCached(hit, query, response, TransportProtocol.Udp, started, now);
        return DatagramStep.Answered;
    }

    /// <summary>The fresh cached response to <paramref name="query"/>, if the query is one the cache answers and one is held; <paramref name="now"/> is the time it was judged by.</summary>
    private CachedResponse? FindCached(ReadOnlySpan<byte> query, TransportProtocol protocol, out long now)
    {
        now = 0;
        if (!_cache.IsEnabled)
        {
            return null;
        }

        Span<byte> key = stackalloc byte[ResponseCache.MaximumKeyLength];
        if (!TryReadKey(query, protocol, key, out int keyLength))
        {
            return null;
        }

        now = _time.GetTimestamp();
        return _cache.Find(key[..keyLength], now, Generation);
    }

    /// <summary>Writes <paramref name="hit"/> for <paramref name="query"/> into <paramref name="response"/>, counts it, and returns its length.</summary>
    private int SendCached(CachedResponse hit, ReadOnlySpan<byte> query, Span<byte> response, TransportProtocol protocol, long started, long now)
    {
        // The key held an uncompressed question name right after the header, so the query's own octets are the name.
        int written = hit.WriteTo(response, (ushort)((query[0] << 8) | query[1]), query[DnsHeader.Size..], now);
        _responses.Add(1, hit.Tags);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, ProtocolTag(protocol));
        return written;
    }

    /// <summary>
    /// Reads the cache key of a query in place. False for every query the cache does not answer, which then takes the
    /// full path with its exact responses: anything malformed or with octets after its end, an opcode other than
    /// QUERY, EDNS above version 0, other than one question with empty answer and authority sections, a compressed
    /// question name, a type or class not resolved, and CD, whose answers are never kept (RFC 4035 §3.2.2).
    /// </summary>
    private bool TryReadKey(ReadOnlySpan<byte> query, TransportProtocol protocol, Span<byte> key, out int keyLength)
    {
        keyLength = 0;
        ushort flags = (ushort)((query[2] << 8) | query[3]);
        bool singleQuestion = query[4] == 0 && query[5] == 1 && query[6] == 0 && query[7] == 0 && query[8] == 0 && query[9] == 0;
        if (((flags >> 11) & 0x0F) != (int)DnsOpCode.Query || !singleQuestion || (flags & (ushort)DnsHeaderFlags.CheckingDisabled) != 0)
        {
            return false;
        }

        int end = DnsHeader.Size;
        while (end < query.Length && query[end] is > 0 and < 64)
        {
            end += query[end] + 1;
        }

        if (end >= query.Length || query[end] != 0)
        {
            return false;
        }

        int nameLength = end + 1 - DnsHeader.Size;
        try
        {
            var reader = new DnsMessageReader(query);
            reader.ReadQuestion(out DnsQuestionView question);
            if (question.Class != RecordClass.IN || question.Type is RecordType.OPT or RecordType.AXFR or RecordType.IXFR or MailA or MailB)
            {
                return false;
            }

            bool edns = reader.ReadToEnd(out EdnsView opt);
            if (reader.Position != query.Length || (edns && opt.Version > 0))
            {
                return false;
            }

            byte shape = (byte)(((flags & (ushort)DnsHeaderFlags.RecursionDesired) != 0 ? ResponseCache.RecursionDesired : 0)
                | ((flags & (ushort)DnsHeaderFlags.AuthenticData) != 0 ? ResponseCache.AuthenticData : 0)
                | (edns ? ResponseCache.Edns : 0)
                | (edns && opt.DnssecOk ? ResponseCache.DnssecOk : 0));
            keyLength = ResponseCache.WriteKey(key, query.Slice(DnsHeader.Size, nameLength), question.Type, shape, MaximumSize(edns ? opt.UdpPayloadSize : null, protocol));
            return true;
        }
        catch (DnsFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Keeps the response to a query the cache answers, when the answer may be kept, and returns it as sent: encoded
    /// once, stamped for this query. Null when it is not kept; the caller then sends <paramref name="response"/> as it is.
    /// </summary>
    private byte[]? Keep(DnsMessage query, DnssecAnswer answer, DnsMessage response, TransportProtocol protocol, long generation, long started)
    {
        // An answer synthesised from kept denial records (RFC 8198) is made again in microseconds, and keeping one per
        // name of a random-subdomain flood would push the answers that are asked again out of the cache.
        if (!_cache.IsEnabled || query.Flags.HasFlag(DnsHeaderFlags.CheckingDisabled) || answer.Path == ResolutionPath.Synthesized)
        {
            return null;
        }

        DnsQuestion question = query.Questions[0];
        EdnsRecord? edns = query.Edns;
        byte shape = (byte)((query.Flags.HasFlag(DnsHeaderFlags.RecursionDesired) ? ResponseCache.RecursionDesired : 0)
            | (query.Flags.HasFlag(DnsHeaderFlags.AuthenticData) ? ResponseCache.AuthenticData : 0)
            | (edns is not null ? ResponseCache.Edns : 0)
            | (edns is { DnssecOk: true } ? ResponseCache.DnssecOk : 0));
        int maximumSize = MaximumSize(edns?.UdpPayloadSize, protocol);
        Span<byte> key = stackalloc byte[ResponseCache.MaximumKeyLength];
        int keyLength = ResponseCache.WriteKey(key, question.Name.WireForm, question.Type, shape, maximumSize);
        KeyValuePair<string, object?>[] tags =
        [
            new("rcode", response.ResponseCode.ToString()),
            new("status", answer.Status.ToString()),
            new("path", nameof(ResolutionPath.Cache)),
        ];
        long now = _time.GetTimestamp();
        CachedResponse? entry = _cache.Add(key[..keyLength].ToArray(), response, answer.Ttl, maximumSize, tags, now, _time.TimestampFrequency, generation);
        if (entry is null)
        {
            return null;
        }

        byte[] bytes = new byte[entry.Length];
        entry.WriteTo(bytes, query.Id, question.Name.WireForm, now);
        Count(response.ResponseCode, protocol, started, answer.Status, answer.Path);
        return bytes;
    }

    /// <summary>Whether <paramref name="client"/> is on loopback (127.0.0.0/8, ::1, or 127.0.0.0/8 mapped into IPv6), read from its octets.</summary>
    private static bool IsLoopback(SocketAddress client)
    {
        // The layouts of sockaddr_in and sockaddr_in6: the IPv4 address at octet 4, the IPv6 address at octet 8.
        ReadOnlySpan<byte> octets = client.Buffer.Span;
        if (client.Family == AddressFamily.InterNetwork)
        {
            return octets[4] == 127;
        }

        if (client.Family != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        ReadOnlySpan<byte> address = octets.Slice(8, 16);
        return address[..15].IndexOfAnyExcept((byte)0) < 0 ? address[15] == 1
            : address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF && address[12] == 127;
    }

    /// <summary>What a UDP loop does with a datagram after <see cref="AnswerDatagram"/>.</summary>
    internal enum DatagramStep
    {
        /// <summary>Send the response written.</summary>
        Answered,

        /// <summary>Send nothing.</summary>
        Dropped,

        /// <summary>Send REFUSED.</summary>
        Refused,

        /// <summary>Read the query whole and resolve it.</summary>
        Resolve,
    }
}
