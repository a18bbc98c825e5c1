using System.Collections.Concurrent;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Concurrent validations that need the same DS or DNSKEY RRset share one query. The inner source waits on a gate that
/// the test opens, so "concurrent" is a fact of the test, not of timing: every caller has joined before the answer exists.
/// </summary>
public class CoalescingSourceTests
{
    private static readonly DnsName Example = DnsName.Parse("example.");

    [Fact]
    public async Task QueryAsync_SameQuestionWhileOneIsInFlight_OneInnerQueryForAll()
    {
        var inner = new GatedSource();
        var source = new CoalescingSource(inner);

        ValueTask<SourceResponse>[] waiting = [.. Enumerable.Range(0, 10).Select(_ => source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None))];
        Assert.All(waiting, pending => Assert.False(pending.IsCompleted));
        inner.Open();
        SourceResponse[] responses = await Task.WhenAll(waiting.Select(pending => pending.AsTask()));

        Assert.Equal(1, inner.Calls(Example, RecordType.DNSKEY));
        Assert.All(responses, response => Assert.Same(responses[0], response));
    }

    [Fact]
    public async Task QueryAsync_NamesDifferingInCase_ShareOneQuery()
    {
        var inner = new GatedSource();
        var source = new CoalescingSource(inner);

        ValueTask<SourceResponse> lower = source.QueryAsync(Example, RecordType.DS, CancellationToken.None);
        ValueTask<SourceResponse> upper = source.QueryAsync(DnsName.Parse("EXAMPLE."), RecordType.DS, CancellationToken.None);
        inner.Open();
        await lower;
        await upper;

        Assert.Equal(1, inner.TotalCalls);
    }

    [Fact]
    public async Task QueryAsync_DifferentTypeOrName_SeparateQueries()
    {
        var inner = new GatedSource();
        var source = new CoalescingSource(inner);

        ValueTask<SourceResponse> keys = source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None);
        ValueTask<SourceResponse> ds = source.QueryAsync(Example, RecordType.DS, CancellationToken.None);
        ValueTask<SourceResponse> other = source.QueryAsync(DnsName.Parse("example.net."), RecordType.DNSKEY, CancellationToken.None);
        inner.Open();
        await keys;
        await ds;
        await other;

        Assert.Equal(3, inner.TotalCalls);
    }

    [Fact]
    public async Task QueryAsync_AfterTheSharedQueryEnded_ANewQueryIsMade()
    {
        var inner = new GatedSource();
        var source = new CoalescingSource(inner);
        inner.Open();

        await source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None);
        await source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None);

        // Caching is the key cache's job; the coalescer holds only what is in flight.
        Assert.Equal(2, inner.Calls(Example, RecordType.DNSKEY));
    }

    [Fact]
    public async Task QueryAsync_OneCallerCancels_TheOthersStillGetTheAnswer()
    {
        var inner = new GatedSource();
        var source = new CoalescingSource(inner);
        using var impatient = new CancellationTokenSource();

        ValueTask<SourceResponse> first = source.QueryAsync(Example, RecordType.DNSKEY, impatient.Token);
        ValueTask<SourceResponse> second = source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await first);
        Assert.False(second.IsCompleted);
        inner.Open();
        SourceResponse response = await second;

        Assert.NotNull(response.Message);
        Assert.Equal(1, inner.TotalCalls);
        Assert.False(inner.SawCancellableToken);
    }

    [Fact]
    public async Task QueryAsync_SharedQueryFails_EveryCallerGetsTheFailure()
    {
        var inner = new GatedSource { Failure = "no upstream answered" };
        var source = new CoalescingSource(inner);

        ValueTask<SourceResponse> first = source.QueryAsync(Example, RecordType.DS, CancellationToken.None);
        ValueTask<SourceResponse> second = source.QueryAsync(Example, RecordType.DS, CancellationToken.None);
        inner.Open();

        Assert.Equal("no upstream answered", (await first).Failure);
        Assert.Equal("no upstream answered", (await second).Failure);
        Assert.Equal(1, inner.TotalCalls);
    }

    [Fact]
    public async Task QueryAsync_SharedQuerySentOverOpportunisticTls_EveryWaitingResolutionCountsIt()
    {
        var inner = new GatedSource { Privacy = TransportPrivacy.Opportunistic };
        var source = new CoalescingSource(inner);

        Task<TransportPrivacy?> first = ResolveAsync(source);
        Task<TransportPrivacy?> second = ResolveAsync(source);
        Assert.False(first.IsCompleted || second.IsCompleted);
        inner.Open();

        Assert.Equal(1, inner.TotalCalls);
        Assert.Equal(TransportPrivacy.Opportunistic, await first);
        Assert.Equal(TransportPrivacy.Opportunistic, await second);
    }

    /// <summary>One resolution's ledger around a DNSKEY question; what it noted.</summary>
    private static async Task<TransportPrivacy?> ResolveAsync(CoalescingSource source)
    {
        PrivacyLedger ledger = PrivacyLedger.Begin();
        await source.QueryAsync(Example, RecordType.DNSKEY, CancellationToken.None);
        return ledger.Weakest;
    }

    /// <summary>A source whose every query waits until the test opens the gate, counting the queries per question.</summary>
    private sealed class GatedSource : IValidationSource
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<(DnsName, RecordType), int> _calls = new();

        public string? Failure { get; init; }

        /// <summary>How the query's exchange is noted in the asking resolution's ledger, as the transport would; none when null.</summary>
        public TransportPrivacy? Privacy { get; init; }

        public bool SawCancellableToken { get; private set; }

        public int TotalCalls => _calls.Values.Sum();

        public int Calls(DnsName name, RecordType type) => _calls.GetValueOrDefault((name, type));

        public void Open() => _gate.SetResult();

        public async ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
        {
            _calls.AddOrUpdate((name, type), 1, (_, count) => count + 1);
            SawCancellableToken |= cancellationToken.CanBeCanceled;
            await _gate.Task;
            if (Privacy is { } privacy)
            {
                PrivacyLedger.Current?.Note(privacy);
            }

            if (Failure is not null)
            {
                return SourceResponse.Failed(Failure);
            }

            var message = new DnsMessage { Flags = DnsHeaderFlags.Response };
            message.Questions.Add(new DnsQuestion(name, type));
            return SourceResponse.From(message);
        }
    }
}
