namespace Dnssec.Differential.Generation;

/// <summary>A signed zone's denial of existence: NSEC, or NSEC3 with its parameters.</summary>
public sealed class DenialSpec
{
    /// <summary>NSEC or NSEC3.</summary>
    public required DenialKind Kind { get; init; }

    /// <summary>The NSEC3 salt in hex, empty for none.</summary>
    public string Salt { get; init; } = "";

    /// <summary>Additional NSEC3 hash iterations; above <see cref="SignerIterationLimit"/> only ldns-signzone signs the zone.</summary>
    public int Iterations { get; init; }

    /// <summary>NSEC3 opt-out (RFC 5155 §6): unsigned delegations are left out of the chain.</summary>
    public bool OptOut { get; init; }

    /// <summary>The most iterations BIND 9.18's dnssec-signzone accepts ("NSEC3 iterations too big. Maximum iterations allowed 150").</summary>
    public const int SignerIterationLimit = 150;

    /// <summary>The kind as the coverage report names it.</summary>
    public string Describe() => Kind == DenialKind.Nsec
        ? "nsec"
        : "nsec3" + (OptOut ? "-optout" : "") + (Salt.Length > 0 ? "-salt" : "") + (Iterations switch { 0 => "", > SignerIterationLimit => "-iterations>150", _ => "-iterations" });
}
