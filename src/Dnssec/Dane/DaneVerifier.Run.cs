using System.Security.Cryptography.X509Certificates;
using Dnssec.Wire;

namespace Dnssec.Dane;

public sealed partial class DaneVerifier
{
    /// <summary>One record that matched a certificate, and what the checks its usage requires then said.</summary>
    private readonly record struct Outcome(DaneFailure Failure, TlsaData Record, int Depth, string Reason);

    /// <summary>The outcome of ordinary PKIX validation: the chain as built, leaf first, and the problem if any.</summary>
    private sealed record PkixChain(bool Valid, IReadOnlyList<byte[]> Elements, string Problem);

    /// <summary>The state of one <see cref="Verify"/> call, so that the PKIX chain is built at most once.</summary>
    private sealed class Run(IReadOnlyList<X509Certificate2> chain, CertificateParts[] parts, List<TlsaData> usable, IReadOnlyList<string> referenceIdentifiers, DaneVerifierOptions options)
    {
        private PkixChain? _pkix;

        public IReadOnlyList<X509Certificate2> Chain { get; } = chain;

        public CertificateParts[] Parts { get; } = parts;

        public List<TlsaData> Usable { get; } = usable;

        public IReadOnlyList<string> ReferenceIdentifiers { get; } = referenceIdentifiers;

        public DaneVerifierOptions Options { get; } = options;

        public List<Outcome> Outcomes { get; } = [];

        public void Add(DaneFailure failure, TlsaData record, int depth, string reason) => Outcomes.Add(new Outcome(failure, record, depth, reason));

        public PkixChain Pkix(DaneVerifier verifier) => _pkix ??= verifier.BuildPkixChain(this);
    }
}
