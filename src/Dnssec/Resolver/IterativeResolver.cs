using System.Net;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Resolves from the root hints by following referrals (RFC 1034 §5.3.3): glue is taken only when the server name is
/// inside the bailiwick of the zone that gave it, server names without glue are resolved themselves, lame and silent
/// servers are skipped, DS is asked of the parent side, and CNAME chains are followed across zones into one response.
/// Configured zones come first, the closest winning: a stub zone starts the walk at its servers, a forward zone sends
/// the question with RD set to its recursive servers and takes their answer as it is (Unbound's stub-zone and
/// forward-zone). Known delegations are cached, as many as <see cref="ResolverLimits.DelegationCacheSize"/>. Every
/// resolution is bounded by the budgets of <see cref="ResolverLimits"/>: queries, referrals, name server lookup nesting
/// and CNAME links.
/// </summary>
internal sealed class IterativeResolver : IQuestionResolver
{
    private readonly IDnsTransport _transport;
    private readonly IReadOnlyList<IPEndPoint> _rootServers;
    private readonly Dictionary<DnsName, IReadOnlyList<IPEndPoint>> _stubs;
    private readonly Dictionary<DnsName, IReadOnlyList<IPEndPoint>> _forwards;
    private readonly int _port;
    private readonly QueryOptions _options;
    private readonly QueryOptions _forwardOptions;
    private readonly ResolverLimits _limits;
    private readonly TimeProvider _time;
    private readonly BoundedCache<DnsName, Delegation> _delegations;
    private readonly BoundedCache<DnsName, DelegationProofEntry> _delegationProofs;

    public IterativeResolver(IDnsTransport transport, IReadOnlyList<IPAddress> rootServers, IEnumerable<KeyValuePair<DnsName, IReadOnlyList<IPAddress>>> stubZones, int port, TimeSpan timeout, ushort payloadSize, ResolverLimits limits, TimeProvider time,
        IEnumerable<KeyValuePair<DnsName, IReadOnlyList<IPEndPoint>>>? forwardZones = null)
    {
        _forwards = (forwardZones ?? []).ToDictionary(forward => forward.Key, forward => forward.Value);
        _forwardOptions = QueryOptions.Recursive with { Timeout = timeout, UdpPayloadSize = payloadSize };
        _transport = transport;
        _port = port;
        _rootServers = rootServers.Select(address => new IPEndPoint(address, port)).ToList();
        _stubs = stubZones.Where(stub => !stub.Key.IsRoot).ToDictionary(
            stub => stub.Key,
            stub => (IReadOnlyList<IPEndPoint>)[.. stub.Value.Select(address => new IPEndPoint(address, port))]);
        _options = QueryOptions.Authoritative with { Timeout = timeout, UdpPayloadSize = payloadSize };
        _limits = limits;
        _time = time;
        _delegations = new BoundedCache<DnsName, Delegation>(limits.DelegationCacheSize);
        _delegationProofs = new BoundedCache<DnsName, DelegationProofEntry>(limits.DelegationCacheSize);
    }

    /// <summary>The delegations remembered now, for tests of the cache's bound.</summary>
    internal int CachedDelegations => _delegations.Count;

    /// <inheritdoc />
    public async ValueTask<ResolutionResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        var budget = new QueryBudget(_limits.QueriesPerResolution);
        ResolutionResult first = await ResolveOneAsync(question, budget, 0, cancellationToken).ConfigureAwait(false);
        if (first.Response is not { } response)
        {
            return first;
        }

        // Follow CNAMEs the authoritative servers did not follow themselves, gathering one response as a recursive server would.
        await CnameChain.CompleteAsync(question, response, async target =>
            (await ResolveOneAsync(target, budget, 0, cancellationToken).ConfigureAwait(false)).Response, _limits.CnameLinks).ConfigureAwait(false);
        return first;
    }

    private async ValueTask<ResolutionResult> ResolveOneAsync(DnsQuestion question, QueryBudget budget, int depth, CancellationToken cancellationToken)
    {
        // RFC 4035 §3.1.4.1: the DS RRset lives on the parent side of a cut, so the walk starts above the name.
        DnsName target = question.Type == RecordType.DS && !question.Name.IsRoot ? question.Name.Parent : question.Name;
        (DnsName zone, IReadOnlyList<IPEndPoint> servers, bool forwarded) = ClosestDelegation(target);
        if (forwarded)
        {
            return await ForwardAsync(zone, servers, question, budget, cancellationToken).ConfigureAwait(false);
        }

        QnameMinimisation? minimisation = MinimiseQueryNames ? new QnameMinimisation(question.Name) : null;
        for (int referrals = 0; referrals < _limits.Referrals; referrals++)
        {
            ServerAnswer answer = minimisation is not null
                ? await AskMinimisedAsync(zone, servers, question, target, minimisation, budget, cancellationToken).ConfigureAwait(false)
                : await AskAsync(zone, servers, question, target, budget, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return ResolutionResult.Failed(answer.Problem!, answer.Error);
            }

            if (answer.Child is not { } child)
            {
                return ResolutionResult.From(response, answer.Server!);
            }

            IReadOnlyList<IPEndPoint> next = await ServersForAsync(child, response, zone, budget, depth, cancellationToken).ConfigureAwait(false);
            if (next.Count == 0)
            {
                return ResolutionResult.Failed($"no address found for any name server of {child}, delegated by {zone}");
            }

            uint ttl = response.Authorities.Where(r => r.Type == RecordType.NS).Select(r => r.Ttl).DefaultIfEmpty(0u).Min();
            DateTimeOffset now = _time.GetUtcNow();
            _delegations.Set(child, new Delegation(next), now.AddSeconds(Math.Min(ttl, 86400)), now);
            RememberDelegationProof(child, response);
            zone = child;
            servers = next;
        }

        return ResolutionResult.Failed($"too many referrals resolving {question}");
    }

    /// <summary>
    /// The DS RRset of <paramref name="child"/>, or the NSEC/NSEC3 records denying it, as the parent's last referral to
    /// it carried them (RFC 4035 §3.1.4), shaped as the response to a DS query; null when no referral carried either.
    /// The validator checks it like any response, so taking it from the referral saves a query and trusts nothing more.
    /// </summary>
    public DnsMessage? DelegationProof(DnsName child)
    {
        if (!_delegationProofs.TryGet(child, _time.GetUtcNow(), out DelegationProofEntry entry))
        {
            return null;
        }

        var message = new DnsMessage { Flags = DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative };
        message.Questions.Add(new DnsQuestion(child, RecordType.DS));
        message.Answers.AddRange(entry.Answers);
        message.Authorities.AddRange(entry.Authorities);
        return message;
    }

    private void RememberDelegationProof(DnsName child, DnsMessage referral)
    {
        List<DnsRecord> ds = referral.Authorities.FindAll(r => r.Owner.Equals(child) && (r.Type == RecordType.DS || IsSignatureOver(r, RecordType.DS)));
        List<DnsRecord> denial = referral.Authorities.FindAll(CnameChain.IsDenial);
        if (!ds.Exists(r => r.Type == RecordType.DS) && !denial.Exists(r => r.Type is RecordType.NSEC or RecordType.NSEC3))
        {
            return;
        }

        uint ttl = ds.Concat(denial).Min(r => r.Ttl);
        DateTimeOffset now = _time.GetUtcNow();
        _delegationProofs.Set(child, new DelegationProofEntry(ds.Exists(r => r.Type == RecordType.DS) ? ds : [], denial), now.AddSeconds(Math.Min(ttl, 86400)), now);
    }

    private static bool IsSignatureOver(DnsRecord record, RecordType covered) =>
        record.Type == RecordType.RRSIG && RrsigData.From(record).TypeCovered == covered;

    /// <summary>Whether the response delegates to a zone below <paramref name="zone"/> that holds <paramref name="target"/>.</summary>
    private static bool IsReferral(DnsMessage response, DnsName zone, DnsName target, out DnsName? child)
    {
        child = null;
        if (response.Flags.HasFlag(DnsHeaderFlags.Authoritative) && response.Answers.Count > 0 || response.ResponseCode != DnsResponseCode.NoError)
        {
            return false;
        }

        foreach (DnsRecord record in response.Authorities)
        {
            if (record.Type == RecordType.NS && record.Owner.IsStrictSubdomainOf(zone) && target.IsSubdomainOf(record.Owner))
            {
                child = record.Owner;
                return response.Answers.Count == 0;
            }
        }

        return false;
    }

    /// <summary>The addresses of the child's name servers: in-bailiwick glue first, then names resolved on their own.</summary>
    private async ValueTask<IReadOnlyList<IPEndPoint>> ServersForAsync(DnsName child, DnsMessage referral, DnsName zone, QueryBudget budget, int depth, CancellationToken cancellationToken)
    {
        var names = referral.Authorities.Where(r => r.Type == RecordType.NS && r.Owner.Equals(child)).Select(r => NameData.From(r).Target).Distinct().ToList();
        var servers = new List<IPEndPoint>();
        foreach (DnsName name in names)
        {
            // RFC 2181 §5.4.1: glue is believed only for servers inside the zone that handed it out.
            if (!name.IsSubdomainOf(zone))
            {
                continue;
            }

            foreach (DnsRecord glue in referral.Additionals)
            {
                if (glue.Type is RecordType.A or RecordType.AAAA && glue.Owner.Equals(name))
                {
                    servers.Add(new IPEndPoint(AddressData.From(glue).Address, _port));
                }
            }
        }

        if (servers.Count > 0 || depth >= _limits.NameServerDepth)
        {
            return Order(servers);
        }

        foreach (DnsName name in names)
        {
            foreach (RecordType type in new[] { RecordType.A, RecordType.AAAA })
            {
                ResolutionResult result = await ResolveOneAsync(new DnsQuestion(name, type), budget, depth + 1, cancellationToken).ConfigureAwait(false);
                if (result.Response is { } response)
                {
                    servers.AddRange(response.Answers.Where(r => r.Type == type && r.Owner.Equals(name)).Select(r => new IPEndPoint(AddressData.From(r).Address, _port)));
                }
            }

            if (servers.Count > 0)
            {
                break;
            }
        }

        return Order(servers);
    }

    /// <summary>Whether authorities are asked with minimised query names (RFC 9156); off, every query carries the whole name.</summary>
    public bool MinimiseQueryNames { get; init; }

    /// <summary>The only address family of the authorities asked (dig's -4 and -6); when null, both.</summary>
    public System.Net.Sockets.AddressFamily? AddressFamily { get; init; }

    private List<IPEndPoint> Order(List<IPEndPoint> servers) =>
        [.. servers.Where(s => AddressFamily is not { } family || s.AddressFamily == family).DistinctBy(s => s.ToString()).OrderBy(s => s.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 1 : 0)];

    /// <summary>
    /// Asks the zone's servers about <paramref name="target"/> one label at a time (RFC 9156 §3), with the hidden type A,
    /// until a referral leads on or the whole name is revealed, and then asks the question itself; so each authority
    /// learns only the labels it needs to refer or answer. As Unbound's relaxed mode does, a minimised query that draws
    /// an error RCODE (NXDOMAIN included, which broken servers give for empty non-terminals) or a lame answer is not
    /// believed: the full question is asked of the same servers instead, and the validator judges that response.
    /// </summary>
    private async ValueTask<ServerAnswer> AskMinimisedAsync(DnsName zone, IReadOnlyList<IPEndPoint> servers, DnsQuestion question, DnsName target, QnameMinimisation minimisation, QueryBudget budget, CancellationToken cancellationToken)
    {
        for (DnsName revealed = zone; minimisation.Next(revealed) is { } next; revealed = next)
        {
            ServerAnswer answer = await AskAsync(zone, servers, new DnsQuestion(next, RecordType.A), next, budget, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                if (!answer.Responded)
                {
                    return answer;
                }

                break;
            }

            if (answer.Child is not null)
            {
                return answer;
            }

            if (response.ResponseCode != DnsResponseCode.NoError)
            {
                break;
            }
        }

        return await AskAsync(zone, servers, question, target, budget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the zone's servers in turn until one gives a usable answer, with the child zone when it is a referral toward
    /// <paramref name="target"/>; lame, refusing and silent servers are skipped.
    /// </summary>
    private async ValueTask<ServerAnswer> AskAsync(DnsName zone, IReadOnlyList<IPEndPoint> servers, DnsQuestion question, DnsName target, QueryBudget budget, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        bool errorAnswered = false;
        bool responded = false;
        foreach (IPEndPoint server in servers)
        {
            if (!budget.TrySpend())
            {
                return new ServerAnswer(null, null, $"more than {_limits.QueriesPerResolution} queries resolving {question}; stopped (work limit)");
            }

            TransportResponse response = await _transport.QueryAsync(server, question, _options, cancellationToken).ConfigureAwait(false);
            if (!response.Succeeded)
            {
                problems.Add(response.Detail);
                continue;
            }

            DnsMessage message = response.Message;
            responded = true;
            if (UpstreamClient.IsServerFailure(message.ResponseCode))
            {
                problems.Add($"{server} answered {Presentation.Mnemonics.FormatResponseCode(message.ResponseCode)} for {zone}");
                errorAnswered = true;
                continue;
            }

            ResponseScrubber.Scrub(message, question, zone);
            bool referral = IsReferral(message, zone, target, out DnsName? child);
            if (!referral && !IsAnswer(message, question))
            {
                problems.Add($"{server} is lame for {zone}: neither an authoritative answer nor a referral");
                continue;
            }

            return new ServerAnswer(message, server, null) { Child = referral ? child : null };
        }

        // RFC 8914 §4.23/§4.24: a server that answered with an error was reached, so that is a network error.
        return new ServerAnswer(null, null, $"no server of {zone} answered {question}: {string.Join("; ", problems.DefaultIfEmpty("no servers"))}",
            errorAnswered ? ExtendedDnsErrorCode.NetworkError : ExtendedDnsErrorCode.NoReachableAuthority) { Responded = responded };
    }

    /// <summary>
    /// Asks a forward zone's recursive servers in turn (RD, DO and CD set, RFC 4035 §3.2.2) and takes the first answer
    /// that is no server failure as it is: they resolve, the validator judges.
    /// </summary>
    private async ValueTask<ResolutionResult> ForwardAsync(DnsName zone, IReadOnlyList<IPEndPoint> servers, DnsQuestion question, QueryBudget budget, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        bool errorAnswered = false;
        foreach (IPEndPoint server in servers)
        {
            if (!budget.TrySpend())
            {
                return ResolutionResult.Failed($"more than {_limits.QueriesPerResolution} queries resolving {question}; stopped (work limit)");
            }

            TransportResponse response = await _transport.QueryAsync(server, question, _forwardOptions, cancellationToken).ConfigureAwait(false);
            if (!response.Succeeded)
            {
                problems.Add(response.Detail);
                continue;
            }

            if (UpstreamClient.IsServerFailure(response.Message.ResponseCode))
            {
                problems.Add($"the forwarder {server} of {zone} answered {Presentation.Mnemonics.FormatResponseCode(response.Message.ResponseCode)}");
                errorAnswered = true;
                continue;
            }

            return ResolutionResult.From(response.Message, server);
        }

        return ResolutionResult.Failed($"no forwarder of {zone} answered {question}: {string.Join("; ", problems.DefaultIfEmpty("no servers"))}",
            errorAnswered ? ExtendedDnsErrorCode.NetworkError : ExtendedDnsErrorCode.NoReachableAuthority);
    }

    /// <summary>
    /// Whether a response that is no referral answers the question. AA is enough; without it the content decides, as
    /// Unbound's iterator decides, since some authorities leave AA clear: a name error, data (or a CNAME or DNAME) for
    /// the name, or an empty answer with the zone's SOA or a denial (NSEC, NSEC3). An empty answer with none of these
    /// and without AA is lame.
    /// Whatever is accepted here is still validated, so this decides only which server to believe, never the status.
    /// </summary>
    private static bool IsAnswer(DnsMessage message, DnsQuestion question) =>
        message.Flags.HasFlag(DnsHeaderFlags.Authoritative)
        || message.ResponseCode == DnsResponseCode.NXDomain
        || message.Answers.Exists(r => r.Owner.Equals(question.Name) || (r.Type == RecordType.DNAME && question.Name.IsStrictSubdomainOf(r.Owner)))
        || (message.Answers.Count == 0 && message.Authorities.Exists(r => r.Type is RecordType.NSEC or RecordType.NSEC3 || (r.Type == RecordType.SOA && question.Name.IsSubdomainOf(r.Owner))));

    /// <summary>Where to ask about <paramref name="name"/>: the closest configured or known zone, and whether it is forwarded.</summary>
    private (DnsName Zone, IReadOnlyList<IPEndPoint> Servers, bool Forwarded) ClosestDelegation(DnsName name)
    {
        DateTimeOffset now = _time.GetUtcNow();
        for (DnsName candidate = name; !candidate.IsRoot; candidate = candidate.Parent)
        {
            // A configured zone outranks a referral to the same zone, as its servers were given by the operator.
            if (_forwards.TryGetValue(candidate, out IReadOnlyList<IPEndPoint>? forwarders))
            {
                return (candidate, forwarders, true);
            }

            if (_stubs.TryGetValue(candidate, out IReadOnlyList<IPEndPoint>? stub))
            {
                return (candidate, stub, false);
            }

            if (_delegations.TryGet(candidate, now, out Delegation delegation))
            {
                return (candidate, delegation.Servers, false);
            }
        }

        return _forwards.TryGetValue(DnsName.Root, out IReadOnlyList<IPEndPoint>? rootForwarders) ? (DnsName.Root, rootForwarders, true) : (DnsName.Root, _rootServers, false);
    }

    private sealed record Delegation(IReadOnlyList<IPEndPoint> Servers);

    private sealed record DelegationProofEntry(List<DnsRecord> Answers, List<DnsRecord> Authorities);

    private sealed record ServerAnswer(DnsMessage? Response, IPEndPoint? Server, string? Problem, ExtendedDnsErrorCode Error = ExtendedDnsErrorCode.NoReachableAuthority)
    {
        /// <summary>The zone the response refers the query to; null when it answers.</summary>
        public DnsName? Child { get; init; }

        /// <summary>Whether any server sent a response, even one not believed; false when all were silent or the budget ran out.</summary>
        public bool Responded { get; init; }
    }

    /// <summary>The queries one resolution may still send.</summary>
    private sealed class QueryBudget(int limit)
    {
        private int _left = limit;

        public bool TrySpend() => Interlocked.Decrement(ref _left) >= 0;
    }
}
