using System.Globalization;
using Dnssec.Presentation;
using Dnssec.Testing;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>
/// A private signed root → test. → example.test. (and xn--bcher-kva.test., for names in U-labels) hierarchy served on one 127.0.0.1 UDP port for `dnssec`
/// run as a process: as a recursive upstream (<see cref="Stub"/>) and as the root server of root hints that name only
/// 127.0.0.1 (<see cref="Iterative"/>), so that neither the stub's fallback nor iteration ever leaves the machine.
/// </summary>
internal sealed class LoopbackRoot : IAsyncDisposable
{
    private readonly HostileServer _server;

    /// <param name="folder">Where the root hints and the root key file are written.</param>
    /// <param name="signedAt">The "now" the signatures are made around (valid from a day before to 30 days after).</param>
    /// <param name="behaviour">How the server answers; honestly when null.</param>
    /// <param name="tcp">Whether the server also answers over TCP (honestly).</param>
    public LoopbackRoot(string folder, DateTimeOffset signedAt, Func<DnsMessage, DnsMessage?, byte[][]>? behaviour = null, bool tcp = false)
    {
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        zones.Zone("xn--bcher-kva.test.", z => z.Records = "www A 192.0.2.2");
        zones.Build(signedAt);
        _server = new HostileServer(new InMemoryAuthority(zones.Authority), behaviour ?? ((query, response) => [HostileServer.Honest(query, response)]), tcp);
        HintsFile = Path.Combine(folder, "root.hints");
        File.WriteAllText(HintsFile, ". 3600000 IN NS a.root-servers.test.\na.root-servers.test. 3600000 IN A 127.0.0.1\n");
        RootKeyFile = Path.Combine(folder, "root.dnskey");
        File.WriteAllText(RootKeyFile, RecordTextFormatter.Format(zones.KeySigningKeys[DnsName.Root].Dnskey) + "\n");
    }

    /// <summary>Root hints naming this server's address; its port is given with --authority-port.</summary>
    public string HintsFile { get; }

    /// <summary>The root's key-signing key as a DNSKEY line, for `dnssec anchors import`.</summary>
    public string RootKeyFile { get; }

    /// <summary>Upstream options for a stub that asks this server and falls back to it, never to the real root.</summary>
    public string[] Stub => ["--server", _server.EndPoint.ToString(), .. Iterative[1..]];

    /// <summary>Upstream options for iterative resolution with this server as the only root server.</summary>
    public string[] Iterative => ["--iterative", "--hints", HintsFile, "--authority-port", _server.EndPoint.Port.ToString(CultureInfo.InvariantCulture)];

    public int Queries => _server.Queries;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
