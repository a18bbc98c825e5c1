using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>The verdict of <see cref="DaneVerifier"/>: whether the server is authenticated, by which record, at what depth, or why not.</summary>
public sealed class DaneResult
{
    internal DaneResult(DaneFailure failure, TlsaData? matchedRecord, int? depth, string reason, int usableRecords)
    {
        Failure = failure;
        MatchedRecord = matchedRecord;
        Depth = depth;
        Reason = reason;
        UsableRecords = usableRecords;
    }

    /// <summary>Whether a usable record matched and all the checks its usage requires passed.</summary>
    public bool Authenticated => Failure == DaneFailure.None;

    /// <summary>Why the server was not authenticated, or <see cref="DaneFailure.None"/>.</summary>
    public DaneFailure Failure { get; }

    /// <summary>The record that matched (also when a later check failed), or null when none did.</summary>
    public TlsaData? MatchedRecord { get; }

    /// <summary>
    /// The chain position (0 = leaf) of the certificate the record matched; a DANE-TA certificate given in the record
    /// counts one above the chain certificate it signed, a DANE-TA key given in the record the depth of the certificate it signed.
    /// </summary>
    public int? Depth { get; }

    /// <summary>A sentence that names the record, the certificate and the check that decided.</summary>
    public string Reason { get; }

    /// <summary>How many of the TLSA records were usable after digest agility (RFC 7671 §9).</summary>
    public int UsableRecords { get; }
}
