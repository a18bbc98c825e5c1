using System.Net;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>The config header of a scenario (Unbound's unbound.conf syntax, up to CONFIG_END), as written.</summary>
public sealed class ReplayConfig
{
    /// <summary>Every <c>server:</c> setting in file order, name and unquoted value; a name may repeat.</summary>
    public List<KeyValuePair<string, string>> Server { get; } = [];

    /// <summary>The <c>stub-zone:</c> clauses: zone name and its <c>stub-addr</c> servers.</summary>
    public Dictionary<DnsName, List<IPAddress>> StubZones { get; } = [];

    /// <summary>The <c>forward-zone:</c> clauses: zone name and its <c>forward-addr</c> servers.</summary>
    public Dictionary<DnsName, List<IPAddress>> ForwardZones { get; } = [];

    /// <summary>Settings inside stub-zone and forward-zone clauses other than name and addresses, such as <c>stub-prime</c>.</summary>
    public List<KeyValuePair<string, string>> ZoneSettings { get; } = [];

    /// <summary>The AUTOTRUST_FILE blocks by name: the content of an RFC 5011 state file Unbound's runner writes and names as auto-trust-anchor-file.</summary>
    public Dictionary<string, string> AutotrustFiles { get; } = [];

    /// <summary>The values of every <c>server:</c> setting called <paramref name="name"/>, in file order.</summary>
    public IEnumerable<string> Values(string name) => Server.Where(s => s.Key == name).Select(s => s.Value);
}
