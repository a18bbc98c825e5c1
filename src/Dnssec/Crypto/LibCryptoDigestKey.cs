namespace Dnssec.Crypto;

/// <summary>
/// An RSA or ECDSA public key inside libcrypto with a few key contexts initialised once for verification: a context
/// is the expensive part of a verification through EVP, and one may not be used by two threads at once, so each call
/// takes one from a lock-free pool and puts it back.
/// </summary>
internal sealed class LibCryptoDigestKey
{
    private readonly EvpPkeyHandle _key;
    private readonly IntPtr _digest;
    private readonly int _padding;
    private readonly EvpPkeyContextHandle?[] _idle;

    private LibCryptoDigestKey(EvpPkeyHandle key, IntPtr digest, int padding, EvpPkeyContextHandle first)
    {
        _key = key;
        _digest = digest;
        _padding = padding;
        // As many contexts as threads that can verify at the same moment; more are made and freed only under contention.
        _idle = new EvpPkeyContextHandle?[Math.Clamp(Environment.ProcessorCount, 1, 16)];
        _idle[0] = first;
    }

    /// <summary>Wraps <paramref name="key"/> for signatures over <paramref name="digest"/>, with RSA <paramref name="padding"/> or 0; null when libcrypto cannot set it up.</summary>
    public static LibCryptoDigestKey? Create(EvpPkeyHandle key, IntPtr digest, int padding)
    {
        EvpPkeyContextHandle? first = LibCrypto.NewVerifyContext(key, digest, padding);
        return first is null ? null : new LibCryptoDigestKey(key, digest, padding, first);
    }

    /// <summary>Whether <paramref name="signature"/>, in the form libcrypto expects, signs <paramref name="digest"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        EvpPkeyContextHandle? context = Rent();
        if (context is null)
        {
            return false;
        }

        bool valid = LibCrypto.VerifyDigest(context, signature, digest);
        Return(context);
        return valid;
    }

    private EvpPkeyContextHandle? Rent()
    {
        for (int i = 0; i < _idle.Length; i++)
        {
            EvpPkeyContextHandle? context = Interlocked.Exchange(ref _idle[i], null);
            if (context is not null)
            {
                return context;
            }
        }

        return LibCrypto.NewVerifyContext(_key, _digest, _padding);
    }

    private void Return(EvpPkeyContextHandle context)
    {
        for (int i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[i], context, null) is null)
            {
                return;
            }
        }

        context.Dispose();
    }
}
