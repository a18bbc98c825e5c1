namespace Dnssec.Tests.Interop;

/// <summary>One <see cref="TlsForwardingBind"/> for a test class, started by the first test that asks for it (it needs the hierarchy, which only tests get) and ended with the class.</summary>
public sealed class TlsForwardingBindFixture : IDisposable
{
    private readonly Lock _gate = new();
    private TlsForwardingBind? _named;

    internal TlsForwardingBind Get(BindHierarchy hierarchy)
    {
        lock (_gate)
        {
            return _named ??= TlsForwardingBind.Start(hierarchy);
        }
    }

    public void Dispose() => _named?.Dispose();
}
