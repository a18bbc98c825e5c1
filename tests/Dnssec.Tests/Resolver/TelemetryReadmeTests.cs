using System.Diagnostics.Metrics;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The README's telemetry tables are the names users put in their dashboards: every instrument the resolver's meter
/// publishes, every tag it measures with, and every activity and activity tag of a resolution are listed there.
/// </summary>
public class TelemetryReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

    [Fact]
    public async Task Readme_ListsEveryInstrumentOfTheResolversMeter()
    {
        await using var world = new TelemetryWorld(fallback: false);
        List<string> published = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter == world.Resolver.Meter)
                {
                    published.Add(instrument.Name);
                }
            },
        };

        listener.Start();

        Assert.NotEmpty(published);
        Assert.All(published, name => Assert.Contains($"`{name}`", Readme, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(TelemetryWorld.Behaviour.Honest), false)]
    [InlineData(nameof(TelemetryWorld.Behaviour.StripSignatures), true)]
    [InlineData(nameof(TelemetryWorld.Behaviour.Silent), false)]
    public async Task Readme_ListsEveryTagAndActivityOfAResolution(string upstream, bool fallback)
    {
        await using var world = new TelemetryWorld(fallback) { UpstreamBehaviour = Enum.Parse<TelemetryWorld.Behaviour>(upstream) };

        await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);
        await world.Resolver.ResolveAsync("www.broken.test.", RecordType.A);

        Assert.NotEmpty(world.Measurements);
        Assert.All(world.Measurements.SelectMany(m => m.Tags.Keys).Distinct(), tag => Assert.Contains($"`{tag}`", Readme, StringComparison.Ordinal));
        Assert.NotEmpty(world.Activities);
        Assert.All(world.Activities, activity =>
        {
            Assert.Contains($"`{activity.OperationName}`", Readme, StringComparison.Ordinal);
            Assert.All(activity.TagObjects, tag => Assert.Contains($"`{tag.Key}`", Readme, StringComparison.Ordinal));
            Assert.All(activity.Events, e => Assert.Contains($"`{e.Name}`", Readme, StringComparison.Ordinal));
        });
    }
}
