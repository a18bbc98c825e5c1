using System.Buffers;
using System.Net;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Dnssec.Crypto;
using Dnssec.Wire;
using Ar = ARSoft.Tools.Net;

namespace Dnssec.Benchmarks;

/// <summary>
/// Verifying one signed A RRset (two records) per algorithm: the whole RRset check (canonical form, field and time
/// checks, key lookup, signature) against the raw signature verification of the same bytes with a decoded key, and
/// against ARSoft.Tools.Net 3.6.1 verifying the same RRset. The raw verification is the baseline.
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private static readonly DnsName Zone = DnsName.Parse("example.");

    private List<DnsRecord> _rrset = [];
    private DnsRecord _rrsig = null!;
    private SigningKey _key = null!;
    private RrsetVerifier _verifier = null!;
    private DnskeyVerifier _raw = null!;
    private byte[] _signedData = [];
    private byte[] _signature = [];
    private Func<List<Ar.Dns.DnsRecordBase>, IEnumerable<Ar.Dns.DnsKeyRecord>, bool> _arsoftVerify = null!;
    private List<Ar.Dns.DnsRecordBase> _arsoftRecords = [];
    private Ar.Dns.DnsKeyRecord[] _arsoftKeys = [];

    /// <summary>The algorithms RFC 8624 lets a validator use.</summary>
    [Params(DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512, DnssecAlgorithm.RSASHA1, DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448)]
    public DnssecAlgorithm Algorithm { get; set; }

    /// <summary>Signs the RRset once and prepares every verifier with its key already decoded.</summary>
    [GlobalSetup]
    public void Setup()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        _key = SigningKey.Generate(Zone, Algorithm, DnskeyData.ZoneKeyFlag, rsaBits: 2048);
        DnsName owner = DnsName.Parse("www.example.");
        _rrset =
        [
            new DnsRecord(owner, RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 1 }),
            new DnsRecord(owner, RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 2 }),
        ];
        _rrsig = RrsetSigner.Sign(_rrset, _key, now.AddDays(-1), now.AddDays(30));
        // The same RRset is checked again and again: remembered signatures would measure the memo, not the verification.
        _verifier = new RrsetVerifier(new VerifierCache()) { RemembersVerified = false };
        _raw = DnskeyVerifier.Create(Algorithm, _key.PublicKey.Span, AlgorithmPolicy.Default, out string? error) ?? throw new InvalidOperationException(error);

        RrsigData signature = RrsigData.From(_rrsig);
        _signature = signature.Signature.ToArray();
        _signedData = [.. CanonicalSignedData(signature)];
        SetupArsoft(signature, owner);

        Check(RrsetCheck(), "RRset check");
        Check(RawVerify(), "raw verification");
        Check(ArsoftVerify(), "ARSoft.Tools.Net");
    }

    /// <summary>The raw signature verification with a decoded key, over precomputed signed data.</summary>
    [Benchmark(Baseline = true)]
    public bool RawVerify() => _raw.Verify(_signedData, _signature);

    /// <summary>Our whole RRset check: RRSIG fields, key lookup in the cache, validity time, canonical RRset, signature.</summary>
    [Benchmark]
    public bool RrsetCheck() => _verifier.Verify(_rrset, _rrsig, _key.Dnskey).IsValid;

    /// <summary>ARSoft.Tools.Net's RRset verification (RrSigRecord.Verify) of the same RRset and key.</summary>
    [Benchmark]
    public bool ArsoftVerify() => _arsoftVerify(_arsoftRecords, _arsoftKeys);

    private byte[] CanonicalSignedData(RrsigData signature)
    {
        // RFC 4034 §3.1.8.1, written out here so the raw baseline does not share code with what it is compared to.
        var output = new ArrayBufferWriter<byte>();
        byte[] fields = signature.SignedFields.ToArray();
        output.Write(fields);
        CanonicalOrder.WriteRRset(_rrset[0].Owner, RecordType.A, RecordClass.IN, signature.OriginalTtl, _rrset, output);
        return output.WrittenSpan.ToArray();
    }

    private void SetupArsoft(RrsigData signature, DnsName owner)
    {
        var arOwner = Ar.DomainName.Parse(owner.ToString());
        var arZone = Ar.DomainName.Parse(Zone.ToString());
        _arsoftRecords = [.. _rrset.Select(r => (Ar.Dns.DnsRecordBase)new Ar.Dns.ARecord(arOwner, (int)r.Ttl, new IPAddress(r.Data.Span)))];
        var arKey = new Ar.Dns.DnsKeyRecord(arZone, Ar.Dns.RecordClass.INet, 3600, Ar.Dns.DnsKeyFlags.Zone, 3, (Ar.Dns.DnsSecAlgorithm)(byte)Algorithm, _key.PublicKey.ToArray(), null);
        _arsoftKeys = [arKey];
        var arSig = new Ar.Dns.RrSigRecord(arOwner, Ar.Dns.RecordClass.INet, 3600, Ar.Dns.RecordType.A, (Ar.Dns.DnsSecAlgorithm)(byte)Algorithm, signature.Labels, (int)signature.OriginalTtl,
            DateTimeOffset.FromUnixTimeSeconds(signature.SignatureExpiration).UtcDateTime, DateTimeOffset.FromUnixTimeSeconds(signature.SignatureInception).UtcDateTime,
            signature.KeyTag, arZone, _signature);

        // RrSigRecord.Verify<T> is internal: bind it once here; the measured call is a plain delegate invocation.
        MethodInfo verify = typeof(Ar.Dns.RrSigRecord).GetMethod("Verify", BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(typeof(Ar.Dns.DnsRecordBase));
        _arsoftVerify = verify.CreateDelegate<Func<List<Ar.Dns.DnsRecordBase>, IEnumerable<Ar.Dns.DnsKeyRecord>, bool>>(arSig);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what} did not verify the benchmark's signature.");
        }
    }
}
