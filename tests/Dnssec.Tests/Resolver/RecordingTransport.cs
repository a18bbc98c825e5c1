using System.Collections.Concurrent;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>A transport that answers by a script and records every exchange in order: which server, which question, with which options.</summary>
internal sealed class RecordingTransport(Func<IPEndPoint, DnsQuestion, TransportResponse> script) : IDnsTransport
{
    private readonly ConcurrentQueue<(IPEndPoint Server, DnsQuestion Question, QueryOptions Options)> _exchanges = new();

    /// <summary>The exchanges so far, in the order they were asked.</summary>
    public IReadOnlyList<(IPEndPoint Server, DnsQuestion Question, QueryOptions Options)> Exchanges => [.. _exchanges];

    /// <summary>The servers asked, in order.</summary>
    public IReadOnlyList<IPEndPoint> Servers => [.. _exchanges.Select(exchange => exchange.Server)];

    /// <summary>A timeout from <paramref name="server"/>, as <see cref="DnsTransport"/> reports one.</summary>
    public static TransportResponse Timeout(IPEndPoint server) =>
        TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, $"no response from {server}");

    /// <summary>A response with <paramref name="code"/> and the question, and nothing else, from <paramref name="server"/>.</summary>
    public static TransportResponse Reply(IPEndPoint server, DnsQuestion question, DnsResponseCode code)
    {
        var message = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = code, Edns = new EdnsRecord { DnssecOk = true } };
        message.Questions.Add(question);
        return TransportResponse.Success(server, TransportProtocol.Udp, message, 64);
    }

    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        _exchanges.Enqueue((server, question, options));
        return ValueTask.FromResult(script(server, question));
    }
}
