namespace Dnssec.Resolver;

/// <summary>
/// The weakest privacy among the exchanges of one resolution, noted by the transport as each exchange ends. It flows
/// with the resolution's asynchronous calls, so the paths and sources between the resolver and the transport carry
/// nothing for it, and concurrent resolutions each keep their own.
/// </summary>
internal sealed class PrivacyLedger
{
    private static readonly AsyncLocal<PrivacyLedger?> Open = new();

    // One past the strongest value while nothing was noted, so the first note always lowers it.
    private const int Empty = (int)TransportPrivacy.Strict + 1;

    private int _weakest = Empty;

    /// <summary>The ledger of the resolution running in this asynchronous flow, or null outside one.</summary>
    public static PrivacyLedger? Current => Open.Value;

    /// <summary>The weakest privacy noted, or null when no exchange was made.</summary>
    public TransportPrivacy? Weakest
    {
        get
        {
            int weakest = Volatile.Read(ref _weakest);
            return weakest == Empty ? null : (TransportPrivacy)weakest;
        }
    }

    /// <summary>Opens a ledger for the resolution that runs from here in this asynchronous method and those it calls.</summary>
    public static PrivacyLedger Begin()
    {
        var ledger = new PrivacyLedger();
        Open.Value = ledger;
        return ledger;
    }

    /// <summary>Notes one exchange; exchanges of parallel queries may note at once.</summary>
    public void Note(TransportPrivacy privacy)
    {
        int value = (int)privacy;
        int seen = Volatile.Read(ref _weakest);
        while (value < seen)
        {
            int found = Interlocked.CompareExchange(ref _weakest, value, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }
}
