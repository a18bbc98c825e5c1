using System.Globalization;
using System.Net;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// What a scenario's config header means here: the resolver's options (anchors, stub or forward servers, validator
/// limits), the server's response options, and the time the clock starts at. Every setting is either honoured, without
/// meaning for an in-process resolver (and said so), or stated as not honoured in <see cref="Notes"/>; a setting the
/// runner does not know fails the scenario rather than being ignored.
/// </summary>
public sealed class ScenarioSetup
{
    private static readonly Dictionary<string, string> WithoutMeaning = new(StringComparer.Ordinal)
    {
        ["fake-sha1"] = "SHA-1 signatures are verified for real; RSASHA1 and DSA are enabled as Unbound enables them",
        ["fake-dsa"] = "DSA signatures are verified for real",
        ["target-fetch-policy"] = "the resolver fetches no name-server addresses ahead of need",
        ["trust-anchor-signaling"] = "the resolver sends no key-tag queries (RFC 8145)",
        ["access-control"] = "queries come from the runner, not from a network",
        ["log-servfail"] = "logging only",
        ["val-log-level"] = "logging only",
        ["verbosity"] = "logging only",
        ["log-time-ascii"] = "logging only",
        ["directory"] = "files are named relative to the scenario",
        ["rrset-roundrobin"] = "records within a section are compared in any order",
        ["iter-scrub-promiscuous"] = "the resolver keeps only in-bailiwick records of a referral anyway",
        ["do-not-query-localhost"] = "the canned servers are not on a network",
        ["max-global-quota"] = "each resolution is capped by the resolver's own query limit",
        ["val-clean-additional"] = "unvalidated authority and additional records are never handed out beside a secure answer",
    };

    private static readonly Dictionary<string, string> NotHonoured = new(StringComparer.Ordinal)
    {
        ["prefetch"] = "answers are not refreshed before they expire",
        ["prefetch-key"] = "keys are not refreshed before they expire",
        ["harden-unknown-additional"] = "additional records of unknown types are not removed",
        ["local-zone"] = "there are no local zones: the resolver serves no data of its own",
        ["val-max-restart"] = "a bogus answer is not fetched again from other servers",
        ["stub-zone stub-prime"] = "stub zones are never primed: their servers are used as given",
    };

    private ScenarioSetup(ResolverOptions resolver, ResponseOptions response, DateTimeOffset start, IReadOnlyList<string> notes, string? stateFolder, IReadOnlyDictionary<string, DnsName> autotrustZones)
    {
        StateFolder = stateFolder;
        AutotrustZones = autotrustZones;
        Resolver = resolver;
        Response = response;
        Start = start;
        Notes = notes;
    }

    /// <summary>The resolver's options.</summary>
    public ResolverOptions Resolver { get; }

    /// <summary>How answers are shaped into responses (minimal-responses, ede).</summary>
    public ResponseOptions Response { get; }

    /// <summary>The time the clock starts at: val-override-date, or now.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The temporary folder holding the RFC 5011 state made from the AUTOTRUST_FILE blocks; null without them. The runner deletes it.</summary>
    public string? StateFolder { get; }

    /// <summary>The zone of each AUTOTRUST_FILE block, by the name CHECK_AUTOTRUST uses for it.</summary>
    public IReadOnlyDictionary<string, DnsName> AutotrustZones { get; }

    /// <summary>The settings not honoured, each with why.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Interprets the config header of <paramref name="scenario"/>.</summary>
    /// <exception cref="NotSupportedException">A setting is unknown to the runner, or has a value it cannot honour.</exception>
    /// <exception cref="FormatException">A setting's value cannot be read.</exception>
    public static ScenarioSetup Create(ReplayScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ReplayConfig config = scenario.Config;
        var notes = new List<string>();
        var anchors = new TrustAnchorSet();
        var policy = new AlgorithmPolicy { AllowDsa = true, AllowSha1 = true };
        var validation = new ValidatorOptions { Policy = policy, CheckSupplementalRecords = true };
        var resolver = new ResolverOptions { Timeout = TimeSpan.FromSeconds(1) };
        bool minimal = true;
        bool extendedErrors = false;
        DateTimeOffset start = DateTimeOffset.UtcNow;
        foreach ((string name, string value) in config.Server)
        {
            switch (name)
            {
                case "trust-anchor":
                    anchors.Add(ZoneFileReader.Parse(value, "trust-anchor", new ZoneFileReaderOptions { Origin = DnsName.Root, DefaultTtl = 3600 }));
                    break;
                case "trust-anchor-file" or "auto-trust-anchor-file":
                    string file = Path.Combine(Path.GetDirectoryName(scenario.Path) ?? ".", value);
                    anchors.Add(ZoneFileReader.ReadFile(file, new ZoneFileReaderOptions { Origin = DnsName.Root, DefaultTtl = 3600 }).Where(r => r.Type is RecordType.DS or RecordType.DNSKEY));
                    if (name == "auto-trust-anchor-file")
                    {
                        notes.Add($"{name}: the keys are used as static anchors; RFC 5011 tracking is not replayed");
                    }

                    break;
                case "domain-insecure":
                    anchors.AddNegative(new NegativeTrustAnchor(DnsName.Parse(value), DateTimeOffset.MaxValue));
                    break;
                case "val-override-date" when value == "-1":
                    // Unbound then ignores signature dates; the validator here always checks them, so the clock is set
                    // to a moment at which every signature of the scenario is valid, when there is one.
                    start = MomentInsideEverySignature(scenario, notes) ?? start;
                    break;
                case "val-override-date":
                    start = DateTimeOffset.ParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    break;
                case "val-nsec3-keysize-iterations":
                    int[] numbers = [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
                    int smallest = numbers.Where((_, i) => i % 2 == 1).Min();
                    policy = new AlgorithmPolicy { AllowDsa = true, AllowSha1 = true, MaxNsec3Iterations = smallest };
                    notes.Add($"{name}: one limit for every key size, the smallest listed ({smallest})");
                    break;
                case "val-bogus-ttl":
                    TimeSpan bogus = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
                    validation = Copy(validation, policy, failureTtl: bogus);
                    resolver.FailureTtl = bogus;
                    break;
                case "val-sig-skew-min":
                    validation = Copy(validation, policy, minimumSkew: TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)));
                    break;
                case "val-sig-skew-max":
                    validation = Copy(validation, policy, maximumSkew: TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)));
                    break;
                case "minimal-responses":
                    minimal = IsYes(value);
                    break;
                case "ede":
                    extendedErrors = IsYes(value);
                    break;
                case "qname-minimisation":
                    resolver.QnameMinimisation = IsYes(value);
                    break;
                case "aggressive-nsec":
                    resolver.AggressiveNsec = IsYes(value);
                    break;
                case "prefetch" or "prefetch-key" or "harden-unknown-additional" when !IsYes(value):
                    break;
                case "harden-algo-downgrade":
                    validation = Copy(validation, policy, requireEveryDsAlgorithm: IsYes(value));
                    break;
                case "harden-dnssec-stripped":
                    validation = Copy(validation, policy, hardenDnssecStripped: IsYes(value));
                    break;
                default:
                    if (WithoutMeaning.ContainsKey(name))
                    {
                        break;
                    }

                    if (NotHonoured.TryGetValue(name, out string? why))
                    {
                        notes.Add($"{name}: {value}: not honoured: {why}");
                        break;
                    }

                    throw new NotSupportedException($"config '{name}: {value}' is unknown to the runner");
            }
        }

        string? stateFolder = null;
        IReadOnlyDictionary<string, DnsName> autotrustZones = new Dictionary<string, DnsName>();
        if (config.AutotrustFiles.Count > 0)
        {
            // Testbound's clock starts at 0 and its first TIME_PASSES brings it to the scenario's day.
            start = config.Values("val-override-date").Any() ? start : DateTimeOffset.UnixEpoch;
            (stateFolder, autotrustZones) = AutotrustState.Write(config.AutotrustFiles, start);
            resolver.AnchorStatePath = AutotrustState.PathIn(stateFolder);
            resolver.RefreshAnchorsInBackground = false;
        }

        foreach ((string name, string value) in config.ZoneSettings)
        {
            notes.Add(NotHonoured.TryGetValue(name, out string? why) ? $"{name}: {value}: not honoured: {why}" : throw new NotSupportedException($"config '{name}: {value}' is unknown to the runner"));
        }

        validation = Copy(validation, policy);
        resolver.TrustAnchors = anchors;
        resolver.Validation = validation;
        ConfigureServers(config, resolver);
        return new ScenarioSetup(resolver, new ResponseOptions { MinimalResponses = minimal, ExtendedErrors = extendedErrors }, start, notes, stateFolder, autotrustZones);
    }

    private static void ConfigureServers(ReplayConfig config, ResolverOptions resolver)
    {
        // Forward and stub zones below the root route their names as Unbound's do, whatever the mode.
        foreach ((DnsName zone, List<IPAddress> addresses) in config.ForwardZones)
        {
            if (!zone.IsRoot)
            {
                resolver.ForwardZones[zone] = [.. addresses.Select(address => new IPEndPoint(address, 53))];
            }
        }

        foreach ((DnsName zone, List<IPAddress> addresses) in config.StubZones)
        {
            resolver.StubZones[zone] = addresses;
        }

        resolver.FallbackToIterative = false;
        if (config.ForwardZones.TryGetValue(DnsName.Root, out List<IPAddress>? forwarders))
        {
            resolver.Mode = ResolutionMode.Stub;
            foreach (IPAddress address in forwarders)
            {
                resolver.Servers.Add(new IPEndPoint(address, 53));
            }

            return;
        }

        // Without a stub zone for the root the shipped root hints stand, as in Unbound; a canned scenario never
        // reaches them, as its questions fall inside its stub zones.
        resolver.Mode = ResolutionMode.Iterative;
    }

    private static DateTimeOffset? MomentInsideEverySignature(ReplayScenario scenario, List<string> notes)
    {
        List<RrsigData> signatures = [.. scenario.Ranges.SelectMany(r => r.Entries).SelectMany(e => e.Message.Answers.Concat(e.Message.Authorities).Concat(e.Message.Additionals))
            .Where(r => r.Type == RecordType.RRSIG).Select(RrsigData.From)];
        if (signatures.Count == 0)
        {
            return null;
        }

        DateTimeOffset latestInception = signatures.Max(s => DateTimeOffset.FromUnixTimeSeconds(s.SignatureInception));
        DateTimeOffset earliestExpiration = signatures.Min(s => DateTimeOffset.FromUnixTimeSeconds(s.SignatureExpiration));
        if (latestInception > earliestExpiration)
        {
            notes.Add("val-override-date: -1: not honoured: no moment lies inside every signature's validity period, and dates are always checked here");
        }

        return latestInception;
    }

    private static bool IsYes(string value) => value.Equals("yes", StringComparison.OrdinalIgnoreCase);

    private static ValidatorOptions Copy(ValidatorOptions options, AlgorithmPolicy policy, TimeSpan? failureTtl = null, TimeSpan? minimumSkew = null, TimeSpan? maximumSkew = null, bool? requireEveryDsAlgorithm = null, bool? hardenDnssecStripped = null) => new()
    {
        Policy = policy,
        Limits = options.Limits,
        CheckSupplementalRecords = options.CheckSupplementalRecords,
        RequireEveryDsAlgorithm = requireEveryDsAlgorithm ?? options.RequireEveryDsAlgorithm,
        HardenDnssecStripped = hardenDnssecStripped ?? options.HardenDnssecStripped,
        FailureTtl = failureTtl ?? options.FailureTtl,
        MinimumClockSkew = minimumSkew ?? options.MinimumClockSkew,
        MaximumClockSkew = maximumSkew ?? options.MaximumClockSkew,
        MaximumKeyTtl = options.MaximumKeyTtl,
    };
}
