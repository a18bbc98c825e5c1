namespace Dnssec.Crypto;

/// <summary>Why an RRSIG did not verify an RRset with a key; each maps to an RFC 4035 §5.3 rule.</summary>
public enum SignatureFailure
{
    /// <summary>The signature verified.</summary>
    None,
    /// <summary>The RRSIG's owner or class differs from the RRset's.</summary>
    OwnerMismatch,
    /// <summary>The RRSIG covers another type.</summary>
    TypeCoveredMismatch,
    /// <summary>The RRSIG's labels field exceeds the owner's label count.</summary>
    LabelsMismatch,
    /// <summary>The owner is not at or below the signer name.</summary>
    SignerNotAncestor,
    /// <summary>The signer name is not the owner of the DNSKEY.</summary>
    SignerMismatch,
    /// <summary>The key tag in the RRSIG is not the DNSKEY's.</summary>
    KeyTagMismatch,
    /// <summary>The RRSIG and DNSKEY algorithms differ.</summary>
    AlgorithmMismatch,
    /// <summary>The DNSKEY protocol field is not 3.</summary>
    InvalidKeyProtocol,
    /// <summary>The DNSKEY lacks the Zone Key flag.</summary>
    NotZoneKey,
    /// <summary>The DNSKEY has the REVOKE flag (RFC 5011 §7): it must not validate anything but its own revocation.</summary>
    KeyRevoked,
    /// <summary>The algorithm is not allowed by the policy or not implemented.</summary>
    UnsupportedAlgorithm,
    /// <summary>The public key could not be decoded.</summary>
    InvalidKey,
    /// <summary>The inception time is after the expiration time.</summary>
    InceptionAfterExpiration,
    /// <summary>The signature's validity ended before now.</summary>
    Expired,
    /// <summary>The signature's validity starts after now.</summary>
    NotYetValid,
    /// <summary>The cryptographic check failed: the data, signature, original TTL or key do not match.</summary>
    InvalidSignature,
}
