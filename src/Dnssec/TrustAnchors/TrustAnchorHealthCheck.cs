using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dnssec.TrustAnchors;

/// <summary>
/// A health check of the tracked trust anchors: <see cref="AnchorHealthStatus.Healthy"/> is healthy,
/// <see cref="AnchorHealthStatus.Degraded"/> degraded, and <see cref="AnchorHealthStatus.Unusable"/> the registration's
/// failure status (unhealthy by default); the findings are the description and the <c>findings</c> data entry.
/// </summary>
/// <param name="assess">Gives the anchors' health now, such as <c>() =&gt; resolver.Anchors.Health</c>.</param>
public sealed class TrustAnchorHealthCheck(Func<AnchorHealth> assess) : IHealthCheck
{
    /// <summary>The name the check is registered under unless another is given.</summary>
    public const string DefaultName = "dnssec-trust-anchors";

    private readonly Func<AnchorHealth> _assess = assess ?? throw new ArgumentNullException(nameof(assess));

    /// <summary>Assesses the anchors and maps their health to a health check result.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        AnchorHealth health = _assess();
        var data = new Dictionary<string, object>
        {
            ["status"] = health.Status.ToString(),
            ["findings"] = health.Findings.ToArray(),
        };
        string description = health.Findings.Count == 0 ? "every trust point has a trusted key and a recent refresh" : string.Join("; ", health.Findings);
        HealthStatus status = health.Status switch
        {
            AnchorHealthStatus.Healthy => HealthStatus.Healthy,
            AnchorHealthStatus.Degraded => HealthStatus.Degraded,
            _ => context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
        };
        return Task.FromResult(new HealthCheckResult(status, description, exception: null, data));
    }
}
