using Microsoft.Win32.SafeHandles;

namespace Dnssec.Crypto;

/// <summary>An OpenSSL EVP_PKEY_CTX initialised for verification; it holds its own reference to the key.</summary>
internal sealed class EvpPkeyContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the P/Invoke marshaller fills it in.</summary>
    public EvpPkeyContextHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.FreeKeyContext(handle);
        return true;
    }
}
