using Microsoft.Win32.SafeHandles;

namespace Dnssec.Crypto;

/// <summary>An OpenSSL EVP_MD_CTX, one per thread, reused for every Ed25519 and Ed448 verification on it.</summary>
internal sealed class EvpMdContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the P/Invoke marshaller fills it in.</summary>
    public EvpMdContextHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.FreeDigestContext(handle);
        return true;
    }
}
