using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// One ENTRY of a scenario: how a message is matched (MATCH), how a canned reply is adjusted to the query (ADJUST),
/// and the message itself (REPLY flags and SECTIONs), as Unbound's testpkts format writes them.
/// </summary>
public sealed class ReplayEntry
{
    /// <summary>The line of the scenario file where the entry begins.</summary>
    public required int Line { get; init; }

    /// <summary>The MATCH keywords, lower case, without the <c>ede=</c> one.</summary>
    public required IReadOnlySet<string> Match { get; init; }

    /// <summary>The Extended DNS Error code that <c>MATCH ede=N</c> asks for; -1 for <c>ede=any</c>, null when none is asked.</summary>
    public int? MatchExtendedError { get; init; }

    /// <summary>The ADJUST keywords, lower case.</summary>
    public required IReadOnlySet<string> Adjust { get; init; }

    /// <summary>The message: a canned reply in a RANGE, the query of a QUERY step, the expected answer of a CHECK_ANSWER step.</summary>
    public required DnsMessage Message { get; init; }

    /// <summary>A fresh copy of <see cref="Message"/> adjusted to <paramref name="query"/> as the ADJUST line says.</summary>
    public DnsMessage ReplyTo(DnsMessage query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reply = new DnsMessage
        {
            Id = Adjust.Contains("copy_id") ? query.Id : Message.Id,
            Flags = Message.Flags,
            OpCode = Message.OpCode,
            ResponseCode = Message.ResponseCode,
            Edns = Message.Edns,
        };
        reply.Questions.AddRange(Adjust.Contains("copy_query") ? query.Questions : Message.Questions);
        reply.Answers.AddRange(Message.Answers);
        reply.Authorities.AddRange(Message.Authorities);
        reply.Additionals.AddRange(Message.Additionals);
        return reply;
    }
}
