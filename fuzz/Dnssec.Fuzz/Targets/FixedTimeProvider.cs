namespace Dnssec.Fuzz.Targets;

/// <summary>A clock that always says the same time, so that a fuzz input gives the same verdict on every run.</summary>
/// <param name="now">The time it says.</param>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => now;
}
