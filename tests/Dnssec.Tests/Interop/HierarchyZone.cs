using System.Net;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>One zone of the interop hierarchy as build.sh wrote it to <c>zones.tsv</c>: named serves it alone on its address.</summary>
/// <param name="Name">The zone's apex, absolute (<c>.</c>, <c>test.</c>, <c>alg8.test.</c>).</param>
/// <param name="Address">The loopback address its server listens on, at <see cref="BindHierarchy.AuthorityPort"/>.</param>
/// <param name="Signed">Whether the zone is signed (missingkey.test. is not, though its parent has a DS for it).</param>
/// <param name="Variant">The breakage or oddity of the zone, <c>-</c> for none (see build.sh).</param>
public sealed record HierarchyZone(string Name, IPAddress Address, bool Signed, string Variant)
{
    /// <summary>The apex as a value.</summary>
    public DnsName Apex => DnsName.Parse(Name);

    public override string ToString() => $"{Name} on {Address}";
}
