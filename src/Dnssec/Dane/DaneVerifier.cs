using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>
/// Authenticates a TLS server's certificate chain with its TLSA records (RFC 6698, RFC 7671): DANE-EE(3) and PKIX-EE(1)
/// against the leaf, DANE-TA(2) by walking the chain to a trust anchor that a record names or carries, PKIX-TA(0)
/// against the PKIX-validated chain. Unusable records are ignored; digest agility follows RFC 7671 §9.
/// </summary>
public sealed partial class DaneVerifier
{
    private readonly DaneVerifierOptions _options;

    /// <summary>Creates a verifier; without options, the defaults of RFC 7671.</summary>
    public DaneVerifier(DaneVerifierOptions? options = null) => _options = options ?? new DaneVerifierOptions();

    /// <summary>Judges a chain as the server sent it (leaf first) against a TLSA RRset and the names the client expects.</summary>
    /// <param name="chain">The server's certificates, leaf first.</param>
    /// <param name="records">The RDATA of the TLSA RRset, already proven Secure.</param>
    /// <param name="referenceIdentifiers">
    /// The names the leaf may carry (RFC 7671 §7, RFC 7672 §3.2.2); the first is the TLSA base domain.
    /// </param>
    public DaneResult Verify(IReadOnlyList<X509Certificate2> chain, IEnumerable<TlsaData> records, IReadOnlyList<string> referenceIdentifiers)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(referenceIdentifiers);
        List<TlsaData> usable = SelectUsable(records);
        if (chain.Count == 0)
        {
            return new DaneResult(DaneFailure.MalformedCertificate, null, null, "the server sent no certificate", usable.Count);
        }

        var parsed = new CertificateParts[chain.Count];
        for (int i = 0; i < chain.Count; i++)
        {
            if (!CertificateDer.TryLocateParts(chain[i].RawDataMemory.Span, out parsed[i]))
            {
                return new DaneResult(DaneFailure.MalformedCertificate, null, null, $"certificate {i} of the chain is not DER X.509", usable.Count);
            }
        }

        if (usable.Count == 0)
        {
            return new DaneResult(DaneFailure.NoUsableRecords, null, null, "no TLSA record is usable: each has an unknown usage, selector or matching type, a digest not accepted, or malformed data", 0);
        }

        var run = new Run(chain, parsed, usable, referenceIdentifiers, _options);
        VerifyEndEntity(run);
        VerifyDaneTrustAnchor(run);
        VerifyPkixTrustAnchor(run);
        return Decide(run);
    }

    /// <summary>
    /// Drops unusable records (RFC 7671 §4.1) and, per usage and selector, digest records other than the most preferred
    /// matching type present (RFC 7671 §9): a weaker digest beside a stronger one must not be able to authenticate.
    /// </summary>
    internal List<TlsaData> SelectUsable(IEnumerable<TlsaData> records)
    {
        var usable = new List<TlsaData>();
        foreach (TlsaData record in records)
        {
            var matchingType = (TlsaMatchingType)record.MatchingType;
            bool digest = matchingType != TlsaMatchingType.Full;
            if (record.CertificateUsage > (byte)TlsaUsage.DANEEE
                || !TlsaMatcher.IsUsable((TlsaSelector)record.Selector, matchingType, record.AssociationData.Span)
                || (digest && !_options.DigestPreference.Contains(matchingType))
                || (!digest && record.Selector == (byte)TlsaSelector.Cert && !CertificateDer.TryLocateParts(record.AssociationData.Span, out _)))
            {
                continue;
            }

            usable.Add(record);
        }

        return usable.FindAll(record => record.MatchingType == (byte)TlsaMatchingType.Full || record.MatchingType == (byte)StrongestPresent(usable, record));
    }

    private TlsaMatchingType StrongestPresent(List<TlsaData> usable, TlsaData of)
    {
        foreach (TlsaMatchingType preferred in _options.DigestPreference)
        {
            if (usable.Exists(r => r.CertificateUsage == of.CertificateUsage && r.Selector == of.Selector && r.MatchingType == (byte)preferred))
            {
                return preferred;
            }
        }

        return (TlsaMatchingType)of.MatchingType;
    }

    private void VerifyEndEntity(Run run)
    {
        ReadOnlySpan<byte> leaf = run.Chain[0].RawDataMemory.Span;
        foreach (TlsaData record in run.Usable)
        {
            if (record.CertificateUsage is not ((byte)TlsaUsage.DANEEE or (byte)TlsaUsage.PKIXEE) || TlsaMatcher.Match(leaf, record) != TlsaMatchResult.Match)
            {
                continue;
            }

            string matched = $"{Describe(record)} matched the leaf {Subject(run.Chain[0])}";
            if (record.CertificateUsage == (byte)TlsaUsage.DANEEE)
            {
                if (_options.DaneEeNameChecks && !NamesMatch(run))
                {
                    run.Add(DaneFailure.NameMismatch, record, 0, $"{matched}, but {NameProblem(run)}");
                }
                else
                {
                    string names = _options.DaneEeNameChecks ? "its name matches" : "names and dates are not checked (RFC 7671 §5.1)";
                    run.Add(DaneFailure.None, record, 0, $"{matched}; {names}");
                }

                continue;
            }

            PkixChain pkix = run.Pkix(this);
            if (!pkix.Valid)
            {
                run.Add(DaneFailure.PkixInvalid, record, 0, $"{matched}, but PKIX validation failed: {pkix.Problem}");
            }
            else if (!NamesMatch(run))
            {
                run.Add(DaneFailure.NameMismatch, record, 0, $"{matched}, but {NameProblem(run)}");
            }
            else
            {
                run.Add(DaneFailure.None, record, 0, $"{matched}; the chain passes PKIX validation and the name matches");
            }
        }
    }

    private static DaneResult Decide(Run run)
    {
        Outcome? best = null;
        foreach (Outcome outcome in run.Outcomes)
        {
            bool better = best is not { } current
                || (outcome.Failure == DaneFailure.None && current.Failure != DaneFailure.None)
                || ((outcome.Failure == DaneFailure.None) == (current.Failure == DaneFailure.None) && outcome.Depth < current.Depth);
            if (better)
            {
                best = outcome;
            }
        }

        if (best is { } chosen)
        {
            return new DaneResult(chosen.Failure, chosen.Record, chosen.Depth, chosen.Reason, run.Usable.Count);
        }

        string tried = string.Join("; ", run.Usable.Select(Describe));
        return new DaneResult(DaneFailure.NoMatch, null, null, $"no usable TLSA record matched the {run.Chain.Count} certificate(s) of the chain ({tried})", run.Usable.Count);
    }

    private static bool NamesMatch(Run run) => ReferenceIdentifiers.MatchesAny(run.Chain[0], run.ReferenceIdentifiers);

    private static string NameProblem(Run run) =>
        $"the leaf {Subject(run.Chain[0])} matches none of the reference identifiers {string.Join(", ", run.ReferenceIdentifiers)}";

    private static string Describe(TlsaData record)
    {
        string text = TlsaText.Format(record);
        string shown = text.Length > 40 ? text[..40] + "…" : text;
        return $"TLSA {shown}";
    }

    private static string Subject(X509Certificate2 certificate) => certificate.Subject.Length == 0 ? "(empty subject)" : $"'{certificate.Subject}'";
}
