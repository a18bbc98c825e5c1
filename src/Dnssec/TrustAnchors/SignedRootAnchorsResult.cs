using Dnssec.Crypto;

namespace Dnssec.TrustAnchors;

/// <summary>The outcome of bootstrapping from a signed root-anchors.xml: its keys, or why the signature was refused.</summary>
public sealed class SignedRootAnchorsResult
{
    internal SignedRootAnchorsResult(CmsSignatureFailure failure, string reason, IReadOnlyList<RootAnchorKey> keys)
    {
        Failure = failure;
        Reason = reason;
        Keys = keys;
    }

    /// <summary>Whether the signature was accepted and <see cref="Keys"/> holds the file's keys.</summary>
    public bool IsVerified => Failure == CmsSignatureFailure.None;

    /// <summary>What failed, or <see cref="CmsSignatureFailure.None"/> when the signature was accepted.</summary>
    public CmsSignatureFailure Failure { get; }

    /// <summary>A sentence naming the file and what decided the verdict: the signer and CA, or what failed.</summary>
    public string Reason { get; }

    /// <summary>Every key of the verified file, valid or not at any time; empty when the signature was refused.</summary>
    public IReadOnlyList<RootAnchorKey> Keys { get; }

    /// <summary>A trust-anchor set holding the verified keys, each used only inside its validFrom–validUntil window.</summary>
    /// <exception cref="InvalidOperationException">The signature was refused.</exception>
    public TrustAnchorSet CreateTrustAnchorSet()
    {
        if (!IsVerified)
        {
            throw new InvalidOperationException($"The root anchors were not verified: {Reason}");
        }

        var set = new TrustAnchorSet();
        set.AddRootAnchors(Keys);
        return set;
    }
}
