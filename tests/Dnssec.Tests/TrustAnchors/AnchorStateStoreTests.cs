using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class AnchorStateStoreTests
{
    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTrips()
    {
        using var folder = new TemporaryDirectory();
        var store = new AnchorStateStore(Path.Combine(folder.Path, "anchors.state"));
        IReadOnlyList<TrustPoint> points = AnchorStateTextTests.SampleState();

        AnchorStateResult saved = await store.SaveAsync(points);
        AnchorStateResult loaded = await store.LoadAsync();

        Assert.True(saved.IsSuccess, saved.Reason);
        Assert.True(loaded.IsSuccess, loaded.Reason);
        Assert.Equal(AnchorStateText.Format(points), await File.ReadAllTextAsync(store.Path));
        Assert.Equal(points.Select(p => p.Zone), loaded.TrustPoints.Select(p => p.Zone));
        Assert.False(File.Exists(store.Path + ".tmp"));
    }

    [Fact]
    public async Task LoadAsync_NoFile_NotFound()
    {
        using var folder = new TemporaryDirectory();

        AnchorStateResult loaded = await new AnchorStateStore(Path.Combine(folder.Path, "none")).LoadAsync();

        Assert.Equal(AnchorStateError.NotFound, loaded.Error);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("changed byte")]
    [InlineData("unknown version")]
    public async Task UpdateAsync_CorruptFile_RefusedAndLeftUntouched(string damage)
    {
        using var folder = new TemporaryDirectory();
        var store = new AnchorStateStore(Path.Combine(folder.Path, "anchors.state"));
        await store.SaveAsync(AnchorStateTextTests.SampleState());
        string text = await File.ReadAllTextAsync(store.Path);
        string damaged = damage switch
        {
            "truncated" => text[..(text.Length - 20)],
            "changed byte" => text.Replace("ADDPEND", "ADDPENX", StringComparison.Ordinal),
            _ => text.Replace("dnssec-anchor-state 2", "dnssec-anchor-state 7", StringComparison.Ordinal),
        };
        await File.WriteAllTextAsync(store.Path, damaged);

        AnchorStateResult loaded = await store.LoadAsync();
        AnchorStateResult saved = await store.SaveAsync([]);
        AnchorStateResult updated = await store.UpdateAsync(AnchorStateChild.Increment);

        Assert.False(loaded.IsSuccess);
        Assert.Contains(store.Path, loaded.Reason, StringComparison.Ordinal);
        Assert.Equal(loaded.Error, saved.Error);
        Assert.Equal(loaded.Error, updated.Error);
        Assert.Equal(damaged, await File.ReadAllTextAsync(store.Path));
    }

    [Fact]
    public async Task UpdateAsync_LockHeldElsewhere_FailsClearlyAfterTimeout()
    {
        using var folder = new TemporaryDirectory();
        var store = new AnchorStateStore(Path.Combine(folder.Path, "anchors.state")) { LockTimeout = TimeSpan.FromMilliseconds(200) };
        await using var holder = new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        AnchorStateResult saved = await store.SaveAsync(AnchorStateTextTests.SampleState());

        Assert.Equal(AnchorStateError.Locked, saved.Error);
        Assert.Contains("lock", saved.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(store.Path));
    }

    [Fact]
    public async Task UpdateAsync_TwoConcurrentWriters_NoUpdateLostAndFileIntact()
    {
        using var folder = new TemporaryDirectory();
        var store = new AnchorStateStore(Path.Combine(folder.Path, "anchors.state"));
        SigningKey[] keys = [SigningKey.Generate(DnsName.Parse("example."), DnssecAlgorithm.ED25519, 257)];
        await store.SaveAsync([AnchorStateChild.State(keys, 0)]);

        async Task WriterAsync()
        {
            for (int i = 0; i < 40; i++)
            {
                AnchorStateResult updated = await store.UpdateAsync(AnchorStateChild.Increment);
                Assert.True(updated.IsSuccess, updated.Reason);
            }
        }

        await Task.WhenAll(Task.Run(WriterAsync), Task.Run(WriterAsync));

        AnchorStateResult loaded = await store.LoadAsync();
        Assert.True(loaded.IsSuccess, loaded.Reason);
        Assert.Equal(AnchorStateChild.Origin.AddSeconds(80), loaded.TrustPoints[0].NextRefresh);
    }
}
