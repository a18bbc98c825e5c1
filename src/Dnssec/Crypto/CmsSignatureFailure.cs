namespace Dnssec.Crypto;

/// <summary>Why a detached CMS signature was refused, or <see cref="None"/> when it was accepted.</summary>
public enum CmsSignatureFailure
{
    /// <summary>The signature verified: nothing failed.</summary>
    None,

    /// <summary>The signature, a certificate or the CA bundle is not well-formed (not DER, not PEM, empty or cut short).</summary>
    Malformed,

    /// <summary>The signature does not verify over the content: the content or the signature was changed.</summary>
    BadSignature,

    /// <summary>The signer's certificate does not chain to any of the given CA certificates.</summary>
    UntrustedChain,

    /// <summary>A certificate of the path had expired at the time of the check.</summary>
    Expired,

    /// <summary>A certificate of the path was not yet valid at the time of the check.</summary>
    NotYetValid,

    /// <summary>The signature verified and chains to a given CA, but its signer is not the expected one.</summary>
    AnotherSigner,

    /// <summary>The signer's certificate is not for signing: its key usage or extended key usage excludes it.</summary>
    NotForSigning,
}
