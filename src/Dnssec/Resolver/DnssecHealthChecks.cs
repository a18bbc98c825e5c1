using Dnssec.TrustAnchors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dnssec.Resolver;

/// <summary>
/// Health check registrations for the resolver registered with dependency injection, added as
/// <c>services.AddHealthChecks().Add(DnssecHealthChecks.TrustAnchors())</c>; built on the abstractions alone, so that
/// the library does not bring the health check service into applications that do not use it.
/// </summary>
public static class DnssecHealthChecks
{
    /// <summary>
    /// A <see cref="TrustAnchorHealthCheck"/> of the registered <see cref="DnssecResolver"/>'s RFC 5011 trust points. A
    /// resolver that tracks none (no <see cref="ResolverOptions.AnchorStatePath"/>) validates with anchors fixed by
    /// configuration, which the check reports as healthy with a finding saying so.
    /// </summary>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What an unusable anchor reports; unhealthy when null.</param>
    /// <param name="tags">Tags to filter checks by, such as <c>ready</c>.</param>
    public static HealthCheckRegistration TrustAnchors(string name = TrustAnchorHealthCheck.DefaultName, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new HealthCheckRegistration(name, provider => For(provider.GetRequiredService<DnssecResolver>()), failureStatus, tags);
    }

    /// <summary>A <see cref="TrustAnchorHealthCheck"/> of <paramref name="resolver"/>'s trust points, for use without dependency injection.</summary>
    public static TrustAnchorHealthCheck For(DnssecResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return new TrustAnchorHealthCheck(() => resolver.Anchors?.Health ?? Untracked);
    }

    private static AnchorHealth Untracked { get; } = new(AnchorHealthStatus.Healthy, ["trust anchors are fixed by configuration, not tracked by RFC 5011 (no anchor state path): their currency is not checked"]);
}
