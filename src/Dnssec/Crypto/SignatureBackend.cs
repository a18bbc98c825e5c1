namespace Dnssec.Crypto;

/// <summary>Which implementation a <see cref="DnskeyVerifier"/> verifies with.</summary>
internal enum SignatureBackend
{
    /// <summary>The backend measured fastest for the algorithm on this platform (see <see cref="DnskeyVerifier.ChooseBackend"/>).</summary>
    Measured,

    /// <summary>System.Security.Cryptography or BouncyCastle: available everywhere .NET runs.</summary>
    Portable,

    /// <summary>OpenSSL's libcrypto called directly; only where <see cref="LibCrypto.IsAvailable"/>.</summary>
    LibCrypto,
}
