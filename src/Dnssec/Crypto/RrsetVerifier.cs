using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>
/// Checks an RRSIG over an RRset with a DNSKEY (RFC 4035 §5.3): the RRSIG's fields against the RRset and key, its
/// validity period against an injected clock, then the signature over the canonical RRset (RFC 4034 §3.1.8.1, §6).
/// </summary>
public sealed class RrsetVerifier
{
    /// <summary>The least clock skew tolerated around a signature's validity period, as Unbound's val-sig-skew-min.</summary>
    public static readonly TimeSpan DefaultMinimumClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>The most clock skew tolerated, as Unbound's val-sig-skew-max.</summary>
    public static readonly TimeSpan DefaultMaximumClockSkew = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly VerifiedSignatures _verified = new(VerifierCache.DefaultCapacity);
    private long _remembered;

    /// <summary>Creates a verifier that decodes keys through <paramref name="keys"/> and reads the time from <paramref name="timeProvider"/>.</summary>
    public RrsetVerifier(VerifierCache? keys = null, TimeProvider? timeProvider = null)
    {
        Keys = keys ?? new VerifierCache();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The cache of decoded keys, which also carries the algorithm policy.</summary>
    public VerifierCache Keys { get; }

    /// <summary>
    /// Whether a signature that verified is remembered, so that the same signature over the same data with the same key
    /// is not verified again (on by default); benchmarks of the verification itself turn it off.
    /// </summary>
    internal bool RemembersVerified { get; init; } = true;

    /// <summary>The checks whose signature had verified before with the same key over the same data, so was not verified again; for tests.</summary>
    internal long Remembered => Interlocked.Read(ref _remembered);

    /// <summary>
    /// The least skew allowed: a signature is accepted this long before its inception and after its expiration. The
    /// skew used is a tenth of the signature's validity period, kept between this and <see cref="MaximumClockSkew"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MinimumClockSkew
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultMinimumClockSkew;

    /// <summary>The most skew allowed; it wins when set below <see cref="MinimumClockSkew"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaximumClockSkew
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultMaximumClockSkew;

    /// <summary>Checks <paramref name="rrsig"/> over <paramref name="rrset"/> with the key <paramref name="dnskey"/>.</summary>
    /// <param name="rrset">The records of one RRset: one owner, type and class.</param>
    /// <param name="rrsig">An RRSIG record covering the RRset.</param>
    /// <param name="dnskey">A DNSKEY record of the signer.</param>
    public SignatureCheck Verify(IReadOnlyList<DnsRecord> rrset, DnsRecord rrsig, DnsRecord dnskey)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(rrsig);
        ArgumentNullException.ThrowIfNull(dnskey);
        if (rrset.Count == 0)
        {
            throw new ArgumentException("The RRset is empty.", nameof(rrset));
        }

        DnsRecord first = rrset[0];
        RrsigData signature = RrsigData.From(rrsig);
        SignatureFailure failure = CheckFields(first, rrsig, signature);
        if (failure != SignatureFailure.None)
        {
            return Fail(failure, first, signature, dnskey);
        }

        // Compared in wire form: a DnsName for the signer would be an allocation on every check.
        if (!AsciiCase.EqualsIgnoreCase(signature.SignerNameWire, dnskey.Owner.WireForm))
        {
            return Fail(SignatureFailure.SignerMismatch, first, signature, dnskey);
        }

        VerifierCache.CachedKey key = Keys.Lookup(dnskey.Data.Span);
        failure = CheckKey(first, rrset, signature, dnskey, key);
        if (failure != SignatureFailure.None)
        {
            return Fail(failure, first, signature, dnskey, key.Error);
        }

        failure = CheckTimes(signature);
        if (failure != SignatureFailure.None)
        {
            return Fail(failure, first, signature, dnskey);
        }

        ReadOnlySpan<byte> signedData = SignedData.Build(rrset, signature.SignedFields.Span, signature.Labels, signature.OriginalTtl);
        if (!SignatureVerifies(key.Verifier!, dnskey, signedData, signature.Signature.Span))
        {
            return Fail(SignatureFailure.InvalidSignature, first, signature, dnskey);
        }

        // The sentence is written only if someone reads it: most successes are never described.
        return new SignatureCheck(dnskey, first, rrsig);
    }

    /// <summary>Whether the signature verifies: remembered from an earlier success, or checked by the key now (and remembered).</summary>
    private bool SignatureVerifies(DnskeyVerifier verifier, DnsRecord dnskey, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        if (!RemembersVerified)
        {
            return verifier.Verify(signedData, signature);
        }

        VerifiedSignatures.SignatureDigest digest = VerifiedSignatures.Digest(dnskey.Data.Span, signedData, signature);
        if (_verified.Contains(digest))
        {
            Interlocked.Increment(ref _remembered);
            return true;
        }

        if (!verifier.Verify(signedData, signature))
        {
            return false;
        }

        _verified.Add(digest);
        return true;
    }

    /// <summary>The sentence for a signature that verified.</summary>
    internal static string DescribeVerified(DnsRecord first, DnsRecord rrsig)
    {
        RrsigData signature = RrsigData.From(rrsig);
        return $"{Describe(first, signature)} verified with DNSKEY {signature.KeyTag}";
    }

    /// <summary>Whether the RRSIG's times cover now, with skew (RFC 4035 §5.3.1, RFC 1982).</summary>
    public SignatureFailure CheckTimes(RrsigData signature)
    {
        uint inception = signature.SignatureInception;
        uint expiration = signature.SignatureExpiration;
        if (SerialNumber.Compare(inception, expiration) > 0)
        {
            return SignatureFailure.InceptionAfterExpiration;
        }

        uint now = SerialNumber.FromTime(_time.GetUtcNow());
        uint period = unchecked(expiration - inception);
        // Not Math.Clamp: a maximum set below the default minimum must cap the skew, not throw on every check.
        long skew = Math.Min(Math.Max(period / 10, (long)MinimumClockSkew.TotalSeconds), (long)MaximumClockSkew.TotalSeconds);
        if (SerialNumber.Compare(now, inception) < 0 && unchecked(inception - now) > skew)
        {
            return SignatureFailure.NotYetValid;
        }

        if (SerialNumber.Compare(now, expiration) > 0 && unchecked(now - expiration) > skew)
        {
            return SignatureFailure.Expired;
        }

        return SignatureFailure.None;
    }

    private static SignatureFailure CheckFields(DnsRecord first, DnsRecord rrsig, RrsigData signature)
    {
        if (rrsig.Class != first.Class || !rrsig.Owner.Equals(first.Owner))
        {
            return SignatureFailure.OwnerMismatch;
        }

        if (signature.TypeCovered != first.Type)
        {
            return SignatureFailure.TypeCoveredMismatch;
        }

        // RFC 4035 §5.3.1: the labels field must not exceed the owner's label count.
        if (signature.Labels > first.Owner.LabelCount)
        {
            return SignatureFailure.LabelsMismatch;
        }

        return NameCodec.IsAtOrBelow(first.Owner.WireForm, signature.SignerNameWire) ? SignatureFailure.None : SignatureFailure.SignerNotAncestor;
    }

    private SignatureFailure CheckKey(DnsRecord first, IReadOnlyList<DnsRecord> rrset, RrsigData signature, DnsRecord dnskey, VerifierCache.CachedKey key)
    {
        DnskeyData keyData = DnskeyData.From(dnskey);
        if (key.KeyTag != signature.KeyTag)
        {
            return SignatureFailure.KeyTagMismatch;
        }

        if (keyData.Algorithm != signature.Algorithm)
        {
            return SignatureFailure.AlgorithmMismatch;
        }

        if (keyData.Protocol != DnskeyData.DnssecProtocol)
        {
            return SignatureFailure.InvalidKeyProtocol;
        }

        if (!keyData.IsZoneKey)
        {
            return SignatureFailure.NotZoneKey;
        }

        // RFC 5011 §7: a revoked key may only vouch for the DNSKEY RRset that announces its revocation.
        if (keyData.IsRevoked && !(first.Type == RecordType.DNSKEY && Contains(rrset, dnskey)))
        {
            return SignatureFailure.KeyRevoked;
        }

        if (key.Verifier is null)
        {
            return Keys.Policy.GetSupport(keyData.Algorithm) == AlgorithmSupport.Supported
                ? SignatureFailure.InvalidKey
                : SignatureFailure.UnsupportedAlgorithm;
        }

        return SignatureFailure.None;
    }

    private static bool Contains(IReadOnlyList<DnsRecord> rrset, DnsRecord record)
    {
        foreach (DnsRecord candidate in rrset)
        {
            if (candidate.Data.Span.SequenceEqual(record.Data.Span))
            {
                return true;
            }
        }

        return false;
    }

    private SignatureCheck Fail(SignatureFailure failure, DnsRecord first, RrsigData signature, DnsRecord dnskey, string? keyError = null)
    {
        DnsName signer = signature.SignerName;
        string detail = failure switch
        {
            SignatureFailure.OwnerMismatch => "has a different owner or class from the RRset",
            SignatureFailure.TypeCoveredMismatch => $"covers type {signature.TypeCovered}, not {first.Type}",
            SignatureFailure.LabelsMismatch => $"has labels {signature.Labels}, more than the owner's {first.Owner.LabelCount}",
            SignatureFailure.SignerNotAncestor => $"names signer {signer}, which is not an ancestor of the owner",
            SignatureFailure.SignerMismatch => $"names signer {signer}, but the DNSKEY belongs to {dnskey.Owner}",
            SignatureFailure.KeyTagMismatch => $"names key tag {signature.KeyTag}, but the DNSKEY's tag is {KeyTag.Compute(dnskey)}",
            SignatureFailure.AlgorithmMismatch => $"uses algorithm {(byte)signature.Algorithm}, but the DNSKEY is algorithm {dnskey.Data.Span[3]}",
            SignatureFailure.InvalidKeyProtocol => "was checked against a DNSKEY whose protocol is not 3",
            SignatureFailure.NotZoneKey => "was checked against a DNSKEY without the Zone Key flag",
            SignatureFailure.KeyRevoked => $"was made by DNSKEY {signature.KeyTag}, which is revoked",
            SignatureFailure.UnsupportedAlgorithm => $"cannot be checked: {keyError}",
            SignatureFailure.InvalidKey => $"cannot be checked: {keyError}",
            SignatureFailure.InceptionAfterExpiration => $"has inception {Time(signature.SignatureInception)} after expiration {Time(signature.SignatureExpiration)}",
            SignatureFailure.Expired => $"expired {Time(signature.SignatureExpiration)}",
            SignatureFailure.NotYetValid => $"is not valid before {Time(signature.SignatureInception)}",
            _ => first.Ttl != signature.OriginalTtl
                ? $"does not verify with DNSKEY {signature.KeyTag} (its original TTL {signature.OriginalTtl} differs from the RRset's {first.Ttl})"
                : $"does not verify with DNSKEY {signature.KeyTag}",
        };
        return new SignatureCheck(failure, dnskey, $"{Describe(first, signature)} {detail}");
    }

    private string Time(uint serial) =>
        SerialNumber.ToTime(serial, _time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(DnsRecord first, RrsigData signature) =>
        $"RRSIG for {first.Owner} {first.Type} (algorithm {(byte)signature.Algorithm}, key {signature.KeyTag})";
}
