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

    /// <summary>Takes one signature verification; false when none is left.</summary>
    public bool TrySpendSignature() => Interlocked.Decrement(ref _signatures) >= 0;

    /// <summary>Takes one NSEC3 hash computation; false when none is left.</summary>
    public bool TrySpendHash() => Interlocked.Decrement(ref _hashes) >= 0;
}
