using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

/// <summary>
/// Fuzzes the whole DANE verification: the input (<see cref="DaneInput"/>) is a chain of DER certificates, a TLSA
/// RRset, reference identifiers, PKIX anchors, options and a time, and <see cref="DaneVerifier.Verify"/> judges it —
/// usable-record selection and digest agility, DANE-EE, the DANE-TA walk with signatures and carried anchors, the
/// chain checks (extensions, purposes, path length, name constraints), host names, and PKIX. Before that, each
/// certificate's bytes go through the readers one by one: the TLSA matcher for every selector and matching type, the
/// part and key locators, the extension, name and name-constraint readers, and the host-name matcher.
/// </summary>
/// <remarks>
/// Nothing in the library documents an exception for malformed certificates or chains: a verdict names the problem.
/// Two exceptions from outside the verifier are expected and caught: <see cref="CryptographicException"/> when the
/// platform cannot load a certificate (such a certificate is left out of the chain, as a TLS stack could not have
/// handed it over) and <see cref="DnsFormatException"/> for TLSA RDATA shorter than its fixed fields. Invariants: the
/// two key locators agree, records made from the located content match it, a verdict is consistent (a record and a
/// depth exactly when one matched, the depth within the chain), and a DANE-EE record made from the leaf's key always
/// authenticates a chain whose certificates are DER.
/// </remarks>
public sealed class CertificateTarget : IFuzzTarget
{
    /// <summary>The time the verifier judges by unless the input says otherwise; the seed chains are valid then.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc/>
    public string Name => "certificate";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input) => Verdict(input);

    /// <summary>Runs one input through every reader and the verifier, checks the invariants, and returns the verdict.</summary>
    public static DaneResult Verdict(ReadOnlySpan<byte> input)
    {
        DaneInput decoded = DaneInput.Decode(input);
        var records = new List<TlsaData>();
        foreach (byte[] data in decoded.Records)
        {
            try
            {
                records.Add(TlsaData.Parse(data));
            }
            catch (DnsFormatException)
            {
                // Documented for RDATA shorter than usage, selector and matching type; such a record is not in the set.
            }
        }

        foreach (byte[] certificate in decoded.Chain.Concat(decoded.PkixAnchors))
        {
            CheckReaders(certificate, decoded.Names);
        }

        foreach (TlsaData record in records)
        {
            if (record.Selector == (byte)TlsaSelector.Cert && record.MatchingType == (byte)TlsaMatchingType.Full)
            {
                CheckReaders(record.AssociationData.ToArray(), decoded.Names);
            }
        }

        List<X509Certificate2> chain = Load(decoded.Chain);
        List<X509Certificate2> anchors = Load(decoded.PkixAnchors);
        try
        {
            DaneVerifierOptions options = Options(decoded, anchors);
            DaneResult result = new DaneVerifier(options).Verify(chain, records, decoded.Names);
            CheckVerdict(result, chain.Count, records.Count);
            CheckDaneEndEntity(chain, decoded.Names, options.TimeProvider);
            return result;
        }
        finally
        {
            foreach (X509Certificate2 certificate in chain.Concat(anchors))
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The readers on one certificate's bytes, whatever they are.</summary>
    private static void CheckReaders(byte[] certificate, List<string> names)
    {
        bool located = CertificateDer.TryLocateParts(certificate, out CertificateParts parts);
        bool keyLocated = CertificateDer.TryLocateSubjectPublicKeyInfo(certificate, out Range key);
        FuzzCheck.That(!located || (keyLocated && key.Equals(parts.SubjectPublicKeyInfo)), "The two locators disagree on the SubjectPublicKeyInfo");
        CheckMatcher(certificate, TlsaSelector.Cert, CertificateDer.IsSequence(certificate), certificate);
        CheckMatcher(certificate, TlsaSelector.SPKI, keyLocated, keyLocated ? certificate.AsSpan()[key] : default);
        if (!located)
        {
            return;
        }

        if (!CertificateExtensions.TryRead(certificate, parts, out CertificateExtensions facts, out string problem))
        {
            FuzzCheck.That(problem.Length > 0, "An unreadable certificate came without a reason");
            return;
        }

        CertificateAuthorityKind authority = TlsServerPurpose.AuthorityOf(facts);
        _ = TlsServerPurpose.LeafProblem(facts);
        _ = TlsServerPurpose.IssuerProblem(facts, authority);
        if (facts.NameConstraints is { } constraints && !constraints.Allows(facts, leaf: true, out string outside))
        {
            FuzzCheck.That(outside.Length > 0, "A name constraint violation came without a reason");
        }

        foreach (GeneralName name in facts.AlternativeNames)
        {
            if (name.Kind == GeneralNameKind.DnsName)
            {
                string presented = Encoding.Latin1.GetString(name.Value.Span);
                foreach (string host in names)
                {
                    // A name matches itself when it is a plain host name (no wildcard, no NUL).
                    bool matches = HostNamePattern.Matches(presented, host);
                    FuzzCheck.That(matches || presented != host || presented.Length == 0 || presented.Contains('*', StringComparison.Ordinal) || presented.Contains('\0', StringComparison.Ordinal), $"The DNS name '{host}' does not match itself");
                }
            }
        }
    }

    private static void CheckMatcher(byte[] certificate, TlsaSelector selector, bool readable, ReadOnlySpan<byte> selected)
    {
        Span<byte> sha256 = stackalloc byte[32];
        Span<byte> sha512 = stackalloc byte[64];
        SHA256.HashData(selected, sha256);
        SHA512.HashData(selected, sha512);
        TlsaMatchResult expected = readable ? TlsaMatchResult.Match : TlsaMatchResult.MalformedCertificate;
        FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.SHA2256, sha256) == expected, $"SHA2-256 of the {selector} content did not give {expected}");
        FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.SHA2512, sha512) == expected, $"SHA2-512 of the {selector} content did not give {expected}");
        if (readable && CertificateDer.IsSequence(selected))
        {
            FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.Full, selected) == TlsaMatchResult.Match, $"Full {selector} content did not match itself");
        }
    }

    /// <summary>The certificates the platform can load; the others are left out, as a TLS stack would never hand them over.</summary>
    private static List<X509Certificate2> Load(List<byte[]> encoded)
    {
        var loaded = new List<X509Certificate2>();
        foreach (byte[] der in encoded)
        {
            try
            {
                loaded.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException)
            {
                // Not a certificate to the platform.
            }
        }

        return loaded;
    }

    private static DaneVerifierOptions Options(DaneInput input, List<X509Certificate2> anchors)
    {
        // PKIX never falls back to the system store here: an input without anchors has none.
        var options = new DaneVerifierOptions
        {
            DaneEeNameChecks = input.Flags.HasFlag(DaneInputFlags.DaneEeNameChecks),
            PkixTrustAnchors = [.. anchors],
            TimeProvider = new FixedTimeProvider(input.Now ?? DefaultNow),
            MaxChainLength = input.Flags.HasFlag(DaneInputFlags.ShortChains) ? 2 : DaneVerifierOptions.DefaultMaxChainLength,
        };
        if (input.Flags.HasFlag(DaneInputFlags.Sha256First))
        {
            options.DigestPreference.Clear();
            options.DigestPreference.Add(TlsaMatchingType.SHA2256);
            options.DigestPreference.Add(TlsaMatchingType.SHA2512);
        }

        return options;
    }

    private static void CheckVerdict(DaneResult result, int certificates, int records)
    {
        FuzzCheck.That(result.Reason.Length > 0, "A verdict came without a reason");
        FuzzCheck.That(result.UsableRecords >= 0 && result.UsableRecords <= records, $"{result.UsableRecords} usable records out of {records}");
        FuzzCheck.That(result.MatchedRecord.HasValue == result.Depth.HasValue, "A verdict has a record without a depth or a depth without a record");
        bool unmatched = result.Failure is DaneFailure.NoMatch or DaneFailure.NoUsableRecords or DaneFailure.MalformedCertificate;
        FuzzCheck.That(unmatched != result.MatchedRecord.HasValue, $"A verdict of {result.Failure} {(unmatched ? "names" : "lacks")} the record that matched");

        // A 2 0 0 certificate counts one above the last chain certificate.
        FuzzCheck.That(result.Depth is null || (result.Depth >= 0 && result.Depth <= certificates), $"Depth {result.Depth} for a chain of {certificates}");
    }

    /// <summary>RFC 7671 §5.1: a DANE-EE record for the leaf's key authenticates, whatever else the chain holds.</summary>
    private static void CheckDaneEndEntity(List<X509Certificate2> chain, List<string> names, TimeProvider time)
    {
        if (chain.Count == 0 || !CertificateDer.TryLocateSubjectPublicKeyInfo(chain[0].RawDataMemory.Span, out Range key))
        {
            return;
        }

        foreach (X509Certificate2 certificate in chain)
        {
            if (!CertificateDer.TryLocateParts(certificate.RawDataMemory.Span, out _))
            {
                return;
            }
        }

        byte[] digest = SHA256.HashData(chain[0].RawDataMemory.Span[key]);
        TlsaData record = TlsaData.Parse(TlsaData.Encode((byte)TlsaUsage.DANEEE, (byte)TlsaSelector.SPKI, (byte)TlsaMatchingType.SHA2256, digest));
        DaneResult result = new DaneVerifier(new DaneVerifierOptions { PkixTrustAnchors = [], TimeProvider = time }).Verify(chain, [record], names);
        FuzzCheck.That(result.Authenticated && result.Depth == 0, $"A DANE-EE record for the leaf's key did not authenticate: {result.Reason}");
    }
}
