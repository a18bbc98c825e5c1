using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>The outcome of checking one RRSIG over an RRset: which key verified it, or why it did not.</summary>
/// <param name="Failure">Why the check failed, or <see cref="SignatureFailure.None"/>.</param>
/// <param name="Key">The DNSKEY record that verified the signature, or that the failure concerns.</param>
/// <param name="Reason">A sentence naming the RRset, the signature and what was wrong.</param>
public readonly record struct SignatureCheck(SignatureFailure Failure, DnsRecord? Key, string Reason)
{
    /// <summary>Whether the signature verified.</summary>
    public bool IsValid => Failure == SignatureFailure.None;
}
