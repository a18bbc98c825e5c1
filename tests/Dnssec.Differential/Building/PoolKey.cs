using Dnssec.Wire;

namespace Dnssec.Differential.Building;

/// <summary>A key dnssec-keygen made for the pool: its public key, the private key file's text, and the algorithm and size it was made with.</summary>
public sealed record PoolKey(int Index, DnssecAlgorithm Algorithm, int Bits, byte[] PublicKey, string PrivateText)
{
    /// <summary>The pool's name for the key: algorithm, size and index.</summary>
    public override string ToString() => $"{(int)Algorithm}-{Bits}-{Index}";
}
