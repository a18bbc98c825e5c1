using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// Passes questions to another resolver, but holds those for <see cref="SlowName"/> until <see cref="Release"/>:
/// <see cref="Entered"/> completes once one of them is held, so tests order events without delays.
/// </summary>
internal sealed class GatedResolver(IDnssecResolver inner) : IDnssecResolver
{
    /// <summary>The name whose questions wait for the gate.</summary>
    public const string SlowName = "slow.example.test.";

    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Completes when the first question for <see cref="SlowName"/> is held.</summary>
    public Task Entered => _entered.Task;

    /// <summary>How many questions for <see cref="SlowName"/> have been held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Lets every held question, and every later one, through.</summary>
    public void Release() => _gate.TrySetResult();

    public async ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        await HoldAsync(name, cancellationToken);
        return await inner.ResolveAsync(name, type, cancellationToken);
    }

    public async ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default)
    {
        await HoldAsync(name, cancellationToken);
        return await inner.ResolveCheckingDisabledAsync(name, type, cancellationToken);
    }

    public ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default) =>
        inner.ResolveAddressesAsync(host, cancellationToken);

    public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default) =>
        inner.ResolveTlsaAsync(host, port, protocol, cancellationToken);

    private async Task HoldAsync(DnsName name, CancellationToken cancellationToken)
    {
        if (name.Equals(DnsName.Parse(SlowName)))
        {
            Interlocked.Increment(ref _held);
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }
    }
}
