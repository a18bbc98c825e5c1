using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Building;

/// <summary>A pool key made into one zone's key: the files BIND reads (K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;), its DNSKEY line and tag.</summary>
public sealed record ZoneKey(KeySpec Spec, PoolKey Source, string BasePath, ushort Flags, DnssecAlgorithm Algorithm, ushort Tag, string DnskeyLine)
{
    /// <summary>The .key file.</summary>
    public string KeyFile => BasePath + ".key";

    /// <summary>The .private file.</summary>
    public string PrivateFile => BasePath + ".private";
}
