using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>The outcome of checking one RRSIG over an RRset: which key verified it, or why it did not.</summary>
/// <param name="Failure">Why the check failed, or <see cref="SignatureFailure.None"/>.</param>
/// <param name="Key">The DNSKEY record that verified the signature, or that the failure concerns.</param>
/// <param name="Reason">A sentence naming the RRset, the signature and what was wrong.</param>
public readonly record struct SignatureCheck(SignatureFailure Failure, DnsRecord? Key, string Reason)
{
    // For a success: what the sentence names, kept so that it is written only when read.
    private readonly DnsRecord? _verifiedRecord;
    private readonly DnsRecord? _verifiedRrsig;

    /// <summary>A success whose reason is written on first read from the RRset's first record and the RRSIG.</summary>
    internal SignatureCheck(DnsRecord key, DnsRecord first, DnsRecord rrsig)
        : this(SignatureFailure.None, key, null!)
    {
        _verifiedRecord = first;
        _verifiedRrsig = rrsig;
    }

    /// <summary>A sentence naming the RRset, the signature and what was wrong, or which key verified it.</summary>
    public string Reason
    {
        get => field ?? (_verifiedRecord is null || _verifiedRrsig is null ? null! : RrsetVerifier.DescribeVerified(_verifiedRecord, _verifiedRrsig));
        init;
    } = Reason;

    /// <summary>Whether the signature verified.</summary>
    public bool IsValid => Failure == SignatureFailure.None;
}
