using System.Net;

namespace Dnssec.Replay;

/// <summary>A RANGE of canned answers: the servers (ADDRESS lines) that give them and the steps during which they do.</summary>
public sealed class ReplayRange
{
    /// <summary>The first step the range answers in.</summary>
    public required int FirstStep { get; init; }

    /// <summary>The last step the range answers in.</summary>
    public required int LastStep { get; init; }

    /// <summary>The server addresses the range stands for; empty means any server.</summary>
    public required IReadOnlyList<IPAddress> Addresses { get; init; }

    /// <summary>The entries, tried in file order.</summary>
    public required IReadOnlyList<ReplayEntry> Entries { get; init; }

    /// <summary>Whether the range answers queries sent to <paramref name="server"/> during <paramref name="step"/>.</summary>
    public bool Covers(IPAddress server, int step) =>
        FirstStep <= step && step <= LastStep && (Addresses.Count == 0 || Addresses.Contains(server));
}
