using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>One query in, one response out: the checks a recursive server makes before it resolves, and the answer after.</summary>
public sealed partial class DnsServer
{
    /// <summary>
    /// Answers one query as received from <paramref name="client"/> over <paramref name="protocol"/>, and returns the
    /// response to send, or null when nothing should be sent: not a query, a rate-limited client, or a UDP query beyond
    /// the resolution cap. Everything the listeners do besides framing is here, so it can be exercised without sockets.
    /// <paramref name="query"/> is read only before the first wait: the UDP loops reuse its buffer for the next datagram.
    /// </summary>
    public ValueTask<byte[]?> AnswerAsync(ReadOnlyMemory<byte> query, IPEndPoint client, TransportProtocol protocol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        long started = Stopwatch.GetTimestamp();
        Admission admission = Admit(query.Span, loopback: false, client.Address, protocol);
        if (admission == Admission.Dropped)
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        if (admission == Admission.Refused)
        {
            return ValueTask.FromResult<byte[]?>(Refuse(query.Span, protocol, started));
        }

        CachedResponse? hit = FindCached(query.Span, protocol, out long now);
        if (hit is not null)
        {
            byte[] response = new byte[hit.Length];
            SendCached(hit, query.Span, response, protocol, started, now);
            return ValueTask.FromResult<byte[]?>(response);
        }

        return ResolveAndAnswerAsync(query, client, protocol, started, cancellationToken);
    }

    /// <summary>
    /// The checks made before a query is read: a datagram shorter than a header or with QR set is dropped (answering
    /// could loop), a client neither on loopback (<paramref name="loopback"/> when already known) nor allowed is
    /// refused, one over its rate is dropped. <paramref name="address"/> may be null only for a loopback client without a rate limit.
    /// </summary>
    private Admission Admit(ReadOnlySpan<byte> query, bool loopback, IPAddress? address, TransportProtocol protocol)
    {
        _queries.Add(1, ProtocolTag(protocol));
        if (query.Length < DnsHeader.Size || (query[2] & 0x80) != 0)
        {
            _dropped.Add(1, NotAQueryTag);
            return Admission.Dropped;
        }

        if (!loopback && !_options.IsAllowed(address!))
        {
            _refused.Add(1);
            return Admission.Refused;
        }

        if (_limiter.IsEnabled && !_limiter.TryAcquire(address!))
        {
            _dropped.Add(1, RateLimitTag);
            return Admission.Dropped;
        }

        return Admission.Admitted;
    }

    /// <summary>REFUSED for a client that is not allowed, with the query's ID and, when readable, its question.</summary>
    private byte[] Refuse(ReadOnlySpan<byte> query, TransportProtocol protocol, long started) =>
        Finish(ErrorResponse(query, DnsResponseCode.Refused), protocol, null, started);

    /// <summary>Everything after admission for a query that the cache could not answer: the checks that need it parsed, the resolution, and the response, kept for the next time when it may be.</summary>
    private async ValueTask<byte[]?> ResolveAndAnswerAsync(ReadOnlyMemory<byte> query, IPEndPoint client, TransportProtocol protocol, long started, CancellationToken cancellationToken)
    {
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(query.Span);
        }
        catch (DnsFormatException)
        {
            return Finish(ErrorResponse(query.Span, DnsResponseCode.FormErr), protocol, null, started);
        }

        // A message ends with its last section (RFC 1035 §4.1); octets after it make a malformed query, as BIND answers too.
        if (MessageLength(query.Span) != query.Length)
        {
            return Finish(ErrorResponse(query.Span, DnsResponseCode.FormErr), protocol, null, started);
        }

        if (Refusal(message) is { } refusal)
        {
            return Finish(refusal, protocol, message, started);
        }

        if (!_resolutions.Wait(0, CancellationToken.None))
        {
            _dropped.Add(1, new KeyValuePair<string, object?>("reason", "busy"));
            return protocol == TransportProtocol.Udp ? null : Finish(Reply(message, DnsResponseCode.ServFail), protocol, message, started);
        }

        try
        {
            // Read before asking: an answer that comes back after the resolver emptied its cache is kept as stale.
            long generation = Generation;
            DnssecAnswer? answer = await ResolveAsync(message, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                return Finish(Reply(message, DnsResponseCode.ServFail), protocol, message, started);
            }

            if (answer.Status == SecurityStatus.Bogus)
            {
                LogBogus(_logger, answer.Question.Name, answer.Question.Type, client.Address, answer.Reason);
            }

            DnsMessage response = ResponseBuilder.Build(message, answer, _options.Response);
            return Keep(message, answer, response, protocol, generation, started) ?? Finish(response, protocol, message, started, answer.Status, answer.Path);
        }
        finally
        {
            _resolutions.Release();
        }
    }

    private async ValueTask<DnssecAnswer?> ResolveAsync(DnsMessage query, CancellationToken cancellationToken)
    {
        DnsQuestion question = query.Questions[0];
        using CancellationTokenSource deadline = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
        try
        {
            // RFC 4035 §3.2.2: a client that set CD does its own checking and gets the data even when it does not validate.
            ValueTask<DnssecAnswer> resolving = query.Flags.HasFlag(DnsHeaderFlags.CheckingDisabled)
                ? _resolver.ResolveCheckingDisabledAsync(question.Name, question.Type, deadline.Token)
                : _resolver.ResolveAsync(question.Name, question.Type, deadline.Token);

            // An answer from the resolver's caches (or synthesised from its denial records) is ready before any wait, and
            // the work before the first wait is the cache lookups: the deadline's timer is started only for a query that waits.
            if (!resolving.IsCompleted)
            {
                deadline.CancelAfter(_options.ResolutionTimeout);
            }

            return await resolving.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogResolutionTimedOut(_logger, question.Name, question.Type, _options.ResolutionTimeout);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One question that breaks the resolver must not take the service down; the client gets SERVFAIL.
            LogResolutionFailed(_logger, question.Name, question.Type, exception);
            return null;
        }
    }

    /// <summary>The obsolete QTYPE MAILB (RFC 1035 §3.2.3).</summary>
    private const RecordType MailB = (RecordType)253;

    /// <summary>The obsolete QTYPE MAILA (RFC 1035 §3.2.3).</summary>
    private const RecordType MailA = (RecordType)254;

    /// <summary>The response for a query this server does not resolve, or null for one it does.</summary>
    private static DnsMessage? Refusal(DnsMessage query)
    {
        if (query.OpCode != DnsOpCode.Query)
        {
            return Reply(query, DnsResponseCode.NotImp);
        }

        // RFC 6891 §6.1.3: a version above 0 is answered BADVERS, with an OPT record of the version spoken.
        if (query.Edns is { Version: > 0 })
        {
            DnsMessage badVersion = Reply(query, DnsResponseCode.BadVers);
            badVersion.Edns = new EdnsRecord { UdpPayloadSize = EdnsRecord.DefaultUdpPayloadSize };
            return badVersion;
        }

        if (query.Questions.Count != 1 || query.Answers.Count > 0 || query.Authorities.Count > 0)
        {
            return Reply(query, DnsResponseCode.FormErr);
        }

        DnsQuestion question = query.Questions[0];
        return question switch
        {
            { Type: RecordType.OPT } => Reply(query, DnsResponseCode.FormErr),
            // Zone transfers and the obsolete mailbox types are an authoritative server's business, not a resolver's.
            { Type: RecordType.AXFR or RecordType.IXFR or MailB or MailA } => Reply(query, DnsResponseCode.NotImp),
            { Class: not RecordClass.IN } => Reply(query, DnsResponseCode.Refused),
            _ => null,
        };
    }

    /// <summary>A response with <paramref name="code"/> and the query's question, ID, opcode, RD and CD.</summary>
    private static DnsMessage Reply(DnsMessage query, DnsResponseCode code)
    {
        var response = new DnsMessage
        {
            Id = query.Id,
            OpCode = query.OpCode,
            Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionAvailable | (query.Flags & (DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled)),
            ResponseCode = code,
        };
        response.Questions.AddRange(query.Questions.Take(1));
        if (query.Edns is not null)
        {
            response.Edns = new EdnsRecord { UdpPayloadSize = EdnsRecord.DefaultUdpPayloadSize };
        }

        return response;
    }

    /// <summary>A header-only response to a query that could not be parsed: its ID, opcode and RD, and <paramref name="code"/>.</summary>
    private static DnsMessage ErrorResponse(ReadOnlySpan<byte> query, DnsResponseCode code)
    {
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);
        var response = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(query),
            OpCode = (DnsOpCode)((flags >> 11) & 0x0F),
            Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionAvailable | ((DnsHeaderFlags)flags & DnsHeaderFlags.RecursionDesired),
            ResponseCode = code,
        };
        // The question is echoed when it can be read on its own, so that the client can match the response.
        try
        {
            DnsMessage parsed = DnsMessage.Parse(query[..Math.Min(query.Length, QuestionEnd(query))]);
            response.Questions.AddRange(parsed.Questions.Take(1));
        }
        catch (DnsFormatException)
        {
            // Without a readable question the header alone goes back; the ID still lets the client match it.
        }

        return response;
    }

    /// <summary>How many octets of <paramref name="query"/> its sections take; it has been parsed whole already.</summary>
    private static int MessageLength(ReadOnlySpan<byte> query)
    {
        var reader = new DnsMessageReader(query);
        reader.ReadToEnd(out _);
        return reader.Position;
    }

    /// <summary>The offset just past the question section, found by walking the first question's labels; the message length when it cannot be found.</summary>
    private static int QuestionEnd(ReadOnlySpan<byte> query)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(query[4..]) == 0)
        {
            return DnsHeader.Size;
        }

        int offset = DnsHeader.Size;
        while (offset < query.Length && query[offset] != 0)
        {
            if ((query[offset] & 0xC0) != 0)
            {
                return query.Length;
            }

            offset += query[offset] + 1;
        }

        return offset + 5 <= query.Length ? offset + 5 : query.Length;
    }

    private byte[] Finish(DnsMessage response, TransportProtocol protocol, DnsMessage? query, long started, SecurityStatus? status = null, ResolutionPath? path = null)
    {
        byte[] bytes = response.ToArray(MaximumSize(query?.Edns?.UdpPayloadSize, protocol));
        Count(response.ResponseCode, protocol, started, status, path);
        return bytes;
    }

    /// <summary>Counts a response sent and how long it took.</summary>
    private void Count(DnsResponseCode code, TransportProtocol protocol, long started, SecurityStatus? status, ResolutionPath? path)
    {
        // The path tells cache hits (Cache) and fallbacks to the authorities (IterativeFallback) from the rest.
        _responses.Add(1, new KeyValuePair<string, object?>("rcode", code.ToString()), new KeyValuePair<string, object?>("status", status?.ToString() ?? "none"), new KeyValuePair<string, object?>("path", path?.ToString() ?? "none"));
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, ProtocolTag(protocol));
    }

    /// <summary>How large the response may be: 65535 over TCP; over UDP the client's EDNS(0) size (512 without it, RFC 1035 §4.2.1), capped by the server's.</summary>
    private int MaximumSize(int? advertised, TransportProtocol protocol) =>
        protocol == TransportProtocol.Tcp ? ushort.MaxValue : Math.Clamp(advertised ?? 512, 512, Math.Max(512, _options.MaximumUdpResponse));

    /// <summary>What <see cref="Admit"/> decided.</summary>
    private enum Admission
    {
        /// <summary>Read on.</summary>
        Admitted,

        /// <summary>Send nothing.</summary>
        Dropped,

        /// <summary>Answer REFUSED.</summary>
        Refused,
    }
}
