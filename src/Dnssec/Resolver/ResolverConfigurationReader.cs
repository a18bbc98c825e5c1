using System.Net;
using System.Net.Sockets;
using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dnssec.Resolver;

/// <summary>
/// Fills <see cref="ResolverOptions"/> from a configuration section when the options are first asked for. Every wrong
/// value is reported at once, each naming its key, in one <see cref="OptionsValidationException"/>; a key the
/// resolver does not know is an error too, since a misspelt key would otherwise leave a setting at its default unseen.
/// </summary>
internal sealed class ResolverConfigurationReader(IConfiguration section, TimeProvider timeProvider) : IConfigureOptions<ResolverOptions>
{
    /// <summary>The keys of the section itself; a test holds it to <see cref="ResolverOptions"/>'s properties.</summary>
    internal static readonly string[] Keys =
    [
        "Servers", "TlsPins", nameof(ResolverConfiguration.TlsCaFile), nameof(ResolverConfiguration.DohUseGet), "RootServers", nameof(ResolverConfiguration.ResolvConfPath), nameof(ResolverConfiguration.Mode),
        nameof(ResolverConfiguration.FallbackToIterative), nameof(ResolverConfiguration.RootHintsPath),
        nameof(ResolverConfiguration.AuthorityPort), nameof(ResolverConfiguration.TrustAnchorsPath),
        nameof(ResolverConfiguration.AnchorStatePath), nameof(ResolverConfiguration.RefreshAnchorsInBackground),
        nameof(ResolverConfiguration.Timeout), nameof(ResolverConfiguration.Attempts), nameof(ResolverConfiguration.Rotate),
        nameof(ResolverConfiguration.UseTcp), nameof(ResolverConfiguration.AddressFamily), nameof(ResolverConfiguration.UdpPayloadSize),
        nameof(ResolverConfiguration.CacheSize), nameof(ResolverConfiguration.CacheBytes), nameof(ResolverConfiguration.AggressiveNsec), nameof(ResolverConfiguration.QnameMinimisation),
        nameof(ResolverConfiguration.MaximumCacheTtl), nameof(ResolverConfiguration.MaximumNegativeTtl),
        nameof(ResolverConfiguration.FailureTtl), nameof(ResolverConfiguration.Limits), nameof(ResolverConfiguration.Validation),
    ];

    private static readonly string[] LimitsKeys =
    [
        nameof(ResolverLimits.QueriesPerResolution), nameof(ResolverLimits.Referrals), nameof(ResolverLimits.NameServerDepth),
        nameof(ResolverLimits.CnameLinks), nameof(ResolverLimits.DelegationCacheSize),
    ];

    private static readonly string[] ValidationKeys =
    [
        nameof(ValidatorOptions.CheckSupplementalRecords), nameof(ValidatorOptions.RequireEveryDsAlgorithm),
        nameof(ValidatorOptions.HardenDnssecStripped), nameof(ValidatorOptions.MinimumClockSkew),
        nameof(ValidatorOptions.MaximumClockSkew), nameof(ValidatorOptions.FailureTtl), nameof(ValidatorOptions.MaximumKeyTtl),
        nameof(ValidatorOptions.Policy), nameof(ValidatorOptions.Limits),
    ];

    private static readonly string[] PolicyKeys =
    [
        nameof(AlgorithmPolicy.AllowDsa), nameof(AlgorithmPolicy.AllowSha1), nameof(AlgorithmPolicy.MaxNsec3Iterations),
        nameof(AlgorithmPolicy.MinRsaModulusBits),
    ];

    private static readonly string[] ValidationLimitsKeys =
    [
        nameof(ValidationLimits.SignatureAttemptsPerRRset), nameof(ValidationLimits.SignatureAttemptsPerAnswer),
        nameof(ValidationLimits.KeyTagCollisions), nameof(ValidationLimits.DsMismatches), nameof(ValidationLimits.Nsec3HashesPerAnswer),
        nameof(ValidationLimits.ChainLength), nameof(ValidationLimits.DelegationDepth),
    ];

    /// <summary>Applies the section's keys over what earlier registrations set.</summary>
    /// <exception cref="OptionsValidationException">A key is unknown or a value is wrong; the message names each.</exception>
    public void Configure(ResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ConfigurationSections.CheckKeys(section, Keys, failures);
        ConfigurationSections.CheckKeys(section.GetSection(nameof(ResolverConfiguration.Limits)), LimitsKeys, failures);
        IConfigurationSection validation = section.GetSection(nameof(ResolverConfiguration.Validation));
        ConfigurationSections.CheckKeys(validation, ValidationKeys, failures);
        ConfigurationSections.CheckKeys(validation.GetSection(nameof(ValidatorOptions.Policy)), PolicyKeys, failures);
        ConfigurationSections.CheckKeys(validation.GetSection(nameof(ValidatorOptions.Limits)), ValidationLimitsKeys, failures);

        var read = new ResolverConfiguration();
        try
        {
            section.Bind(read);
        }
        catch (InvalidOperationException exception)
        {
            // The binder stops at the first value it cannot convert (its message names the key and the type); the values
            // bound before it are still checked, so that one run reports as many mistakes as it can.
            failures.Add(exception.Message);
        }

        Apply(read, options, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ResolverOptions), failures);
        }
    }

    private void Apply(ResolverConfiguration read, ResolverOptions options, List<string> failures)
    {
        // A well-formed https://NAME/PATH whose name could not be looked up is named with the lookup's failure, not as malformed.
        ReadAddresses("Servers", failures, text => UpstreamServer.TryParse(text, out UpstreamServer? server, out string? problem, out bool lookupFailed) ? (server, null) : (null, lookupFailed ? problem : null), "IP[:PORT], tls://IP[:PORT][#NAME] or https://HOST[:PORT]/PATH[#IP], such as 192.0.2.1, 192.0.2.1:5353, [2001:db8::1]:53, tls://192.0.2.1#dns.example or https://dns.example/dns-query#192.0.2.1", options.Servers);
        ReadAddresses("TlsPins", failures, text => (SpkiPin.TryParse(text, out _) ? text : null, null), "sha256/BASE64 of a 32-octet SPKI digest", options.TlsPins);
        if (read.TlsCaFile is { } caFile)
        {
            options.TlsCaFile = ExistingFile(nameof(read.TlsCaFile), caFile, failures);
        }

        options.DohUseGet = read.DohUseGet ?? options.DohUseGet;
        ReadAddresses("RootServers", failures, text => (IPAddress.TryParse(text, out IPAddress? address) ? address : null, null), "an IP address", options.RootServers);
        options.ResolvConfPath = read.ResolvConfPath ?? options.ResolvConfPath;
        options.Mode = ParseEnum(nameof(read.Mode), read.Mode, failures, options.Mode);
        options.FallbackToIterative = read.FallbackToIterative ?? options.FallbackToIterative;
        if (read.RootHintsPath is { } hints)
        {
            options.RootHintsPath = ExistingFile(nameof(read.RootHintsPath), hints, failures);
        }

        options.AuthorityPort = Range(nameof(read.AuthorityPort), read.AuthorityPort, 1, IPEndPoint.MaxPort, failures) ?? options.AuthorityPort;
        if (read.TrustAnchorsPath is { } anchors)
        {
            options.TrustAnchors = LoadAnchors(nameof(read.TrustAnchorsPath), anchors, failures) ?? options.TrustAnchors;
        }

        options.AnchorStatePath = read.AnchorStatePath ?? options.AnchorStatePath;
        options.RefreshAnchorsInBackground = read.RefreshAnchorsInBackground ?? options.RefreshAnchorsInBackground;
        options.Timeout = Positive(nameof(read.Timeout), read.Timeout, failures) ?? options.Timeout;
        options.Attempts = Range(nameof(read.Attempts), read.Attempts, 1, int.MaxValue, failures) ?? options.Attempts;
        options.Rotate = read.Rotate ?? options.Rotate;
        options.UseTcp = read.UseTcp ?? options.UseTcp;
        if (read.AddressFamily is { } family)
        {
            options.AddressFamily = Family(family, failures) ?? options.AddressFamily;
        }

        // RFC 6891 §6.2.5: a payload size below 512 octets is treated as 512, so a smaller one is a mistake.
        options.UdpPayloadSize = (ushort)(Range(nameof(read.UdpPayloadSize), read.UdpPayloadSize, 512, ushort.MaxValue, failures) ?? options.UdpPayloadSize);
        options.CacheSize = Range(nameof(read.CacheSize), read.CacheSize, 1, long.MaxValue, failures) ?? options.CacheSize;
        options.CacheBytes = Range(nameof(read.CacheBytes), read.CacheBytes, 1, long.MaxValue, failures) ?? options.CacheBytes;
        options.AggressiveNsec = read.AggressiveNsec ?? options.AggressiveNsec;
        options.QnameMinimisation = read.QnameMinimisation ?? options.QnameMinimisation;
        options.MaximumCacheTtl = Positive(nameof(read.MaximumCacheTtl), read.MaximumCacheTtl, failures) ?? options.MaximumCacheTtl;
        options.MaximumNegativeTtl = Positive(nameof(read.MaximumNegativeTtl), read.MaximumNegativeTtl, failures) ?? options.MaximumNegativeTtl;
        options.FailureTtl = Positive(nameof(read.FailureTtl), read.FailureTtl, failures) ?? options.FailureTtl;
        if (read.Limits is { } limits)
        {
            ResolverLimits current = options.Limits;
            options.Limits = new ResolverLimits
            {
                QueriesPerResolution = limits.QueriesPerResolution ?? current.QueriesPerResolution,
                Referrals = limits.Referrals ?? current.Referrals,
                NameServerDepth = limits.NameServerDepth ?? current.NameServerDepth,
                CnameLinks = limits.CnameLinks ?? current.CnameLinks,
                DelegationCacheSize = limits.DelegationCacheSize ?? current.DelegationCacheSize,
            };
        }

        if (read.Validation is { } validation)
        {
            options.Validation = Validation(validation, options.Validation, failures);
        }
    }

    private ValidatorOptions Validation(ResolverConfiguration.ValidationSection read, ValidatorOptions current, List<string> failures)
    {
        const string Prefix = nameof(ResolverConfiguration.Validation) + ":";
        AlgorithmPolicy policy = current.Policy;
        if (read.Policy is { } readPolicy)
        {
            policy = new AlgorithmPolicy
            {
                AllowDsa = readPolicy.AllowDsa ?? policy.AllowDsa,
                AllowSha1 = readPolicy.AllowSha1 ?? policy.AllowSha1,
                MaxNsec3Iterations = readPolicy.MaxNsec3Iterations ?? policy.MaxNsec3Iterations,
                MinRsaModulusBits = readPolicy.MinRsaModulusBits ?? policy.MinRsaModulusBits,
            };
        }

        ValidationLimits limits = current.Limits;
        if (read.Limits is { } readLimits)
        {
            limits = new ValidationLimits
            {
                SignatureAttemptsPerRRset = readLimits.SignatureAttemptsPerRRset ?? limits.SignatureAttemptsPerRRset,
                SignatureAttemptsPerAnswer = readLimits.SignatureAttemptsPerAnswer ?? limits.SignatureAttemptsPerAnswer,
                KeyTagCollisions = readLimits.KeyTagCollisions ?? limits.KeyTagCollisions,
                DsMismatches = readLimits.DsMismatches ?? limits.DsMismatches,
                Nsec3HashesPerAnswer = readLimits.Nsec3HashesPerAnswer ?? limits.Nsec3HashesPerAnswer,
                ChainLength = readLimits.ChainLength ?? limits.ChainLength,
                DelegationDepth = readLimits.DelegationDepth ?? limits.DelegationDepth,
            };
        }

        return new ValidatorOptions
        {
            Policy = policy,
            Limits = limits,
            CheckSupplementalRecords = read.CheckSupplementalRecords ?? current.CheckSupplementalRecords,
            RequireEveryDsAlgorithm = read.RequireEveryDsAlgorithm ?? current.RequireEveryDsAlgorithm,
            HardenDnssecStripped = read.HardenDnssecStripped ?? current.HardenDnssecStripped,
            MinimumClockSkew = NotNegative(Prefix + nameof(read.MinimumClockSkew), read.MinimumClockSkew, failures) ?? current.MinimumClockSkew,
            MaximumClockSkew = NotNegative(Prefix + nameof(read.MaximumClockSkew), read.MaximumClockSkew, failures) ?? current.MaximumClockSkew,
            FailureTtl = Positive(Prefix + nameof(read.FailureTtl), read.FailureTtl, failures) ?? current.FailureTtl,
            MaximumKeyTtl = Positive(Prefix + nameof(read.MaximumKeyTtl), read.MaximumKeyTtl, failures) ?? current.MaximumKeyTtl,
            RememberVerifiedSignatures = current.RememberVerifiedSignatures,
        };
    }

    /// <summary>
    /// Reads an address list written as children (<c>Servers:0</c>, <c>Servers:1</c>, as JSON arrays and environment
    /// variables give them) or as one value separated by commas or spaces; the list replaces what was there. A value that
    /// <paramref name="parse"/> does not give is reported as not <paramref name="expected"/>, or with the problem it gives.
    /// </summary>
    private void ReadAddresses<T>(string key, List<string> failures, Func<string, (T? Value, string? Problem)> parse, string expected, ICollection<T> into)
        where T : class
    {
        List<(string Path, string Text)> items = ConfigurationSections.Items(section.GetSection(key));
        if (items.Count == 0)
        {
            return;
        }

        var parsed = new List<T>();
        foreach ((string path, string text) in items)
        {
            (T? value, string? problem) = parse(text);
            if (value is not null)
            {
                parsed.Add(value);
            }
            else
            {
                failures.Add($"{path}: {problem ?? $"'{text}' is not {expected}"}");
            }
        }

        into.Clear();
        foreach (T value in parsed)
        {
            into.Add(value);
        }
    }

    private TEnum ParseEnum<TEnum>(string key, string? text, List<string> failures, TEnum current)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return current;
        }

        if (System.Enum.TryParse(text, ignoreCase: true, out TEnum value) && System.Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0]))
        {
            return value;
        }

        failures.Add($"{PathOf(key)}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return current;
    }

    private AddressFamily? Family(string text, List<string> failures)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "IPV4" or "INTERNETWORK":
                return AddressFamily.InterNetwork;
            case "IPV6" or "INTERNETWORKV6":
                return AddressFamily.InterNetworkV6;
            case "" or "ANY" or "BOTH":
                return null;
            default:
                failures.Add($"{PathOf(nameof(ResolverConfiguration.AddressFamily))}: '{text}' is not IPv4, IPv6 or Any");
                return null;
        }
    }

    private string? ExistingFile(string key, string path, List<string> failures)
    {
        if (File.Exists(path))
        {
            return path;
        }

        failures.Add($"{PathOf(key)}: the file '{path}' does not exist");
        return null;
    }

    private TrustAnchorSet? LoadAnchors(string key, string path, List<string> failures)
    {
        try
        {
            var set = new TrustAnchorSet();
            string text = File.ReadAllText(path);
            if (text.TrimStart().StartsWith('<'))
            {
                // root-anchors.xml keys keep their validity windows, so a key rollover in the file needs no restart.
                set.AddRootAnchors(TrustAnchorFile.ParseRootAnchorsXml(text, path));
            }
            else
            {
                set.Add(TrustAnchorFile.Load(path, timeProvider.GetUtcNow()));
            }

            return set;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{PathOf(key)}: cannot read '{path}': {exception.Message}");
        }
        catch (FormatException exception)
        {
            failures.Add($"{PathOf(key)}: {exception.Message}");
        }

        return null;
    }

    private long? Range(string key, long? value, long minimum, long maximum, List<string> failures)
    {
        if (value is { } given && (given < minimum || given > maximum))
        {
            failures.Add($"{PathOf(key)}: {given} is out of range; it must be {minimum} to {maximum}");
            return null;
        }

        return value;
    }

    private int? Range(string key, int? value, int minimum, int maximum, List<string> failures) =>
        (int?)Range(key, (long?)value, minimum, maximum, failures);

    private TimeSpan? Positive(string key, TimeSpan? value, List<string> failures)
    {
        if (value is { } given && given <= TimeSpan.Zero)
        {
            failures.Add($"{PathOf(key)}: {given} must be longer than zero (hh:mm:ss)");
            return null;
        }

        return value;
    }

    private TimeSpan? NotNegative(string key, TimeSpan? value, List<string> failures)
    {
        if (value is { } given && given < TimeSpan.Zero)
        {
            failures.Add($"{PathOf(key)}: {given} must not be negative (hh:mm:ss)");
            return null;
        }

        return value;
    }

    private string PathOf(string key) => ConfigurationSections.PathOf(section, key);
}
