using Dnssec.Wire;

namespace Dnssec.Zones;

/// <summary>What <see cref="ZoneVerifier"/> checked in a zone and every fault it found.</summary>
public sealed class ZoneVerificationResult
{
    internal ZoneVerificationResult(DnsName origin, DenialOfExistence denial, IReadOnlyList<DnssecAlgorithm> algorithms, int rrsets, int signatures, int validSignatures, IReadOnlyList<ZoneProblem> problems)
    {
        Origin = origin;
        Denial = denial;
        Algorithms = algorithms;
        RRsetCount = rrsets;
        SignatureCount = signatures;
        ValidSignatureCount = validSignatures;
        Problems = problems;
    }

    /// <summary>The zone's apex.</summary>
    public DnsName Origin { get; }

    /// <summary>The denial-of-existence chain the zone uses.</summary>
    public DenialOfExistence Denial { get; }

    /// <summary>The algorithms of the zone keys; every authoritative RRset needs a signature by each.</summary>
    public IReadOnlyList<DnssecAlgorithm> Algorithms { get; }

    /// <summary>The number of RRsets that should be signed.</summary>
    public int RRsetCount { get; }

    /// <summary>The number of RRSIG records checked.</summary>
    public int SignatureCount { get; }

    /// <summary>The number of RRSIG records that verified.</summary>
    public int ValidSignatureCount { get; }

    /// <summary>Every fault, in canonical order of owner.</summary>
    public IReadOnlyList<ZoneProblem> Problems { get; }

    /// <summary>Whether the zone has no fault.</summary>
    public bool IsValid => Problems.Count == 0;
}
