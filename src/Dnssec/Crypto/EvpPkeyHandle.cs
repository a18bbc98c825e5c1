using Microsoft.Win32.SafeHandles;

namespace Dnssec.Crypto;

/// <summary>An OpenSSL EVP_PKEY, freed when the verifier that owns it is collected or disposed.</summary>
internal sealed class EvpPkeyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle; the P/Invoke marshaller fills it in.</summary>
    public EvpPkeyHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.FreeKey(handle);
        return true;
    }
}
