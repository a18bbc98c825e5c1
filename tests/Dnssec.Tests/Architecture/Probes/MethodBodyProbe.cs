using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Architecture.Probes;

/// <summary>
/// Uses the Wire and Validation layers only inside a method body, where no signature shows them, so that
/// <see cref="LayeringTests"/> can prove the metadata reader sees calls and <c>typeof</c> too.
/// </summary>
internal static class MethodBodyProbe
{
    /// <summary>Whether the root name is the root; the answer does not matter, the IL it compiles to does.</summary>
    public static bool Probe() => DnsName.Parse(".").IsRoot && typeof(SecurityStatus).IsEnum;
}
