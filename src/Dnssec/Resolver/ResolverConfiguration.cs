namespace Dnssec.Resolver;

/// <summary>
/// The shape of a resolver's configuration section, filled by the configuration binder's source generator (no
/// reflection, so the library stays trimmable); every value is nullable, so that only the keys present change
/// <see cref="ResolverOptions"/>. The address lists, enums and files are read and checked by <see cref="ResolverConfigurationReader"/>.
/// </summary>
internal sealed class ResolverConfiguration
{
    public string? ResolvConfPath { get; set; }

    public string? Mode { get; set; }

    public bool? FallbackToIterative { get; set; }

    public string? RootHintsPath { get; set; }

    public string? TlsCaFile { get; set; }

    public bool? DohUseGet { get; set; }

    public int? AuthorityPort { get; set; }

    public string? TrustAnchorsPath { get; set; }

    public string? AnchorStatePath { get; set; }

    public bool? RefreshAnchorsInBackground { get; set; }

    public TimeSpan? Timeout { get; set; }

    public int? Attempts { get; set; }

    public bool? Rotate { get; set; }

    public bool? UseTcp { get; set; }

    public string? AddressFamily { get; set; }

    public int? UdpPayloadSize { get; set; }

    public long? CacheSize { get; set; }

    public long? CacheBytes { get; set; }

    public bool? AggressiveNsec { get; set; }

    public bool? QnameMinimisation { get; set; }

    public TimeSpan? MaximumCacheTtl { get; set; }

    public TimeSpan? MaximumNegativeTtl { get; set; }

    public TimeSpan? FailureTtl { get; set; }

    public LimitsSection? Limits { get; set; }

    public ValidationSection? Validation { get; set; }

    /// <summary>The keys of <see cref="ResolverLimits"/>.</summary>
    internal sealed class LimitsSection
    {
        public int? QueriesPerResolution { get; set; }

        public int? Referrals { get; set; }

        public int? NameServerDepth { get; set; }

        public int? CnameLinks { get; set; }

        public int? DelegationCacheSize { get; set; }
    }

    /// <summary>The keys of <see cref="Validation.ValidatorOptions"/>.</summary>
    internal sealed class ValidationSection
    {
        public bool? CheckSupplementalRecords { get; set; }

        public bool? RequireEveryDsAlgorithm { get; set; }

        public bool? HardenDnssecStripped { get; set; }

        public TimeSpan? MinimumClockSkew { get; set; }

        public TimeSpan? MaximumClockSkew { get; set; }

        public TimeSpan? FailureTtl { get; set; }

        public TimeSpan? MaximumKeyTtl { get; set; }

        public PolicySection? Policy { get; set; }

        public ValidationLimitsSection? Limits { get; set; }
    }

    /// <summary>The keys of <see cref="Crypto.AlgorithmPolicy"/>.</summary>
    internal sealed class PolicySection
    {
        public bool? AllowDsa { get; set; }

        public bool? AllowSha1 { get; set; }

        public int? MaxNsec3Iterations { get; set; }

        public int? MinRsaModulusBits { get; set; }
    }

    /// <summary>The keys of <see cref="Validation.ValidationLimits"/>.</summary>
    internal sealed class ValidationLimitsSection
    {
        public int? SignatureAttemptsPerRRset { get; set; }

        public int? SignatureAttemptsPerAnswer { get; set; }

        public int? KeyTagCollisions { get; set; }

        public int? DsMismatches { get; set; }

        public int? Nsec3HashesPerAnswer { get; set; }

        public int? ChainLength { get; set; }

        public int? DelegationDepth { get; set; }
    }
}
