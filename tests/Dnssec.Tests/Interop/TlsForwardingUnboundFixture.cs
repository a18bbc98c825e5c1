namespace Dnssec.Tests.Interop;

/// <summary>One <see cref="TlsForwardingUnbound"/> for a test class, started by the first test that asks for it (it needs the hierarchy, which only tests get) and ended with the class.</summary>
public sealed class TlsForwardingUnboundFixture : IDisposable
{
    private readonly Lock _gate = new();
    private TlsForwardingUnbound? _unbound;

    internal TlsForwardingUnbound Get(BindHierarchy hierarchy)
    {
        lock (_gate)
        {
            return _unbound ??= TlsForwardingUnbound.Start(hierarchy);
        }
    }

    public void Dispose() => _unbound?.Dispose();
}
