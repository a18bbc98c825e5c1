using Dnssec.Differential.Building;

namespace Dnssec.Differential.Serving;

/// <summary>
/// Everything that serves one batch of hierarchies: the loopback aliases, one named with a view per zone address, and
/// per hierarchy a non-validating Unbound, the mutating proxy in front of it and a validating Unbound forwarding to the
/// proxy. Started in that order, each waited for by the line it logs once it serves; stopped in reverse, by process id,
/// aliases removed; every process id is in the run file meanwhile.
/// </summary>
public sealed class BatchServers : IAsyncDisposable
{
    private static readonly TimeSpan NamedTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan UnboundTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ServerProcess> _processes = [];
    private readonly Dictionary<int, MutatingProxy> _proxies = [];
    private readonly Dictionary<int, ServerProcess> _validators = [];

    private BatchServers()
    {
    }

    /// <summary>The validating Unbound's process (its log holds its reasons) of the hierarchy in <paramref name="slot"/>.</summary>
    public ServerProcess Validator(int slot) => _validators[slot];

    /// <summary>The proxy of the hierarchy in <paramref name="slot"/>.</summary>
    public MutatingProxy Proxy(int slot) => _proxies[slot];

    /// <summary>Serves <paramref name="hierarchies"/>, whose files are ready, from <paramref name="directory"/>.</summary>
    public static async Task<BatchServers> StartAsync(string directory, IReadOnlyList<BuiltHierarchy> hierarchies, RunFile runFile, CancellationToken cancellationToken)
    {
        var servers = new BatchServers();
        try
        {
            await servers.StartNamedAsync(directory, hierarchies, runFile, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(hierarchies.Select(h => servers.StartResolversAsync(h, runFile, cancellationToken))).ConfigureAwait(false);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartNamedAsync(string directory, IReadOnlyList<BuiltHierarchy> hierarchies, RunFile runFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await LoopbackAliases.AddAsync(hierarchies.SelectMany(h => h.Spec.Zones.Select(z => AddressPlan.Authority(h.Slot, z.Octet))), cancellationToken).ConfigureAwait(false);
        string config = Path.Combine(directory, "named.conf");
        await File.WriteAllTextAsync(config, NamedConfig.Write(directory, hierarchies), cancellationToken).ConfigureAwait(false);
        // -g: foreground, everything logged to standard error, where "running" says every zone is loaded and served.
        ServerProcess named = await ServerProcess.StartAsync(
            "named", "named", ["-g", "-n", "1", "-c", config], Path.Combine(directory, "named.log"),
            line => line.EndsWith(" running", StringComparison.Ordinal), runFile, NamedTimeout, cancellationToken).ConfigureAwait(false);
        _processes.Add(named);
        int zones = hierarchies.Sum(h => h.Spec.Zones.Count);
        string log = named.Log;
        // Each view also loads a managed-keys zone of its own.
        int loaded = log.Split('\n').Count(l => l.Contains(": loaded serial ", StringComparison.Ordinal) && !l.Contains("managed-keys-zone", StringComparison.Ordinal));
        if (loaded != zones || log.Contains("not loaded due to errors", StringComparison.Ordinal) || log.Contains("could not listen", StringComparison.Ordinal))
        {
            string errors = string.Join('\n', log.Split('\n').Where(l => l.Contains(": error", StringComparison.Ordinal) || l.Contains("not loaded", StringComparison.Ordinal) || l.Contains("could not", StringComparison.Ordinal) || l.Contains("failed", StringComparison.Ordinal)).Take(20));
            throw new InvalidOperationException($"named loaded {loaded} of {zones} zones or could not listen everywhere (see {named.LogPath}):\n{errors}");
        }
    }

    private async Task StartResolversAsync(BuiltHierarchy hierarchy, RunFile runFile, CancellationToken cancellationToken)
    {
        int slot = hierarchy.Slot;
        ServerProcess upstream = await StartUnboundAsync(hierarchy, "upstream", UnboundConfig.Upstream(hierarchy), runFile, cancellationToken).ConfigureAwait(false);
        lock (_processes)
        {
            _processes.Add(upstream);
        }

        var proxy = new MutatingProxy(AddressPlan.Proxy(slot), AddressPlan.Upstream(slot), new WireMutator(hierarchy.Spec.Mutations));
        ServerProcess validator = await StartUnboundAsync(hierarchy, "validator", UnboundConfig.Validator(hierarchy), runFile, cancellationToken).ConfigureAwait(false);
        lock (_processes)
        {
            _proxies[slot] = proxy;
            _validators[slot] = validator;
            _processes.Add(validator);
        }
    }

    private static async Task<ServerProcess> StartUnboundAsync(BuiltHierarchy hierarchy, string name, string configuration, RunFile runFile, CancellationToken cancellationToken)
    {
        string config = Path.Combine(hierarchy.Directory, $"unbound-{name}.conf");
        await File.WriteAllTextAsync(config, configuration, cancellationToken).ConfigureAwait(false);
        return await ServerProcess.StartAsync(
            $"unbound {name} of hierarchy {hierarchy.Spec.Number}", "unbound", ["-d", "-c", config], Path.Combine(hierarchy.Directory, $"unbound-{name}.log"),
            line => line.Contains("start of service", StringComparison.Ordinal), runFile, UnboundTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the proxies and every process, and removes the aliases.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (MutatingProxy proxy in _proxies.Values)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }

        for (int i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync().ConfigureAwait(false);
        }

        await LoopbackAliases.RemoveAllAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
