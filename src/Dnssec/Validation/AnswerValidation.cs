using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The verdict on a whole response: the combined status (the weakest link of every RRset and proof the answer rests
/// on), its error code and reason, each RRset's own verdict, and the zones of the chain of trust it used.
/// </summary>
public sealed class AnswerValidation
{
    internal AnswerValidation(DnsQuestion question, DnsResponseCode responseCode, ValidationResult result, IReadOnlyList<RRsetValidation> rrsets, IReadOnlyList<ValidationResult> proofs, IReadOnlyList<ZoneKeys> chain, uint ttl, DnsName finalName, ValidationBudget budget, IReadOnlyList<RRsetValidation> authority, IReadOnlyList<RRsetValidation> additional, uint? proofTtl)
    {
        ProofTtl = proofTtl;
        Authority = authority;
        Additional = additional;
        Question = question;
        ResponseCode = responseCode;
        Result = result;
        RRsets = rrsets;
        Proofs = proofs;
        Chain = chain;
        Ttl = ttl;
        FinalName = finalName;
        SignaturesChecked = budget.SignaturesUsed;
        Nsec3HashesComputed = budget.HashesUsed;
    }

    /// <summary>The question answered.</summary>
    public DnsQuestion Question { get; }

    /// <summary>The response code of the response.</summary>
    public DnsResponseCode ResponseCode { get; }

    /// <summary>The combined status, code and reason.</summary>
    public ValidationResult Result { get; }

    /// <summary>The combined status.</summary>
    public SecurityStatus Status => Result.Status;

    /// <summary>The verdict on each answer RRset, in the order the CNAME/DNAME chain was followed.</summary>
    public IReadOnlyList<RRsetValidation> RRsets { get; }

    /// <summary>
    /// A verdict on each authority RRset, in response order: the SOA, NSEC and NSEC3 RRsets a proof checked carry
    /// their own; the rest (NS and the like) are checked only when <see cref="ValidatorOptions.CheckSupplementalRecords"/>
    /// is set, and are Indeterminate otherwise. None of them changes <see cref="Result"/>.
    /// </summary>
    public IReadOnlyList<RRsetValidation> Authority { get; }

    /// <summary>A verdict on each additional RRset (glue and the like), judged as the unchecked authority RRsets are.</summary>
    public IReadOnlyList<RRsetValidation> Additional { get; }

    /// <summary>The denial-of-existence proofs the answer needed (NXDOMAIN, NODATA, wildcard), each with its verdict.</summary>
    public IReadOnlyList<ValidationResult> Proofs { get; }

    /// <summary>The zone results of the chain of trust, anchor first, each zone once.</summary>
    public IReadOnlyList<ZoneKeys> Chain { get; }

    /// <summary>The TTL the answer may be cached for: the least of its RRsets' capped TTLs.</summary>
    public uint Ttl { get; }

    /// <summary>
    /// The TTL the answer's denial proofs may be used for: the least capped TTL of the NSEC, NSEC3 and SOA RRsets they
    /// rest on, and of the SOA's MINIMUM (RFC 2308 §5, RFC 9077 §3); null when no proof was needed or none was checked.
    /// A negative or wildcard answer lives no longer than this.
    /// </summary>
    public uint? ProofTtl { get; }

    /// <summary>The name at the end of the CNAME/DNAME chain, which the data or denial is for.</summary>
    public DnsName FinalName { get; }

    /// <summary>
    /// The signature verifications this answer cost, its chain of trust included (zones already in the key cache cost
    /// none); at most <see cref="ValidationLimits.SignatureAttemptsPerAnswer"/>.
    /// </summary>
    public int SignaturesChecked { get; }

    /// <summary>The NSEC3 hashes this answer cost; at most <see cref="ValidationLimits.Nsec3HashesPerAnswer"/>.</summary>
    public int Nsec3HashesComputed { get; }
}
