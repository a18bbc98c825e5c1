using System.Net;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// The network of a scenario: a query sent to a server is answered from the first RANGE whose ADDRESS is that server
/// and whose step window holds the current step, by the first of its entries that matches the query as its MATCH line
/// says, adjusted as its ADJUST line says. A query no entry matches goes unanswered (a timeout), as in Unbound's runner.
/// A reply with TC set sends the query again over TCP, as a real transport would.
/// </summary>
public sealed class CannedTransport : IDnsTransport
{
    private readonly IReadOnlyList<ReplayRange> _ranges;
    private readonly List<string> _log = [];
    private readonly Lock _gate = new();

    /// <summary>Serves the ranges of <paramref name="scenario"/>.</summary>
    public CannedTransport(ReplayScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _ranges = scenario.Ranges;
    }

    /// <summary>The step whose ranges answer now; the runner sets it to the step after a QUERY, as Unbound's runner does.</summary>
    public int Step { get; set; }

    /// <summary>One line per exchange so far: the question, the server and which entry answered, for failure reports.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        DnsMessage query = DnsMessage.CreateQuery(
            (ushort)Random.Shared.Next(ushort.MaxValue + 1),
            question.Name,
            question.Type,
            (options.RecursionDesired ? DnsHeaderFlags.RecursionDesired : 0) | (options.CheckingDisabled ? DnsHeaderFlags.CheckingDisabled : 0),
            options.DnssecOk);
        if (!options.UseEdns)
        {
            query.Edns = null;
        }

        bool tcp = options.TcpOnly;
        while (true)
        {
            (ReplayEntry? entry, int line) = Find(server.Address, query, tcp);
            TransportProtocol protocol = tcp ? TransportProtocol.Tcp : TransportProtocol.Udp;
            if (entry is null)
            {
                Record($"{question} to {server.Address} over {protocol}: no entry matches, no answer");
                return ValueTask.FromResult(TransportResponse.Failure(server, protocol, TransportError.Timeout, $"no canned answer for {question} from {server.Address} at step {Step}"));
            }

            DnsMessage reply = entry.ReplyTo(query);
            Record($"{question} to {server.Address} over {protocol}: entry at line {line}");
            if (!tcp && reply.Flags.HasFlag(DnsHeaderFlags.Truncated))
            {
                tcp = true;
                continue;
            }

            // Through the wire form, so that the resolver reads the reply as it reads one from the network.
            byte[] wire = reply.ToArray();
            return ValueTask.FromResult(TransportResponse.Success(server, protocol, DnsMessage.Parse(wire), wire.Length));
        }
    }

    private (ReplayEntry? Entry, int Line) Find(IPAddress server, DnsMessage query, bool tcp)
    {
        foreach (ReplayRange range in _ranges)
        {
            if (!range.Covers(server, Step))
            {
                continue;
            }

            foreach (ReplayEntry entry in range.Entries)
            {
                if (QueryMatcher.Matches(entry, query, tcp))
                {
                    return (entry, entry.Line);
                }
            }
        }

        return (null, 0);
    }

    private void Record(string line)
    {
        lock (_gate)
        {
            _log.Add($"step {Step}: {line}");
        }
    }
}
