using BenchmarkDotNet.Attributes;
using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Benchmarks;

/// <summary>
/// Validating whole answers with a warm key cache (the chain of trust already proven), beside the raw signature
/// verifications those answers need, so the ratio is the validator's own overhead: a signed positive answer (one
/// RRSIG) and an NSEC3 NXDOMAIN (SOA and NSEC3 RRSIGs plus the hashing), in an ECDSA P-256 zone.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private DnssecValidator _validator = null!;
    private DnsQuestion _positiveQuestion = null!;
    private DnsMessage _positive = null!;
    private DnsQuestion _nxdomainQuestion = null!;
    private DnsMessage _nxdomain = null!;
    private (DnskeyVerifier Key, byte[] Data, byte[] Signature)[] _positiveSignatures = [];
    private (DnskeyVerifier Key, byte[] Data, byte[] Signature)[] _nxdomainSignatures = [];

    /// <summary>Builds the hierarchy, resolves both answers and validates them once to warm the key cache.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", zone =>
        {
            zone.Denial = DenialOfExistence.Nsec3;
            zone.Records = "www A 192.0.2.1\nmail A 192.0.2.25\nftp A 192.0.2.21";
        });
        hierarchy.Build();
        // Each run validates the same response again: remembered signatures would measure the memo, not the validation.
        _validator = hierarchy.Validator(new ValidatorOptions { RememberVerifiedSignatures = false });
        _positiveQuestion = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A);
        _positive = hierarchy.Authority.Resolve(_positiveQuestion)!;
        _nxdomainQuestion = new DnsQuestion(DnsName.Parse("nothere.example.test."), RecordType.A);
        _nxdomain = hierarchy.Authority.Resolve(_nxdomainQuestion)!;
        if (PositiveAnswer() != SecurityStatus.Secure || Nsec3NxdomainAnswer() != SecurityStatus.Secure)
        {
            throw new InvalidOperationException("The benchmark answers do not validate.");
        }

        IReadOnlyList<DnsRecord> keys = hierarchy.SignedZones[DnsName.Parse("example.test.")].Where(r => r.Type == RecordType.DNSKEY).ToList();
        _positiveSignatures = RawWork(_positive.Answers, keys);
        _nxdomainSignatures = RawWork(_nxdomain.Authorities, keys);
    }

    /// <summary>The one signature verification the positive answer needs.</summary>
    [Benchmark(Baseline = true)]
    public int PositiveRaw() => VerifyAll(_positiveSignatures);

    /// <summary>Validating the positive answer: grouping, chain lookup in the key cache, RRSIG checks, canonical form, TTL capping.</summary>
    [Benchmark]
    public SecurityStatus PositiveAnswer() => Finished(_validator.ValidateAsync(_positiveQuestion, _positive)).Status;

    /// <summary>The signature verifications the NSEC3 NXDOMAIN needs (SOA and each NSEC3).</summary>
    [Benchmark]
    public int Nsec3NxdomainRaw() => VerifyAll(_nxdomainSignatures);

    /// <summary>Validating the NSEC3 NXDOMAIN: the same signatures, the hashes and the closest-encloser proof.</summary>
    [Benchmark]
    public SecurityStatus Nsec3NxdomainAnswer() => Finished(_validator.ValidateAsync(_nxdomainQuestion, _nxdomain)).Status;

    // The in-memory hierarchy answers synchronously, so the result is read without a Task; were it ever pending, this
    // waits on one rather than reading a ValueTask that has not finished.
    private static T Finished<T>(ValueTask<T> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static int VerifyAll((DnskeyVerifier Key, byte[] Data, byte[] Signature)[] work)
    {
        int valid = 0;
        foreach ((DnskeyVerifier key, byte[] data, byte[] signature) in work)
        {
            valid += key.Verify(data, signature) ? 1 : 0;
        }

        return valid;
    }

    /// <summary>For each signed RRset, the key, signed octets and signature, computed once so the baseline is the bare verification.</summary>
    private static (DnskeyVerifier, byte[], byte[])[] RawWork(List<DnsRecord> section, IReadOnlyList<DnsRecord> keys)
    {
        var work = new List<(DnskeyVerifier, byte[], byte[])>();
        foreach (DnsRRset rrset in DnsRRset.Group(section))
        {
            if (rrset.Signatures.Count == 0)
            {
                continue;
            }

            RrsigData signature = RrsigData.From(rrset.Signatures[0]);
            DnsRecord key = keys.Single(k => KeyTag.Compute(k) == signature.KeyTag);
            DnskeyVerifier verifier = DnskeyVerifier.Create(signature.Algorithm, DnskeyData.From(key).PublicKey.Span, AlgorithmPolicy.Default, out _)!;
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            System.Buffers.BuffersExtensions.Write(output, signature.SignedFields.Span);
            CanonicalOrder.WriteRRset(rrset.Owner, rrset.Type, rrset.Class, signature.OriginalTtl, rrset.Records, output);
            work.Add((verifier, output.WrittenSpan.ToArray(), signature.Signature.ToArray()));
        }

        return [.. work];
    }
}
