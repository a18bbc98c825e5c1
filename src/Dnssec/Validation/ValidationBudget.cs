namespace Dnssec.Validation;

/// <summary>The work one answer may still cost: signature verifications and NSEC3 hashes, counted down from <see cref="ValidationLimits"/>.</summary>
public sealed class ValidationBudget
{
    private int _signatures;
    private int _hashes;

    /// <summary>Starts a budget with the per-answer allowances of <paramref name="limits"/>.</summary>
    public ValidationBudget(ValidationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _signatures = limits.SignatureAttemptsPerAnswer;
        _hashes = limits.Nsec3HashesPerAnswer;
    }

    /// <summary>The limits the budget was made from, for the per-RRset ones.</summary>
    public ValidationLimits Limits { get; }

    /// <summary>Signature verifications spent so far.</summary>
    public int SignaturesUsed => Limits.SignatureAttemptsPerAnswer - _signatures;

    /// <summary>NSEC3 hashes spent so far.</summary>
    public int HashesUsed => Limits.Nsec3HashesPerAnswer - _hashes;

    /// <summary>Whether the signature allowance is spent.</summary>
    public bool SignaturesExhausted => _signatures <= 0;

    /// <summary>Whether the hash allowance is spent.</summary>
    public bool HashesExhausted => _hashes <= 0;

    /// <summary>Takes one signature verification; false when none is left, and then nothing is taken.</summary>
    public bool TrySpendSignature() => TrySpend(ref _signatures);

    /// <summary>Takes one NSEC3 hash computation; false when none is left, and then nothing is taken.</summary>
    public bool TrySpendHash() => TrySpend(ref _hashes);

    /// <summary>
    /// Decrements <paramref name="allowance"/> unless it is spent. A refused request must not count: the counters
    /// say how much work was done, and a plain decrement would go below zero on every refusal.
    /// </summary>
    private static bool TrySpend(ref int allowance)
    {
        int left = Volatile.Read(ref allowance);
        while (left > 0)
        {
            int seen = Interlocked.CompareExchange(ref allowance, left - 1, left);
            if (seen == left)
            {
                return true;
            }

            left = seen;
        }

        return false;
    }
}
