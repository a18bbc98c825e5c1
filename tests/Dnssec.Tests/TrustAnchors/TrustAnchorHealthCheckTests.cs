using System.Net;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>The trust anchors' health as a health check: each status mapped, the findings described, and the registration.</summary>
public class TrustAnchorHealthCheckTests
{
    [Theory]
    [InlineData(AnchorHealthStatus.Healthy, HealthStatus.Healthy)]
    [InlineData(AnchorHealthStatus.Degraded, HealthStatus.Degraded)]
    [InlineData(AnchorHealthStatus.Unusable, HealthStatus.Unhealthy)]
    public async Task CheckHealthAsync_EachAnchorStatus_MapsToItsHealthStatusWithTheFindings(AnchorHealthStatus anchors, HealthStatus expected)
    {
        var check = new TrustAnchorHealthCheck(() => new AnchorHealth(anchors, [$"finding one of {anchors}", "finding two"]));

        HealthCheckResult result = await check.CheckHealthAsync(Context(check, HealthStatus.Unhealthy));

        Assert.Equal(expected, result.Status);
        Assert.Equal($"finding one of {anchors}; finding two", result.Description);
        Assert.Equal(anchors.ToString(), result.Data["status"]);
        Assert.Equal([$"finding one of {anchors}", "finding two"], (string[])result.Data["findings"]);
    }

    [Fact]
    public async Task CheckHealthAsync_Unusable_ReportsTheRegistrationsFailureStatus()
    {
        var check = new TrustAnchorHealthCheck(() => new AnchorHealth(AnchorHealthStatus.Unusable, ["example. has no usable trust anchor"]));

        HealthCheckResult result = await check.CheckHealthAsync(Context(check, HealthStatus.Degraded));

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_NoFindings_SaysSo()
    {
        var check = new TrustAnchorHealthCheck(() => new AnchorHealth(AnchorHealthStatus.Healthy, []));

        HealthCheckResult result = await check.CheckHealthAsync(Context(check, HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("trusted key", result.Description, StringComparison.Ordinal);
        Assert.Empty((string[])result.Data["findings"]);
    }

    [Fact]
    public async Task TrustAnchors_RegisteredResolverWithoutTracking_HealthyAndSaysTheAnchorsAreNotTracked()
    {
        var services = new ServiceCollection();
        services.AddDnssecResolver(options => options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53)));
        await using ServiceProvider provider = services.BuildServiceProvider();
        HealthCheckRegistration registration = DnssecHealthChecks.TrustAnchors(tags: ["ready"]);

        IHealthCheck check = registration.Factory(provider);
        HealthCheckResult result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration });

        Assert.Equal(TrustAnchorHealthCheck.DefaultName, registration.Name);
        Assert.Equal(["ready"], registration.Tags);
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("not tracked", result.Description, StringComparison.Ordinal);
    }

    private static HealthCheckContext Context(IHealthCheck check, HealthStatus failureStatus) =>
        new() { Registration = new HealthCheckRegistration("anchors", check, failureStatus, tags: null) };
}
