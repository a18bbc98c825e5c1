using Dnssec.Dane;
using Dnssec.Tests.Resolver;
using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Dane;

/// <summary>The SMTP client's log events for deliveries that end before any connection: a bogus MX RRset, a host without an address.</summary>
public class SmtpDaneClientLogTests
{
    [Fact]
    public async Task DeliverAsync_BogusMx_LogsNotDeliveredWithTheReason()
    {
        await using var world = new TelemetryWorld(fallback: false);
        var client = new SmtpDaneClient(world.Resolver, world.Loggers.CreateLogger<SmtpDaneClient>());

        SmtpDeliveryResult result = await client.DeliverAsync("broken.test", new SmtpTlsPolicy { Level = SmtpSecurityLevel.Dane });

        Assert.False(result.Delivered);
        TelemetryWorld.LogEvent logged = Assert.Single(world.Events, e => e.Id.Id == 2102);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal(typeof(SmtpDaneClient).FullName, logged.Category);
        Assert.Contains(result.Reason, logged.Message, StringComparison.Ordinal);
        Assert.Contains("broken.test", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Events, e => e.Id.Id == 2101);
    }

    [Fact]
    public async Task DeliverAsync_HostWithoutAddress_LogsTheAttemptAtItsEffectiveLevel()
    {
        await using var world = new TelemetryWorld(fallback: false);
        var client = new SmtpDaneClient(world.Resolver, world.Loggers.CreateLogger<SmtpDaneClient>());

        SmtpDeliveryResult result = await client.DeliverAsync("example.test", new SmtpTlsPolicy { Level = SmtpSecurityLevel.May });

        Assert.False(result.Delivered);
        TelemetryWorld.LogEvent logged = Assert.Single(world.Events, e => e.Id.Id == 2102);
        Assert.Contains("through example.test at level May", logged.Message, StringComparison.Ordinal);
        Assert.Contains(logged.State, kv => kv.Key == "Host" && Equals(kv.Value, "example.test"));
    }
}
