using System.Net;
using Dnssec.Dane;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>
/// TLSA lookup programs against <see cref="IDnssecResolver"/>, so a hand-written fake can stand in for the resolver:
/// the verdicts here come from the fake's statuses alone, with no hierarchy, signer or network behind them.
/// </summary>
public class TlsaLookupFakeResolverTests
{
    private const string Tlsa = "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    [Fact]
    public async Task LookupAsync_SecureAddressesAndTlsa_Dane()
    {
        var resolver = new FakeResolver(SecurityStatus.Secure, SecurityStatus.Secure);

        TlsaLookupResult result = await new TlsaLookup(resolver).LookupAsync("mail.example.test", 25);

        Assert.Equal(TlsaLookupStatus.Dane, result.Status);
        Assert.Equal("mail.example.test", result.BaseDomain);
        Assert.Equal(Tlsa, TlsaText.Format(Assert.Single(result.Records)));
        Assert.Equal([IPAddress.Parse("192.0.2.25")], result.Addresses);
        Assert.Equal([(DnsName.Parse("mail.example.test."), 25, "tcp")], resolver.TlsaQuestions);
    }

    [Theory]
    [InlineData(SecurityStatus.Insecure, SecurityStatus.Secure, TlsaLookupStatus.NoDane, "insecure addresses: no TLSA lookup at all")]
    [InlineData(SecurityStatus.Bogus, SecurityStatus.Secure, TlsaLookupStatus.Failed, "bogus addresses fail closed")]
    [InlineData(SecurityStatus.Secure, SecurityStatus.Insecure, TlsaLookupStatus.NoDane, "an insecure TLSA RRset means no DANE")]
    [InlineData(SecurityStatus.Secure, SecurityStatus.Bogus, TlsaLookupStatus.Failed, "a bogus TLSA RRset fails closed")]
    [InlineData(SecurityStatus.Secure, SecurityStatus.Indeterminate, TlsaLookupStatus.Failed, "an indeterminate TLSA RRset fails closed")]
    public async Task LookupAsync_StatusesFromTheFake_DecideTheVerdict(SecurityStatus addresses, SecurityStatus tlsa, TlsaLookupStatus expected, string description)
    {
        var resolver = new FakeResolver(addresses, tlsa);

        TlsaLookupResult result = await new TlsaLookup(resolver).LookupAsync("mail.example.test", 25);

        Assert.True(expected == result.Status, $"{description}: {result.Reason}");
        Assert.Equal(addresses == SecurityStatus.Secure, resolver.TlsaQuestions.Count > 0);
    }

    /// <summary>An <see cref="IDnssecResolver"/> that answers every address question with one A record and every TLSA question with one record, with the statuses it was given.</summary>
    private sealed class FakeResolver(SecurityStatus addressStatus, SecurityStatus tlsaStatus) : IDnssecResolver
    {
        public List<(DnsName Host, int Port, string Protocol)> TlsaQuestions { get; } = [];

        public ValueTask<DnssecAnswer> ResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(type switch
            {
                RecordType.A => Answer(name, type, addressStatus, $"{name} 300 IN A 192.0.2.25"),
                RecordType.TLSA => Answer(name, type, tlsaStatus, $"{name} 300 IN TLSA {Tlsa}"),
                _ => Answer(name, type, addressStatus, null),
            });

        public ValueTask<DnssecAnswer> ResolveCheckingDisabledAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) =>
            ResolveAsync(name, type, cancellationToken);

        public async ValueTask<AddressAnswer> ResolveAddressesAsync(DnsName host, CancellationToken cancellationToken = default) =>
            new(await ResolveAsync(host, RecordType.A, cancellationToken), await ResolveAsync(host, RecordType.AAAA, cancellationToken));

        public ValueTask<DnssecAnswer> ResolveTlsaAsync(DnsName host, int port, string protocol = "tcp", CancellationToken cancellationToken = default)
        {
            TlsaQuestions.Add((host, port, protocol));
            DnsName service = DnsName.Parse($"_{port}._{protocol}.{host}");
            return ResolveAsync(service, RecordType.TLSA, cancellationToken);
        }

        private static DnssecAnswer Answer(DnsName name, RecordType type, SecurityStatus status, string? record)
        {
            bool failed = status is SecurityStatus.Bogus or SecurityStatus.Indeterminate;
            ValidationResult result = status switch
            {
                SecurityStatus.Secure => ValidationResult.Secure("the fake says so"),
                SecurityStatus.Insecure => ValidationResult.Insecure("the fake says so"),
                SecurityStatus.Bogus => ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, "the fake says so"),
                _ => ValidationResult.Indeterminate(ExtendedDnsErrorCode.DnssecIndeterminate, "the fake says so"),
            };
            AnswerSections sections = failed || record is null
                ? AnswerSections.Empty
                : new AnswerSections([new DnsRRset([.. ZoneFileReader.Parse(record)])], [], []);
            return new DnssecAnswer(new DnsQuestion(name, type), result, failed ? DnsResponseCode.ServFail : DnsResponseCode.NoError, sections, [], ResolutionPath.Stub, TimeSpan.FromMinutes(5));
        }
    }
}
