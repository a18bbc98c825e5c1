using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>
/// Tests that listen to the <see cref="DnsServer.MeterName"/> meter run alone: every server creates a meter of that
/// name, and a listener cannot tell whose measurements it receives.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerMeterCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Server meter";
}

/// <summary>The <c>Dnssec.Server</c> meter: what an operator's dashboard sees.</summary>
[Collection(ServerMeterCollection.Name)]
public class DnsServerMetricsTests
{
    [Fact]
    public async Task Meter_QueriesOfEveryKind_CountedByRcodeStatusAndReason()
    {
        var seen = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DnsServer.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen.Add((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => seen.Add((instrument.Name, value, Tags(tags))));
        listener.Start();
        await using ServedHierarchy served = await ServedHierarchy.StartAsync();

        await ServerClient.UdpAsync(served.EndPoint, ServedHierarchy.Query(1, "www.example.test.", RecordType.A));
        await ServerClient.TcpAsync(served.EndPoint, ServedHierarchy.Query(2, "www.expired.test.", RecordType.A));
        await served.Server.AnswerAsync(ServedHierarchy.Query(3, "www.example.test.", RecordType.A), new IPEndPoint(IPAddress.Parse("192.0.2.9"), 1), TransportProtocol.Udp);
        await served.Server.AnswerAsync(new byte[5], new IPEndPoint(IPAddress.Loopback, 1), TransportProtocol.Udp);

        Assert.Equal(3, Sum("dnssec.server.queries", ("protocol", "udp")));
        Assert.Equal(1, Sum("dnssec.server.queries", ("protocol", "tcp")));
        Assert.Equal(1, Sum("dnssec.server.responses", ("rcode", "NoError"), ("status", "Secure")));
        Assert.Equal(1, Sum("dnssec.server.responses", ("rcode", "ServFail"), ("status", "Bogus")));
        Assert.Equal(1, Sum("dnssec.server.responses", ("rcode", "Refused"), ("status", "none")));
        Assert.Equal(1, Sum("dnssec.server.refused"));
        Assert.Equal(1, Sum("dnssec.server.dropped", ("reason", "not_a_query")));
        // One duration per response sent, none for the dropped datagram.
        Assert.Equal(3, seen.Count(m => m.Instrument == "dnssec.server.duration"));
        Assert.All(seen.Where(m => m.Instrument == "dnssec.server.duration"), m => Assert.True(m.Value >= 0));

        double Sum(string instrument, params (string Key, string Value)[] tags) =>
            seen.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }
}
