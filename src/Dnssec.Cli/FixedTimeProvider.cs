namespace Dnssec.Cli;

/// <summary>A clock stopped at one instant, for --time: validation as of a given moment.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
