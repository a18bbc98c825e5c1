using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>The signed in-process zones the DANE tests look TLSA records up in, and a resolver over them.</summary>
internal static class DaneTestZones
{
    /// <summary>
    /// Records of example.test. for SMTP: the apex's MX host `mx` publishes <paramref name="good"/>, `wrong`'s MX host
    /// publishes <paramref name="wrong"/>, and `bogus`'s MX host publishes <paramref name="good"/> with a signature that
    /// no longer matches (see <see cref="CorruptTlsa"/>).
    /// </summary>
    public static string MailRecords(int port, string good, string wrong) => $"""
        @ MX 10 mx
        mx A 127.0.0.1
        _{port}._tcp.mx TLSA {good}
        wrong MX 10 mxwrong
        mxwrong A 127.0.0.1
        _{port}._tcp.mxwrong TLSA {wrong}
        bogus MX 10 mxbogus
        mxbogus A 127.0.0.1
        _{port}._tcp.mxbogus TLSA {good}
        """;

    /// <summary>Flips the last octet of the TLSA record of <paramref name="host"/> after signing, so that its RRset is bogus.</summary>
    public static Action<List<DnsRecord>> CorruptTlsa(int port, string host) => zone =>
    {
        int index = zone.FindIndex(r => r.Type == RecordType.TLSA && r.Owner.ToString().StartsWith($"_{port}._tcp.{host}.", StringComparison.Ordinal));
        DnsRecord original = zone[index];
        byte[] altered = original.Data.ToArray();
        altered[^1] ^= 0xFF;
        zone[index] = new DnsRecord(original.Owner, original.Type, original.Class, original.Ttl, altered);
    };

    /// <summary>A stub resolver whose upstream answers from <paramref name="hierarchy"/>, built here, with its anchor and clock.</summary>
    public static DnssecResolver Resolver(TestHierarchy hierarchy)
    {
        hierarchy.Build();
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));
    }
}
