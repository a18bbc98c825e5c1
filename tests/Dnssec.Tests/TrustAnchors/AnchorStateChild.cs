using System.Globalization;
using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>
/// What a child process does to the state file in the crash and concurrency tests: write consistent states in a loop
/// until killed, or add one second to the next refresh time a number of times. Every state it writes is recognisable:
/// all of its times are equal, so a half-written or mixed file shows.
/// </summary>
internal static class AnchorStateChild
{
    public const string Role = "anchor-state";
    public const string Ready = "ready";

    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DnsName Zone = DnsName.Parse("example.");

    /// <summary>Runs "write PATH" (forever) or "increment PATH COUNT".</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var store = new AnchorStateStore(args[1]) { LockTimeout = TimeSpan.FromSeconds(30) };
        if (args[0] == "write")
        {
            SigningKey[] keys = [.. Enumerable.Range(0, 3).Select(_ => SigningKey.Generate(Zone, DnssecAlgorithm.ED25519, 257))];
            for (int i = 1; ; i++)
            {
                AnchorStateResult saved = await store.SaveAsync([State(keys, i)]);
                if (!saved.IsSuccess)
                {
                    await Console.Error.WriteLineAsync(saved.Reason);
                    return 1;
                }

                if (i == 1)
                {
                    Console.WriteLine(Ready);
                    Console.Out.Flush();
                }
            }
        }

        int count = int.Parse(args[2], CultureInfo.InvariantCulture);
        for (int i = 0; i < count; i++)
        {
            AnchorStateResult updated = await store.UpdateAsync(Increment);
            if (!updated.IsSuccess)
            {
                await Console.Error.WriteLineAsync(updated.Reason);
                return 1;
            }
        }

        return 0;
    }

    /// <summary>A state whose every time is <see cref="Origin"/> plus <paramref name="seconds"/>.</summary>
    public static TrustPoint State(SigningKey[] keys, int seconds)
    {
        DateTimeOffset time = Origin.AddSeconds(seconds);
        return new TrustPoint(Zone, [.. keys.Select(k => new TrackedKey(k.Dnskey, TrackedKeyState.Valid, time, time, time))], time, time);
    }

    /// <summary>The same trust points with the next refresh one second later.</summary>
    public static IReadOnlyList<TrustPoint> Increment(IReadOnlyList<TrustPoint> points) =>
        [.. points.Select(p => p with { NextRefresh = p.NextRefresh.AddSeconds(1) })];
}
