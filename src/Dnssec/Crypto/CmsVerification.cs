namespace Dnssec.Crypto;

/// <summary>The verdict on a detached CMS signature: accepted, or refused with what failed.</summary>
/// <param name="Failure">What failed, or <see cref="CmsSignatureFailure.None"/> when the signature was accepted.</param>
/// <param name="Reason">A sentence naming the certificate, signer or input that decided the verdict.</param>
internal sealed record CmsVerification(CmsSignatureFailure Failure, string Reason)
{
    /// <summary>Whether the signature was accepted.</summary>
    public bool IsValid => Failure == CmsSignatureFailure.None;

    /// <summary>A refusal for <paramref name="failure"/>.</summary>
    public static CmsVerification Refused(CmsSignatureFailure failure, string reason) => new(failure, reason);
}
