namespace Dnssec.Zones;

/// <summary>How <see cref="ZoneSigner"/> signs a zone: validity period, denial of existence and NSEC3 parameters.</summary>
public sealed class ZoneSigningOptions
{
    /// <summary>The start of every signature's validity.</summary>
    public required DateTimeOffset Inception { get; init; }

    /// <summary>The end of every signature's validity.</summary>
    public required DateTimeOffset Expiration { get; init; }

    /// <summary>The chain that proves non-existence; NSEC by default.</summary>
    public DenialOfExistence Denial { get; init; } = DenialOfExistence.Nsec;

    /// <summary>The NSEC3 salt; empty by default, as RFC 9276 §3.1 recommends.</summary>
    public ReadOnlyMemory<byte> Nsec3Salt { get; init; }

    /// <summary>The NSEC3 extra iterations; 0 by default, as RFC 9276 §3.1 recommends.</summary>
    public ushort Nsec3Iterations { get; init; }

    /// <summary>Whether NSEC3 skips unsigned delegations, setting the Opt-Out flag (RFC 5155 §6).</summary>
    public bool Nsec3OptOut { get; init; }
}
