using System.Net;
using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Xunit.Abstractions;

namespace Dnssec.Tests.Interop;

/// <summary>
/// Issue 11 item 1 (the CVE-2017-15105 class) against real servers. A forging upstream (<see cref="ForgingProxy"/>)
/// stands in front of the hierarchy's non-validating Unbound and answers chosen questions with denials it builds from
/// wild.test.'s real signed records, fetched from that Unbound with DO=1: the NSEC of the wildcard *.wild.test. (whose
/// RRSIG has labels 2, so that it verifies under any owner below wild.test.) under another owner. A validating Unbound
/// that forwards to the forger (the reference, configured as the hierarchy's) and our resolver in stub mode asking the
/// forger (no fallback) must both call each forgery bogus, and both must have asked the forged question; with CD=1
/// Unbound hands the data out, so its SERVFAIL is validation's verdict. Everything else the forger passes through
/// unchanged, and honest answers through it are secure for both.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class ForgingUpstreamTests(BindHierarchy hierarchy, ITestOutputHelper output)
{
    // Beside the hierarchy's own resolvers (127.0.54.1 and .2), on the same port; the collection's lock keeps the
    // addresses ours.
    private static readonly IPAddress ProxyAddress = IPAddress.Parse("127.0.54.3");
    private static readonly IPAddress ValidatorAddress = IPAddress.Parse("127.0.54.4");

    private static readonly DnsName WildZone = DnsName.Parse("wild.test.");
    private static readonly DnsName Wildcard = DnsName.Parse("*.wild.test.");

    [Theory]
    [InlineData("www.wild.test.", "A")]
    [InlineData("a.wild.test.", "TXT")]
    [InlineData("www.signed.wild.test.", "A")]
    [InlineData("!.m.wild.test.", "MX")]
    public async Task Resolve_HonestAnswerThroughTheForger_IsSecureForUnboundAndUs(string name, string type)
    {
        await using World world = World.Start(hierarchy);
        // A forgery for another question: the forger is armed, and this one still passes through.
        world.Proxy.Forge(DnsName.Parse("x.wild.test."), RecordType.TXT, NxdomainForgery("x.wild.test.", RecordType.TXT));

        DnsMessage unbound = world.AskUnbound(name, type);
        DnssecAnswer ours = await world.AskOursAsync(name, type);

        Report(unbound, ours);
        Assert.True(unbound.ResponseCode == DnsResponseCode.NoError && (unbound.Flags & DnsHeaderFlags.AuthenticData) != 0, $"Unbound said {Describe(unbound)}");
        Assert.True(ours.Status == SecurityStatus.Secure, Describe(ours));
    }

    /// <summary>
    /// The forgery of the issue: the wildcard's NSEC renamed to !.wild.test. covers *.wild.test. (! sorts before *), so
    /// with the real NSEC that covers the query name (www.wild.test. NSEC wild.test., taken from the honest wildcard
    /// answer) and the SOA it "proves" that a name the wildcard answers does not exist.
    /// </summary>
    [Theory]
    [InlineData("x.wild.test.", "TXT")]
    [InlineData("x.wild.test.", "A")]
    [InlineData("y.z.wild.test.", "A")]
    public async Task Resolve_NxdomainWithTheWildcardNsecRenamedToCoverTheWildcard_IsBogusForUnboundAndUs(string name, string type)
    {
        await using World world = World.Start(hierarchy);
        DnsName question = DnsName.Parse(name);
        RecordType qtype = Mnemonics(type);
        world.Proxy.Forge(question, qtype, NxdomainForgery(name, qtype));

        await AssertBogusForBothAsync(world, question, qtype, question, qtype);
    }

    /// <summary>
    /// The wildcard's NSEC (next name *.m.wild.test.) renamed to !.m.wild.test. "matches" that name and stays in
    /// canonical order; its bitmap (A TXT RRSIG NSEC) lacks the MX that the wildcard *.m.wild.test. gives the name: a
    /// no-data answer denying synthesised data.
    /// </summary>
    [Fact]
    public async Task Resolve_NodataWithTheWildcardNsecRenamedInOrder_IsBogusForUnboundAndUs()
    {
        await using World world = World.Start(hierarchy);
        DnsName question = DnsName.Parse("!.m.wild.test.");
        Assert.Equal(DnsName.Parse("*.m.wild.test."), NsecData.From(WildcardNsec().Single(r => r.Type == RecordType.NSEC)).NextDomainName);
        world.Proxy.Forge(question, RecordType.MX, NodataForgery(question));

        await AssertBogusForBothAsync(world, question, RecordType.MX, question, RecordType.MX);
    }

    /// <summary>
    /// The wildcard's NSEC renamed to www.wild.test. "matches" that name, and its bitmap (A TXT RRSIG NSEC) lacks the
    /// AAAA that www.wild.test. has: a no-data answer denying it. Any existing name sorts after the wildcard and so at or
    /// after its NSEC's next name, which a validator that checks the order of owner and next name already refuses.
    /// </summary>
    [Fact]
    public async Task Resolve_NodataWithTheWildcardNsecRenamedToAnExistingName_IsBogusForUnboundAndUs()
    {
        await using World world = World.Start(hierarchy);
        DnsName question = DnsName.Parse("www.wild.test.");
        world.Proxy.Forge(question, RecordType.AAAA, NodataForgery(question));

        await AssertBogusForBothAsync(world, question, RecordType.AAAA, question, RecordType.AAAA);
    }

    /// <summary>
    /// The wildcard's NSEC renamed to signed.wild.test., the signed child's name, answers the DS query: a bitmap
    /// without DS. BIND does not load a wildcard owning NS ("invalid NS owner name (wildcard)"), so the bitmap has no NS
    /// either and the forgery claims that signed.wild.test. is no zone cut rather than an unsigned delegation; either
    /// way a validator that took it would no longer hold the child's signatures to the child's DS. As with any existing
    /// name, the renamed NSEC's next name sorts before its owner.
    /// </summary>
    [Theory]
    [InlineData("signed.wild.test.", "DS")]
    [InlineData("www.signed.wild.test.", "A")]
    [InlineData("signed.wild.test.", "DNSKEY")]
    public async Task Resolve_DsDeniedWithTheWildcardNsecRenamedToTheSignedChild_IsBogusForUnboundAndUs(string name, string type)
    {
        await using World world = World.Start(hierarchy);
        DnsName child = DnsName.Parse("signed.wild.test.");
        world.Proxy.Forge(child, RecordType.DS, NodataForgery(child));

        await AssertBogusForBothAsync(world, DnsName.Parse(name), Mnemonics(type), child, RecordType.DS);
    }

    /// <summary>
    /// The NSEC3 analogue in wild3.test. cannot be built from the zone's records: an NSEC3's owner is a hash, never a
    /// wildcard, so every RRSIG over an NSEC3 has as many labels as its owner and no NSEC3 verifies under another name.
    /// The closest a forger gets is the NSEC3 of *.wild3.test.'s hash under the hash just before it, which would cover
    /// the wildcard; its signature then no longer verifies, and both must say so.
    /// </summary>
    [Fact]
    public async Task Resolve_NxdomainWithTheWildcardsNsec3Renamed_CannotVerifyAndIsBogusForUnboundAndUs()
    {
        await using World world = World.Start(hierarchy);
        DnsName zone = DnsName.Parse("wild3.test.");
        DnsName question = DnsName.Parse("a.wild3.test.");
        // The wildcard no-data answer holds the NSEC3s of the apex (the closest encloser), of the wildcard's hash and the
        // one covering a.wild3.test.'s hash.
        DnsMessage nodata = Fetch("a.wild3.test.", RecordType.MX);
        var nsec3s = nodata.Authorities.Where(r => IsOrSigns(r, RecordType.NSEC3)).ToList();
        Assert.NotEmpty(nsec3s);
        foreach (DnsRecord signature in nsec3s.Where(r => r.Type == RecordType.RRSIG))
        {
            Assert.Equal(signature.Owner.LabelCount, RrsigData.From(signature).Labels);
        }

        DnsName wildcardHash = HashedOwner(DnsName.Parse("*.wild3.test."), zone);
        var wildcardNsec3 = nsec3s.Where(r => r.Owner == wildcardHash).ToList();
        Assert.True(wildcardNsec3.Count == 2, $"no NSEC3 for the wildcard's hash {wildcardHash} in the no-data answer");
        DnsName before = HashedOwnerJustBelow(wildcardHash, zone);
        var forged = new DnsMessage { ResponseCode = DnsResponseCode.NXDomain };
        forged.Authorities.AddRange(nodata.Authorities.Where(r => IsOrSigns(r, RecordType.SOA)));
        forged.Authorities.AddRange(nsec3s.Where(r => r.Owner != wildcardHash));
        forged.Authorities.AddRange(wildcardNsec3.Select(r => r.WithOwner(before)));
        world.Proxy.Forge(question, RecordType.TXT, forged);

        await AssertBogusForBothAsync(world, question, RecordType.TXT, question, RecordType.TXT);
    }

    private async Task AssertBogusForBothAsync(World world, DnsName question, RecordType type, DnsName forgedName, RecordType forgedType)
    {
        DnsMessage unbound = world.AskUnbound(question.ToString(), type.ToString());
        int servedToUnbound = world.Proxy.Served(forgedName, forgedType);
        DnsMessage unchecked_ = world.AskUnbound(question.ToString(), type.ToString(), DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled);
        DnssecAnswer ours = await world.AskOursAsync(question.ToString(), type.ToString());
        int servedToUs = world.Proxy.Served(forgedName, forgedType) - servedToUnbound;

        Report(unbound, ours);
        Assert.True(servedToUnbound > 0, $"Unbound never asked the forged question {forgedName} {forgedType}");
        Assert.True(servedToUs > 0, $"our resolver never asked the forged question {forgedName} {forgedType}");
        Assert.True(unbound.ResponseCode == DnsResponseCode.ServFail, $"Unbound said {Describe(unbound)}:\n{world.Unbound.Log}");
        Assert.True(unchecked_.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain, $"with CD=1 Unbound said {Describe(unchecked_)}");
        Assert.True(ours.Status == SecurityStatus.Bogus && ours.ResponseCode == DnsResponseCode.ServFail, $"ours said {Describe(ours)}");
    }

    /// <summary>The forged NXDOMAIN for <paramref name="name"/>: SOA, the real NSEC covering the name, and the wildcard's NSEC renamed to !.wild.test.</summary>
    private DnsMessage NxdomainForgery(string name, RecordType type)
    {
        // The honest answer is a wildcard expansion; its authority section has the NSEC that covers the name.
        DnsMessage honest = Fetch(name, type);
        var covering = honest.Authorities.Where(r => IsOrSigns(r, RecordType.NSEC)).ToList();
        Assert.True(covering.Count >= 2, $"the honest answer to {name} {type} has no NSEC covering it");
        Assert.DoesNotContain(covering, r => r.Owner == Wildcard);

        var forged = new DnsMessage { ResponseCode = DnsResponseCode.NXDomain };
        forged.Authorities.AddRange(ZoneSoa());
        forged.Authorities.AddRange(covering);
        forged.Authorities.AddRange(WildcardNsec().Select(r => r.WithOwner(DnsName.Parse("!.wild.test."))));
        return forged;
    }

    /// <summary>The forged no-data answer at <paramref name="owner"/>: SOA and the wildcard's NSEC renamed to it.</summary>
    private DnsMessage NodataForgery(DnsName owner)
    {
        var forged = new DnsMessage { ResponseCode = DnsResponseCode.NoError };
        forged.Authorities.AddRange(ZoneSoa());
        forged.Authorities.AddRange(WildcardNsec().Select(r => r.WithOwner(owner)));
        return forged;
    }

    private List<DnsRecord> ZoneSoa()
    {
        var soa = Fetch("wild.test.", RecordType.SOA).Answers.Where(r => r.Owner == WildZone && IsOrSigns(r, RecordType.SOA)).ToList();
        Assert.Equal(2, soa.Count);
        return soa;
    }

    /// <summary>The NSEC at *.wild.test. and its RRSIG, whose labels field (2) makes it verify under any owner below wild.test.</summary>
    private List<DnsRecord> WildcardNsec()
    {
        var nsec = Fetch("*.wild.test.", RecordType.NSEC).Answers.Where(r => r.Owner == Wildcard && IsOrSigns(r, RecordType.NSEC)).ToList();
        Assert.Equal(2, nsec.Count);
        Assert.Equal(WildZone.LabelCount, RrsigData.From(nsec.Single(r => r.Type == RecordType.RRSIG)).Labels);
        Assert.DoesNotContain(RecordType.NS, NsecData.From(nsec.Single(r => r.Type == RecordType.NSEC)).Types.ToList());
        return nsec;
    }

    /// <summary>The upstream's answer with DO=1: the real signed records the forgeries are made of.</summary>
    private DnsMessage Fetch(string name, RecordType type) => BindHierarchy.Query(hierarchy.Upstream, name, type);

    private void Report(DnsMessage unbound, DnssecAnswer ours) => output.WriteLine($"Unbound: {Describe(unbound)}\nours: {Describe(ours)}");

    private static RecordType Mnemonics(string type) => Dnssec.Presentation.Mnemonics.ParseRecordType(type);

    private static bool IsOrSigns(DnsRecord record, RecordType type) =>
        record.Type == type || (record.Type == RecordType.RRSIG && RrsigData.From(record).TypeCovered == type);

    private static DnsName HashedOwner(DnsName name, DnsName zone)
    {
        Span<byte> hash = stackalloc byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(name, [], 0, hash);
        return DnsName.Parse(Nsec3Hasher.ToLabel(hash), zone);
    }

    /// <summary>The hashed owner name one below <paramref name="owner"/>'s hash, as a 160-bit number.</summary>
    private static DnsName HashedOwnerJustBelow(DnsName owner, DnsName zone)
    {
        byte[] hash = Dnssec.Tests.Validation.DenialRecords.Base32Hex(System.Text.Encoding.ASCII.GetString(owner.GetLabel(0)));
        for (int i = hash.Length - 1; i >= 0 && hash[i]-- == 0; i--)
        {
            // Borrow from the next octet up.
        }

        return DnsName.Parse(Nsec3Hasher.ToLabel(hash), zone);
    }

    private static string Describe(DnsMessage response) =>
        $"{response.ResponseCode}, flags {response.Flags}" +
        string.Concat(response.Edns?.ExtendedErrors.Select(e => $", EDE {(int)e.Code} ({e.Code}) \"{e.ExtraText}\"") ?? []);

    private static string Describe(DnssecAnswer answer) =>
        $"{answer.Status} {answer.ResponseCode}, EDE {(answer.Result.Error is { } code ? $"{(int)code} ({code})" : "none")}: {answer.Reason}";

    /// <summary>The forger in front of the hierarchy's upstream, a validating Unbound forwarding to it, and our resolver asking it.</summary>
    private sealed class World : IAsyncDisposable
    {
        private World(ForgingProxy proxy, ForwardingUnbound unbound, DnssecResolver resolver)
        {
            Proxy = proxy;
            Unbound = unbound;
            Resolver = resolver;
        }

        public ForgingProxy Proxy { get; }

        public ForwardingUnbound Unbound { get; }

        public DnssecResolver Resolver { get; }

        public static World Start(BindHierarchy hierarchy)
        {
            int port = hierarchy.Upstream.Port;
            var proxy = new ForgingProxy(new IPEndPoint(ProxyAddress, port), hierarchy.Upstream);
            ForwardingUnbound unbound;
            try
            {
                unbound = ForwardingUnbound.Start(hierarchy, Path.Combine(hierarchy.Directory, "forging"), new IPEndPoint(ValidatorAddress, port), proxy.EndPoint);
            }
            catch
            {
                proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }

            var anchors = new TrustAnchorSet();
            anchors.Add(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
            var options = new ResolverOptions
            {
                Mode = ResolutionMode.Stub,
                FallbackToIterative = false,
                TrustAnchors = anchors,
                RootHintsPath = hierarchy.RootHintsFile,
                AuthorityPort = hierarchy.AuthorityPort,
                Timeout = TimeSpan.FromSeconds(2),
            };
            options.Servers.Add(proxy.EndPoint);
            return new World(proxy, unbound, new DnssecResolver(options));
        }

        public DnsMessage AskUnbound(string name, string type, DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired) =>
            BindHierarchy.Query(Unbound.EndPoint, name, Mnemonics(type), flags);

        public ValueTask<DnssecAnswer> AskOursAsync(string name, string type) => Resolver.ResolveAsync(DnsName.Parse(name), Mnemonics(type));

        public async ValueTask DisposeAsync()
        {
            await Resolver.DisposeAsync();
            Unbound.Dispose();
            await Proxy.DisposeAsync();
        }
    }
}
