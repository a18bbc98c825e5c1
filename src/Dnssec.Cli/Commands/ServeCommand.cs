using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec serve`: the loopback validating resolver as a service. It prints one line, <c>listening on ADDRESS…</c>, once
/// every address answers (what scripts, tests and systemd's Type=exec wait for), answers until SIGTERM or SIGINT, lets
/// the answers under way finish, and exits 0. Start-up failures exit 3.
/// </summary>
internal static partial class ServeCommand
{
    private const string Name = "dnssec serve";

    /// <summary>How long answers under way may take to finish once a signal says stop.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var defaults = new DnsServerOptions();
        var listen = new Option<string[]>("--listen") { Description = "IP:PORT or [IPv6]:PORT to answer on, UDP and TCP; repeat for several; port 0 lets the system choose (default 127.0.0.1:53 and [::1]:53)." };
        var upstream = new UpstreamArguments(Name);
        var anchors = new Option<FileInfo?>("--anchors") { Description = "Trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var insecureDomains = new Option<string[]>("--domain-insecure") { Description = "ZONE: treat names in ZONE as insecure, a negative trust anchor (RFC 7646, Unbound's domain-insecure); for private zones the public DNS denies." };
        var anchorState = new Option<FileInfo?>("--anchor-state") { Description = "An RFC 5011 state file ('dnssec anchors import' makes one): validate with its tracked keys, which override --anchors at and below their zones, and refresh them in the background while serving." };
        var allow = new Option<string[]>("--allow") { Description = "ADDRESS or ADDRESS/PREFIX: also answer clients in this network (loopback always is; others get REFUSED); repeat for several." };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Queries per second one client address may send; the excess is dropped (default 0, no limit)." };
        var maxTcp = new Option<int>("--max-tcp") { Description = $"TCP connections open at once; one more is closed at once (default {defaults.MaximumTcpConnections}).", DefaultValueFactory = _ => defaults.MaximumTcpConnections };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "The least severe log message written to stderr: Trace, Debug, Information, Warning, Error, Critical or None.", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("serve", "Answer DNS clients on loopback with answers proved by DNSSEC: AD for secure ones, SERVFAIL with an Extended DNS Error for bogus ones.\nExit status: 0 after SIGTERM or SIGINT, 3 it cannot start (a malformed option, an address it cannot listen on, unreadable anchors or hints).")
        {
            listen, upstream.Servers, upstream.TlsCa, upstream.TlsPins, upstream.Iterative, upstream.Hints, anchors, upstream.AuthorityPort, upstream.ForwardZones, upstream.StubZones, upstream.NoAggressiveNsec, upstream.NoQnameMinimisation, upstream.Tcp, upstream.NoFallback, upstream.IPv4, upstream.IPv6, insecureDomains, anchorState, allow, rateLimit, maxTcp, logLevel,
        };
        // A synchronous action on purpose: System.CommandLine answers SIGTERM for asynchronous ones by giving up on the
        // action after two seconds with exit status 143, while this command handles the signals itself and exits 0.
        command.SetAction(result => RunAsync(new Arguments(
            result,
            upstream,
            result.GetValue(listen) ?? [],
            result.GetValue(anchors),
            result.GetValue(insecureDomains) ?? [],
            result.GetValue(anchorState),
            result.GetValue(allow) ?? [],
            result.GetValue(rateLimit),
            result.GetValue(maxTcp),
            result.GetValue(logLevel))).GetAwaiter().GetResult());
        return command;
    }

    /// <summary>Reads IP[:PORT] as --listen takes it: an IPv6 address with a port in brackets; without a port, 53; port 0 lets the system choose.</summary>
    public static bool TryParseListen(string text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        text = text.Trim();
        // IPEndPoint.TryParse reads "[::1]" as port 0, and IPAddress.TryParse reads "[::1]:53" dropping the port: each form goes to the one that reads it whole.
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            endPoint = IPAddress.TryParse(text[1..^1], out IPAddress? bracketed) && bracketed.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(bracketed, DnsServerOptions.DnsPort) : null;
        }
        else if (!text.StartsWith('[') && IPAddress.TryParse(text, out IPAddress? address))
        {
            endPoint = new IPEndPoint(address, DnsServerOptions.DnsPort);
        }
        else if (IPEndPoint.TryParse(text, out IPEndPoint? parsed))
        {
            endPoint = parsed;
        }

        return endPoint is not null;
    }

    /// <summary>Reads ADDRESS/PREFIX as --allow takes it; a bare address is a network of one (/32 or /128).</summary>
    public static bool TryParseAllow(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    private static async Task<int> RunAsync(Arguments arguments)
    {
        TextWriter error = Console.Error;
        if (!TryCreateServerOptions(arguments, error, out DnsServerOptions? serverOptions) || !TryCreateResolverOptions(arguments, error, out ResolverOptions? resolverOptions))
        {
            return ExitCodes.UsageOrIo;
        }

        using var logging = new StandardErrorLoggerFactory(arguments.LogLevel);
        DnssecResolver resolver;
        try
        {
            resolver = new DnssecResolver(resolverOptions, logging);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            error.WriteLine($"{Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }

        await using (resolver)
        {
            if (UpstreamIsThisServer(resolver, resolverOptions, serverOptions.EffectiveListen) is { } loop)
            {
                error.WriteLine($"{Name}: the upstream {loop} is an address this server listens on, so it would ask itself (upstreams from {resolver.UpstreamOrigin}); give --server with another resolver, or --iterative");
                return ExitCodes.UsageOrIo;
            }

            if (resolver.Anchors is { } tracked)
            {
                WarnOfHealth(tracked.Health, error);
            }

            return await ServeAsync(resolver, serverOptions, logging, error);
        }
    }

    private static async Task<int> ServeAsync(DnssecResolver resolver, DnsServerOptions serverOptions, StandardErrorLoggerFactory logging, TextWriter error)
    {
        var stop = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            // Not the runtime's default, which ends the process at once: stopping lets the answers under way finish.
            context.Cancel = true;
            stop.TrySetResult(context.Signal);
        }

        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        ILogger stopLogger = logging.CreateLogger(typeof(ServeCommand).FullName!);
        var server = new DnsServer(resolver, serverOptions, logging);
        try
        {
            await server.StartAsync();
        }
        catch (IOException exception)
        {
            await server.DisposeAsync();
            error.WriteLine($"{Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }

        // The one line on stdout, written only once every socket listens: it is what a waiting script or test reads.
        Console.Out.WriteLine($"listening on {string.Join(' ', server.LocalEndPoints)}");
        Console.Out.Flush();
        PosixSignal signal = await stop.Task;
        LogStopping(stopLogger, signal, StopGrace.TotalSeconds);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await server.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposing would wait for those answers again; the process ends instead, which closes what is left.
            error.WriteLine($"{Name}: answers still under way after {StopGrace.TotalSeconds:0} s were abandoned");
            return ExitCodes.Success;
        }

        await server.DisposeAsync();
        return ExitCodes.Success;
    }

    private static bool TryCreateServerOptions(Arguments arguments, TextWriter error, [NotNullWhen(true)] out DnsServerOptions? options)
    {
        options = null;
        if (arguments.RateLimit < 0)
        {
            error.WriteLine($"{Name}: --rate-limit {arguments.RateLimit} is not a number of queries per second (0 for no limit)");
            return false;
        }

        if (arguments.MaximumTcpConnections < 1)
        {
            error.WriteLine($"{Name}: --max-tcp {arguments.MaximumTcpConnections} must be at least 1");
            return false;
        }

        var parsed = new DnsServerOptions { RateLimit = arguments.RateLimit, MaximumTcpConnections = arguments.MaximumTcpConnections };
        foreach (string text in arguments.Listen)
        {
            if (!TryParseListen(text, out IPEndPoint? endPoint))
            {
                error.WriteLine($"{Name}: --listen '{text}' is not IP:PORT (an IPv6 address in brackets: [::1]:53)");
                return false;
            }

            parsed.Listen.Add(endPoint);
        }

        foreach (string text in arguments.Allow)
        {
            if (!TryParseAllow(text, out IPNetwork network))
            {
                error.WriteLine($"{Name}: --allow '{text}' is not an address or a network ADDRESS/PREFIX");
                return false;
            }

            parsed.Allow.Add(network);
        }

        options = parsed;
        return true;
    }

    private static bool TryCreateResolverOptions(Arguments arguments, TextWriter error, [NotNullWhen(true)] out ResolverOptions? options)
    {
        options = null;
        var parsed = new ResolverOptions();
        if (!arguments.Upstream.TryApply(arguments.Result, parsed, error))
        {
            return false;
        }

        foreach (string text in arguments.InsecureDomains)
        {
            if (!DnsName.TryParse(text, out _))
            {
                error.WriteLine($"{Name}: --domain-insecure '{text}' is not a domain name");
                return false;
            }
        }

        try
        {
            if (arguments.Anchors is not null || arguments.InsecureDomains.Length > 0)
            {
                TrustAnchorSet set = arguments.Anchors is null ? TrustAnchorSet.CreateWithRootAnchor() : new TrustAnchorSet();
                if (arguments.Anchors is not null)
                {
                    set.Add(TrustAnchorFile.Load(arguments.Anchors.FullName, DateTimeOffset.UtcNow));
                }

                foreach (string zone in arguments.InsecureDomains)
                {
                    // Configured for the service's life, as Unbound's domain-insecure is, not for RFC 7646's temporary use.
                    set.AddNegative(new NegativeTrustAnchor(DnsName.Parse(zone), DateTimeOffset.MaxValue));
                }

                parsed.TrustAnchors = set;
            }
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"{Name}: {exception.Message}");
            return false;
        }

        if (arguments.AnchorState is not null)
        {
            // A service runs for months: the tracked keys are refreshed by the resolver's timer as RFC 5011 schedules it.
            parsed.AnchorStatePath = arguments.AnchorState.FullName;
            parsed.RefreshAnchorsInBackground = true;
        }

        options = parsed;
        return true;
    }

    /// <summary>
    /// The upstream that is one of this server's own listen addresses, or null: a stub pointed at itself (typically
    /// through a resolv.conf, or an interface's DNS setting, that names 127.0.0.1 because this server is the system's
    /// resolver) would answer every question by asking it again. The resolver's settled upstreams are checked, so the
    /// servers found on the interfaces when resolv.conf names none count too.
    /// </summary>
    private static IPEndPoint? UpstreamIsThisServer(DnssecResolver resolver, ResolverOptions options, IReadOnlyList<IPEndPoint> listen)
    {
        var upstreams = new List<IPEndPoint>(resolver.Upstreams.Select(upstream => upstream.EndPoint));
        foreach (IReadOnlyList<IPEndPoint> forwarders in options.ForwardZones.Values)
        {
            upstreams.AddRange(forwarders);
        }

        // A wildcard listen address takes loopback among the rest; other local addresses are not looked up.
        return upstreams.FirstOrDefault(upstream => listen.Any(own => own.Port == upstream.Port
            && (own.Address.Equals(upstream.Address) || ((own.Address.Equals(IPAddress.Any) || own.Address.Equals(IPAddress.IPv6Any)) && IPAddress.IsLoopback(upstream.Address)))));
    }

    /// <summary>Says on stderr why the tracked anchors are not healthy; the server answers anyway, with what they allow.</summary>
    private static void WarnOfHealth(AnchorHealth health, TextWriter error)
    {
        if (health.Status == AnchorHealthStatus.Healthy)
        {
            return;
        }

        foreach (string finding in health.Findings)
        {
            error.WriteLine($"{Name}: warning: trust anchors {health.Status}: {finding}");
        }

        if (health.Status == AnchorHealthStatus.Unusable)
        {
            error.WriteLine($"{Name}: warning: answers below a trust point without a trusted key will be Indeterminate (SERVFAIL) until 'dnssec anchors import' supplies one");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Signal}: stopping; answers under way have {GraceSeconds} s to finish")]
    private static partial void LogStopping(ILogger logger, PosixSignal signal, double graceSeconds);

    /// <summary>The parsed command line.</summary>
    private sealed record Arguments(
        ParseResult Result,
        UpstreamArguments Upstream,
        string[] Listen,
        FileInfo? Anchors,
        string[] InsecureDomains,
        FileInfo? AnchorState,
        string[] Allow,
        int RateLimit,
        int MaximumTcpConnections,
        LogLevel LogLevel);
}
