using System.Runtime.InteropServices;

namespace Dnssec.Crypto;

/// <summary>
/// The few OpenSSL libcrypto (3.x) functions that verify a signature with a key built once, called directly: going
/// through System.Security.Cryptography creates and configures a new key context on every verification, which costs
/// RSA a quarter of its speed, and .NET offers no Ed448 at all. <see cref="IsAvailable"/> is false where libcrypto
/// cannot be loaded or lacks a function used here; callers then use the portable verifiers.
/// </summary>
internal static partial class LibCrypto
{
    /// <summary>RSA_PKCS1_PADDING: RSASSA-PKCS1-v1_5, which RFC 3110 and RFC 5702 signatures use.</summary>
    public const int Pkcs1Padding = 1;

    /// <summary>EVP_PKEY_ED25519 (NID_ED25519).</summary>
    public const int Ed25519KeyType = 1087;

    /// <summary>EVP_PKEY_ED448 (NID_ED448).</summary>
    public const int Ed448KeyType = 1088;

    // Resolved by Resolve to the handle Load found, so the version the process already uses (.NET loads libcrypto.so.3) wins.
    private const string LibraryName = "dnssec-libcrypto";

    // Every function bound below: a library without one of them is not used at all, rather than failing halfway.
    private static readonly string[] RequiredExports =
    [
        "OpenSSL_version_num", "ERR_clear_error", "EVP_sha1", "EVP_sha256", "EVP_sha384", "EVP_sha512", "d2i_PUBKEY",
        "EVP_PKEY_new_raw_public_key", "EVP_PKEY_free", "EVP_PKEY_CTX_new", "EVP_PKEY_CTX_free", "EVP_PKEY_verify_init",
        "EVP_PKEY_CTX_set_signature_md", "EVP_PKEY_CTX_set_rsa_padding", "EVP_PKEY_verify", "EVP_MD_CTX_new",
        "EVP_MD_CTX_free", "EVP_MD_CTX_reset", "EVP_DigestVerifyInit", "EVP_DigestVerify",
    ];

    private static readonly IntPtr Library = Load();

    /// <summary>Whether libcrypto 3 was loaded with every function used here.</summary>
    public static bool IsAvailable { get; } = Library != IntPtr.Zero && VersionNumber() >= 0x3000_0000;

    /// <summary>EVP_sha1(); valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr Sha1 { get; } = IsAvailable ? GetSha1() : IntPtr.Zero;

    /// <summary>EVP_sha256(); valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr Sha256 { get; } = IsAvailable ? GetSha256() : IntPtr.Zero;

    /// <summary>EVP_sha384(); valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr Sha384 { get; } = IsAvailable ? GetSha384() : IntPtr.Zero;

    /// <summary>EVP_sha512(); valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr Sha512 { get; } = IsAvailable ? GetSha512() : IntPtr.Zero;

    /// <summary>Decodes a DER SubjectPublicKeyInfo; an invalid handle when libcrypto refuses it (a point off the curve, say).</summary>
    public static EvpPkeyHandle DecodePublicKey(byte[] subjectPublicKeyInfo)
    {
        // d2i_PUBKEY advances a pointer to its input, which a span cannot express: the input is copied to native memory.
        IntPtr buffer = Marshal.AllocHGlobal(subjectPublicKeyInfo.Length);
        try
        {
            Marshal.Copy(subjectPublicKeyInfo, 0, buffer, subjectPublicKeyInfo.Length);
            IntPtr cursor = buffer;
            EvpPkeyHandle key = D2iPublicKey(IntPtr.Zero, ref cursor, subjectPublicKeyInfo.Length);
            if (key.IsInvalid)
            {
                ClearErrors();
            }

            return key;
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>Builds an Ed25519 or Ed448 key from its raw public octets (RFC 8032 encoding).</summary>
    public static EvpPkeyHandle NewRawPublicKey(int keyType, ReadOnlySpan<byte> publicKey)
    {
        EvpPkeyHandle key = NewRawPublicKey(keyType, IntPtr.Zero, publicKey, (nuint)publicKey.Length);
        if (key.IsInvalid)
        {
            ClearErrors();
        }

        return key;
    }

    /// <summary>A key context ready for EVP_PKEY_verify with <paramref name="digest"/> and, when not zero, <paramref name="padding"/>; null when libcrypto refuses.</summary>
    public static EvpPkeyContextHandle? NewVerifyContext(EvpPkeyHandle key, IntPtr digest, int padding)
    {
        EvpPkeyContextHandle context = NewPkeyContext(key, IntPtr.Zero);
        if (!context.IsInvalid
            && VerifyInit(context) == 1
            && (padding == 0 || SetRsaPadding(context, padding) == 1)
            && SetSignatureDigest(context, digest) == 1)
        {
            return context;
        }

        context.Dispose();
        ClearErrors();
        return null;
    }

    /// <summary>EVP_PKEY_verify: whether <paramref name="signature"/> signs <paramref name="digest"/>; errors are cleared, never thrown.</summary>
    public static bool VerifyDigest(EvpPkeyContextHandle context, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> digest)
    {
        int result = PkeyVerify(context, signature, (nuint)signature.Length, digest, (nuint)digest.Length);
        if (result != 1)
        {
            ClearErrors();
        }

        return result == 1;
    }

    /// <summary>A new digest context, for one-shot EVP_DigestVerify; an invalid handle when out of memory.</summary>
    public static EvpMdContextHandle NewDigestContext() => NewMdContext();

    /// <summary>EVP_DigestVerify with no separate digest (Ed25519, Ed448): the context is reset and initialised for <paramref name="key"/> first.</summary>
    public static bool VerifyMessage(EvpMdContextHandle context, EvpPkeyHandle key, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message)
    {
        // Reset first: an initialised context would otherwise keep the key context of the previous key.
        int result = ResetMdContext(context) == 1 && DigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) == 1
            ? DigestVerify(context, signature, (nuint)signature.Length, message, (nuint)message.Length)
            : 0;
        if (result != 1)
        {
            ClearErrors();
        }

        return result == 1;
    }

    /// <summary>Frees an EVP_PKEY (for <see cref="EvpPkeyHandle"/>).</summary>
    public static void FreeKey(IntPtr key) => PkeyFree(key);

    /// <summary>Frees an EVP_PKEY_CTX (for <see cref="EvpPkeyContextHandle"/>).</summary>
    public static void FreeKeyContext(IntPtr context) => PkeyContextFree(context);

    /// <summary>Frees an EVP_MD_CTX (for <see cref="EvpMdContextHandle"/>).</summary>
    public static void FreeDigestContext(IntPtr context) => MdContextFree(context);

    // A failed call leaves entries on the thread's error queue, which libcrypto shares with .NET's own use of it.
    private static void ClearErrors() => ClearErrorQueue();

    private static IntPtr Load()
    {
        if (!OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        IntPtr library = IntPtr.Zero;
        foreach (string name in (ReadOnlySpan<string>)["libcrypto.so.3", "libcrypto.so"])
        {
            if (NativeLibrary.TryLoad(name, out library))
            {
                break;
            }
        }

        if (library == IntPtr.Zero)
        {
            return IntPtr.Zero;
        }

        foreach (string export in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(library, export, out _))
            {
                return IntPtr.Zero;
            }
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibCrypto).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another resolver was set for this assembly first; without ours the imports below would not bind.
            return IntPtr.Zero;
        }

        return library;
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath) =>
        name == LibraryName ? Library : IntPtr.Zero;

    [LibraryImport(LibraryName, EntryPoint = "OpenSSL_version_num")]
    private static partial nuint VersionNumber();

    [LibraryImport(LibraryName, EntryPoint = "ERR_clear_error")]
    private static partial void ClearErrorQueue();

    [LibraryImport(LibraryName, EntryPoint = "EVP_sha1")]
    private static partial IntPtr GetSha1();

    [LibraryImport(LibraryName, EntryPoint = "EVP_sha256")]
    private static partial IntPtr GetSha256();

    [LibraryImport(LibraryName, EntryPoint = "EVP_sha384")]
    private static partial IntPtr GetSha384();

    [LibraryImport(LibraryName, EntryPoint = "EVP_sha512")]
    private static partial IntPtr GetSha512();

    [LibraryImport(LibraryName, EntryPoint = "d2i_PUBKEY")]
    private static partial EvpPkeyHandle D2iPublicKey(IntPtr existing, ref IntPtr input, nint length);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    private static partial EvpPkeyHandle NewRawPublicKey(int type, IntPtr engine, ReadOnlySpan<byte> key, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_free")]
    private static partial void PkeyFree(IntPtr key);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_CTX_new")]
    private static partial EvpPkeyContextHandle NewPkeyContext(EvpPkeyHandle key, IntPtr engine);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_CTX_free")]
    private static partial void PkeyContextFree(IntPtr context);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_verify_init")]
    private static partial int VerifyInit(EvpPkeyContextHandle context);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_CTX_set_signature_md")]
    private static partial int SetSignatureDigest(EvpPkeyContextHandle context, IntPtr digest);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_CTX_set_rsa_padding")]
    private static partial int SetRsaPadding(EvpPkeyContextHandle context, int padding);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_verify")]
    private static partial int PkeyVerify(EvpPkeyContextHandle context, ReadOnlySpan<byte> signature, nuint signatureLength, ReadOnlySpan<byte> digest, nuint digestLength);

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_new")]
    private static partial EvpMdContextHandle NewMdContext();

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_free")]
    private static partial void MdContextFree(IntPtr context);

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_reset")]
    private static partial int ResetMdContext(EvpMdContextHandle context);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerifyInit")]
    private static partial int DigestVerifyInit(EvpMdContextHandle context, IntPtr keyContext, IntPtr digest, IntPtr engine, EvpPkeyHandle key);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerify")]
    private static partial int DigestVerify(EvpMdContextHandle context, ReadOnlySpan<byte> signature, nuint signatureLength, ReadOnlySpan<byte> message, nuint messageLength);
}
