namespace Dnssec.Validation;

/// <summary>
/// A reason sentence written when it is first read rather than when the verdict is reached: most verdicts are Secure and
/// their reasons are never read, yet writing one names several records and costs more than the rest of the verdict.
/// </summary>
internal abstract class DeferredReason
{
    /// <summary>The sentence <paramref name="write"/> makes from <paramref name="state"/>, once someone reads it.</summary>
    public static DeferredReason Of<TState>(TState state, Func<TState, string> write) => new Deferred<TState>(state, write);

    /// <summary>Writes the sentence.</summary>
    public abstract string Write();

    private sealed class Deferred<TState>(TState state, Func<TState, string> write) : DeferredReason
    {
        public override string Write() => write(state);
    }
}
