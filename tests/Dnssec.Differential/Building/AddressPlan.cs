using System.Globalization;
using System.Net;

namespace Dnssec.Differential.Building;

/// <summary>
/// Where everything of a campaign listens, all on loopback and away from the interop hierarchy's 127.0.53.0/24 and
/// 127.0.54.0/24: zone servers on 127.61.&lt;slot&gt;.&lt;octet&gt; port 53 (Unbound asks authorities only there), and per
/// hierarchy slot the non-validating Unbound, the validating Unbound and the mutating proxy on 127.62.&lt;slot&gt;.1-3
/// port 53. A slot is a hierarchy's place in the batch being served.
/// </summary>
public static class AddressPlan
{
    /// <summary>The port every server listens on.</summary>
    public const int Port = 53;

    /// <summary>How many hierarchies one batch can serve (the third octet).</summary>
    public const int Slots = 250;

    /// <summary>The /16 of the zone servers, whose /32 aliases on lo are the campaign's and no one else's.</summary>
    public const string AuthorityPrefix = "127.61.";

    /// <summary>The /16 of the resolvers and proxies (bound directly; no alias needed).</summary>
    public const string ResolverPrefix = "127.62.";

    /// <summary>The address of the server of the zone with <paramref name="octet"/> in <paramref name="slot"/>.</summary>
    public static IPAddress Authority(int slot, int octet) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{AuthorityPrefix}{slot}.{octet}"));

    /// <summary>The non-validating Unbound of <paramref name="slot"/>, the untrusted upstream behind the proxy.</summary>
    public static IPEndPoint Upstream(int slot) => Resolver(slot, 1);

    /// <summary>The validating Unbound of <paramref name="slot"/>, forwarding everything to the proxy.</summary>
    public static IPEndPoint Validator(int slot) => Resolver(slot, 2);

    /// <summary>The mutating proxy of <paramref name="slot"/>, in front of the non-validating Unbound.</summary>
    public static IPEndPoint Proxy(int slot) => Resolver(slot, 3);

    private static IPEndPoint Resolver(int slot, int host) =>
        new(IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{ResolverPrefix}{slot}.{host}")), Port);
}
