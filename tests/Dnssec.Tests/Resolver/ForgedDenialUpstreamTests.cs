using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.Tests.Validation;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using Xunit.Abstractions;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Issue 11 item 1 (the CVE-2017-15105 class) through a forging upstream: a real loopback <see cref="HostileServer"/>
/// answers a stub resolver (no fallback) from an in-process signed hierarchy, except for one or two questions, which
/// get a denial made of the zone's signed records with a wildcard-expanded NSEC or NSEC3 in it: an RRset whose RRSIG
/// labels field is below its owner's label count, so that it verifies under any owner below the wildcard's parent. Such
/// a record proves nothing about the name it now sits at (its signature covers the wildcard it was expanded from, RFC
/// 4035 §5.3.2), and every forgery must end Bogus with SERVFAIL, never Secure or Insecure. The honest answers to the same
/// questions are secure, so each forgery hides real data.
/// </summary>
/// <remarks>
/// The NSEC forgeries rename the real NSEC of *.example.test. (next name *.b.example.test.). Renamed to !.example.test.
/// it covers the wildcard; renamed to !.b.example.test. it matches that name and stays in canonical order. Renamed to
/// an existing name (www, the child kid, the wildcard *.b) its next name sorts before its owner, which a validator that
/// checks the order refuses on that ground alone. A signer never puts an NSEC3 at a wildcard owner (NSEC3 owners are
/// hashes), so no zone offers one to replay; the NSEC3 forgeries sign one with the zone's key, as a zone whose data
/// held such a record would be signed, with the next hash and bitmap each forgery needs, and rename it to a hash.
/// </remarks>
public sealed class ForgedDenialUpstreamTests(ITestOutputHelper output)
{
    private static readonly DnsName NsecZone = DnsName.Parse("example.test.");
    private static readonly DnsName Nsec3Zone = DnsName.Parse("example3.test.");

    // The same data in both zones: an apex wildcard (A only), a second wildcard *.b (MX), data at www (A and TXT),
    // a.b beside the second wildcard, and a signed child kid.
    private const string ZoneData = """
        www A 192.0.2.1
        www TXT "www"
        * A 192.0.2.5
        *.b MX 10 www
        a.b A 192.0.2.6
        """;

    public static TheoryData<string, string> HonestQuestions => new()
    {
        { "x.example.test.", "A" },
        { "!.b.example.test.", "MX" },
        { "www.example.test.", "TXT" },
        { "c.b.example.test.", "MX" },
        { "www.kid.example.test.", "A" },
        { "x.example3.test.", "A" },
        { "www.example3.test.", "TXT" },
        { "x.b.example3.test.", "MX" },
        { "www.kid.example3.test.", "A" },
    };

    [Theory]
    [MemberData(nameof(HonestQuestions))]
    public async Task Resolve_HonestUpstream_IsSecure(string name, string type)
    {
        await using var world = new World(output);

        DnssecAnswer answer = await world.ResolveAsync(name, type);

        Assert.True(answer.Status == SecurityStatus.Secure && answer.ResponseCode == DnsResponseCode.NoError, Describe(answer));
        Assert.NotEmpty(answer.Records);
    }

    [Fact]
    public async Task Resolve_NxdomainWithTheWildcardNsecRenamedToCoverTheWildcard_IsBogus()
    {
        await using var world = new World(output);
        // The real NSEC www.example.test. (next example.test.) covers x.example.test.; the renamed one covers *.
        world.Forge("x.example.test.", RecordType.A, DnsResponseCode.NXDomain,
            [.. world.Soa(NsecZone), .. world.Nsec("www.example.test."), .. world.WildcardNsecAt("!.example.test.")]);

        await world.AssertBogusAsync("x.example.test.", RecordType.A);
    }

    [Fact]
    public async Task Resolve_NodataWithTheWildcardNsecRenamedInOrder_IsBogus()
    {
        await using var world = new World(output);
        // !.b.example.test. sorts between *.example.test. and *.b.example.test., the NSEC's next name: an NSEC in order
        // that "matches" a name the wildcard *.b answers, with a bitmap (A RRSIG NSEC) that lacks its MX.
        world.Forge("!.b.example.test.", RecordType.MX, DnsResponseCode.NoError, [.. world.Soa(NsecZone), .. world.WildcardNsecAt("!.b.example.test.")]);

        await world.AssertBogusAsync("!.b.example.test.", RecordType.MX);
    }

    [Fact]
    public async Task Resolve_NodataWithTheWildcardNsecRenamedToAnExistingName_IsBogus()
    {
        await using var world = new World(output);
        world.Forge("www.example.test.", RecordType.TXT, DnsResponseCode.NoError, [.. world.Soa(NsecZone), .. world.WildcardNsecAt("www.example.test.")]);

        await world.AssertBogusAsync("www.example.test.", RecordType.TXT);
    }

    [Fact]
    public async Task Resolve_WildcardNodataWithTheWildcardNsecRenamedToAnotherWildcard_IsBogus()
    {
        await using var world = new World(output);
        // a.b.example.test. NSEC (next kid.example.test.) covers c.b.example.test. and shows b.example.test. exists; the
        // renamed NSEC "matches" the wildcard *.b.example.test. without its MX.
        world.Forge("c.b.example.test.", RecordType.MX, DnsResponseCode.NoError,
            [.. world.Soa(NsecZone), .. world.Nsec("a.b.example.test."), .. world.WildcardNsecAt("*.b.example.test.")]);

        await world.AssertBogusAsync("c.b.example.test.", RecordType.MX);
    }

    [Fact]
    public async Task Resolve_DsAbsenceWithTheWildcardNsecRenamedToTheSignedChild_IsBogus()
    {
        await using var world = new World(output);
        // Without DS, NS or SOA in the bitmap, the renamed NSEC says kid.example.test. is no zone cut at all.
        world.Forge("kid.example.test.", RecordType.DS, DnsResponseCode.NoError, [.. world.Soa(NsecZone), .. world.WildcardNsecAt("kid.example.test.")]);

        await world.AssertBogusAsync("www.kid.example.test.", RecordType.A, "kid.example.test.", RecordType.DS);
    }

    [Fact]
    public async Task Resolve_NxdomainWithAWildcardNsec3CoveringTheWildcard_IsBogus()
    {
        await using var world = new World(output);
        string name = world.NameWhoseCoveringNsec3IsNotOwnedBy("example3.test.", "*.example3.test.");
        byte[] wildcard = Hash("*.example3.test.");
        // The closest encloser (the apex) matched and the next closer name covered by real NSEC3s; the wildcard's hash
        // covered by the forged one.
        world.Forge(name, RecordType.A, DnsResponseCode.NXDomain,
        [
            .. world.Soa(Nsec3Zone),
            .. HostileUpstream.Nsec3For(world.Zone(Nsec3Zone), "example3.test.", covering: false),
            .. HostileUpstream.Nsec3For(world.Zone(Nsec3Zone), name, covering: true),
            .. world.WildcardNsec3At(Offset(wildcard, -1), next: Offset(wildcard, 1), "A RRSIG"),
        ]);

        await world.AssertBogusAsync(name, RecordType.A);
    }

    [Fact]
    public async Task Resolve_NodataWithAWildcardNsec3MatchingAnExistingName_IsBogus()
    {
        await using var world = new World(output);
        byte[] www = Hash("www.example3.test.");
        world.Forge("www.example3.test.", RecordType.TXT, DnsResponseCode.NoError,
            [.. world.Soa(Nsec3Zone), .. world.WildcardNsec3At(www, next: Offset(www, 1), "A RRSIG")]);

        await world.AssertBogusAsync("www.example3.test.", RecordType.TXT);
    }

    [Fact]
    public async Task Resolve_WildcardNodataWithAWildcardNsec3MatchingTheWildcard_IsBogus()
    {
        await using var world = new World(output);
        string name = world.NameWhoseCoveringNsec3IsNotOwnedBy("b.example3.test.", "*.b.example3.test.");
        byte[] wildcard = Hash("*.b.example3.test.");
        // The closest encloser b.example3.test. (an empty non-terminal) matched and the next closer name covered by
        // real NSEC3s; the wildcard *.b "matched" by the forged one, without MX.
        world.Forge(name, RecordType.MX, DnsResponseCode.NoError,
        [
            .. world.Soa(Nsec3Zone),
            .. HostileUpstream.Nsec3For(world.Zone(Nsec3Zone), "b.example3.test.", covering: false),
            .. HostileUpstream.Nsec3For(world.Zone(Nsec3Zone), name, covering: true),
            .. world.WildcardNsec3At(wildcard, next: Offset(wildcard, 1), "A RRSIG"),
        ]);

        await world.AssertBogusAsync(name, RecordType.MX);
    }

    [Fact]
    public async Task Resolve_DsAbsenceWithAWildcardNsec3MatchingTheSignedChild_IsBogusNotInsecure()
    {
        await using var world = new World(output);
        byte[] kid = Hash("kid.example3.test.");
        // NS without DS or SOA: the forged NSEC3 makes the signed child an unsigned delegation, and the forger's unsigned
        // address for www.kid.example3.test. would then pass as Insecure.
        world.Forge("kid.example3.test.", RecordType.DS, DnsResponseCode.NoError,
            [.. world.Soa(Nsec3Zone), .. world.WildcardNsec3At(kid, next: Offset(kid, 1), "NS")]);
        world.Forge("www.kid.example3.test.", RecordType.A, DnsResponseCode.NoError,
            answers: [new DnsRecord(DnsName.Parse("www.kid.example3.test."), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 66 })]);

        await world.AssertBogusAsync("www.kid.example3.test.", RecordType.A, "kid.example3.test.", RecordType.DS);
    }

    private static byte[] Hash(string name)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse(name), [], 0, hash);
        return hash;
    }

    /// <summary>The hash plus <paramref name="delta"/> (1 or -1), as a 160-bit number.</summary>
    private static byte[] Offset(byte[] hash, int delta)
    {
        byte[] result = (byte[])hash.Clone();
        for (int i = result.Length - 1; i >= 0; i--)
        {
            int value = result[i] + delta;
            result[i] = (byte)value;
            if (value is >= 0 and <= 255)
            {
                break;
            }
        }

        return result;
    }

    private static string Describe(DnssecAnswer answer) =>
        $"{answer.Status} {answer.ResponseCode}, EDE {(answer.Result.Error is { } code ? $"{(int)code} ({code})" : "none")}: {answer.Reason}" +
        $" [{string.Join("; ", answer.Answer)}]";

    /// <summary>
    /// The hierarchy (an NSEC zone and an NSEC3 zone with the same data, each with a signed child) behind one forging
    /// server, and a stub resolver that asks only it.
    /// </summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly TestHierarchy _hierarchy = new();
        private readonly Dictionary<(DnsName Name, RecordType Type), DnsMessage> _forgeries = [];
        private readonly Dictionary<(DnsName Name, RecordType Type), int> _served = [];
        private readonly HostileServer _server;
        private readonly DnssecResolver _resolver;

        private readonly ITestOutputHelper _output;

        public World(ITestOutputHelper output)
        {
            _output = output;
            _hierarchy.Zone(NsecZone.ToString(), z => z.Records = ZoneData);
            _hierarchy.Zone("kid.example.test.", z => z.Records = "www A 192.0.2.7");
            _hierarchy.Zone(Nsec3Zone.ToString(), z =>
            {
                z.Records = ZoneData;
                z.Denial = DenialOfExistence.Nsec3;
            });
            _hierarchy.Zone("kid.example3.test.", z => z.Records = "www A 192.0.2.7");
            _hierarchy.Build();
            _server = new HostileServer(_hierarchy.Authority, Answer);
            var options = new ResolverOptions { TrustAnchors = _hierarchy.Anchors, FallbackToIterative = false, Timeout = TimeSpan.FromSeconds(2), Attempts = 2 };
            options.Servers.Add(_server.EndPoint);
            _resolver = new DnssecResolver(options, null, _hierarchy.Clock);
        }

        public IReadOnlyList<DnsRecord> Zone(DnsName apex) => _hierarchy.SignedZones[apex];

        /// <summary>Answers every later query for <paramref name="name"/> <paramref name="type"/> with the forged sections.</summary>
        public void Forge(string name, RecordType type, DnsResponseCode responseCode, IEnumerable<DnsRecord>? authorities = null, IEnumerable<DnsRecord>? answers = null)
        {
            var forged = new DnsMessage
            {
                Flags = DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable,
                ResponseCode = responseCode,
                Edns = new EdnsRecord { DnssecOk = true },
            };
            forged.Answers.AddRange(answers ?? []);
            forged.Authorities.AddRange(authorities ?? []);
            _forgeries[(DnsName.Parse(name).ToLowerCase(), type)] = forged;
        }

        public ValueTask<DnssecAnswer> ResolveAsync(string name, string type) =>
            _resolver.ResolveAsync(name, Dnssec.Presentation.Mnemonics.ParseRecordType(type));

        /// <summary>Resolves <paramref name="name"/> <paramref name="type"/> and asserts Bogus with SERVFAIL, and that the forged question was asked.</summary>
        public async Task AssertBogusAsync(string name, RecordType type, string? forgedName = null, RecordType? forgedType = null)
        {
            DnssecAnswer answer = await _resolver.ResolveAsync(name, type);
            _output.WriteLine($"{name} {type}: {Describe(answer)}");

            var forged = (DnsName.Parse(forgedName ?? name).ToLowerCase(), forgedType ?? type);
            Assert.True(Served(forged) > 0, $"the resolver never asked the forged question {forged.Item1} {forged.Item2}; it said {Describe(answer)}");
            Assert.True(answer.Status == SecurityStatus.Bogus && answer.ResponseCode == DnsResponseCode.ServFail, Describe(answer));
            Assert.NotNull(answer.ExtendedError);
            Assert.Empty(answer.Answer);
        }

        /// <summary>The zone's SOA and its RRSIG.</summary>
        public List<DnsRecord> Soa(DnsName apex) => HostileUpstream.RRsetOf(Zone(apex), apex, RecordType.SOA);

        /// <summary>The real NSEC at <paramref name="owner"/> in example.test. and its RRSIG.</summary>
        public List<DnsRecord> Nsec(string owner)
        {
            List<DnsRecord> nsec = HostileUpstream.RRsetOf(Zone(NsecZone), DnsName.Parse(owner), RecordType.NSEC);
            Assert.Equal(2, nsec.Count);
            return nsec;
        }

        /// <summary>The real NSEC of *.example.test. and its RRSIG (labels 2), renamed to <paramref name="owner"/>.</summary>
        public List<DnsRecord> WildcardNsecAt(string owner)
        {
            List<DnsRecord> nsec = Nsec("*.example.test.");
            Assert.Equal(NsecZone.LabelCount, RrsigData.From(nsec.Single(r => r.Type == RecordType.RRSIG)).Labels);
            return [.. nsec.Select(r => r.WithOwner(DnsName.Parse(owner)))];
        }

        /// <summary>
        /// An NSEC3 RRset signed at the wildcard *.example3.test. with the zone's key (labels 2), with the zone's
        /// parameters, <paramref name="next"/> and <paramref name="types"/>, renamed to the hashed owner <paramref name="hash"/>.
        /// </summary>
        public List<DnsRecord> WildcardNsec3At(byte[] hash, byte[] next, string types)
        {
            DnsRecord nsec3 = new(DnsName.Parse("*.example3.test."), RecordType.NSEC3, RecordClass.IN, 300,
                Nsec3Data.Encode(Nsec3Hasher.Sha1, 0, 0, [], next, DenialRecords.Types(types)));
            DnsRecord signature = HostileUpstream.Sign([nsec3], _hierarchy.ZoneSigningKeys[Nsec3Zone]);
            Assert.Equal(Nsec3Zone.LabelCount, RrsigData.From(signature).Labels);
            DnsName owner = DnsName.Parse(Nsec3Hasher.ToLabel(hash), Nsec3Zone);
            return [nsec3.WithOwner(owner), signature.WithOwner(owner)];
        }

        /// <summary>
        /// A name directly below <paramref name="parent"/> whose hash the zone's NSEC3 chain covers with a record other
        /// than the one owned by <paramref name="wildcard"/>'s hash, so that the forged denial holds no record proving the
        /// wildcard exists.
        /// </summary>
        public string NameWhoseCoveringNsec3IsNotOwnedBy(string parent, string wildcard)
        {
            DnsName wildcardOwner = DnsName.Parse(Nsec3Hasher.ToLabel(Hash(wildcard)), Nsec3Zone);
            foreach (char label in "xyzqwjkv")
            {
                string name = $"{label}.{parent}";
                if (HostileUpstream.Nsec3For(Zone(Nsec3Zone), name, covering: true)[0].Owner != wildcardOwner)
                {
                    return name;
                }
            }

            throw new InvalidOperationException($"every candidate name below {parent} is covered by the NSEC3 of {wildcard}");
        }

        public async ValueTask DisposeAsync()
        {
            await _resolver.DisposeAsync();
            await _server.DisposeAsync();
        }

        private int Served((DnsName, RecordType) question)
        {
            lock (_served)
            {
                return _served.GetValueOrDefault(question);
            }
        }

        private byte[][] Answer(DnsMessage query, DnsMessage? honest)
        {
            var question = (query.Questions[0].Name.ToLowerCase(), query.Questions[0].Type);
            if (!_forgeries.TryGetValue(question, out DnsMessage? forged))
            {
                return [HostileServer.Honest(query, honest)];
            }

            lock (_served)
            {
                _served[question] = _served.GetValueOrDefault(question) + 1;
            }

            return [HostileServer.Echo(query, HostileUpstream.Copy(forged)).ToArray()];
        }
    }
}
