using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dnssec.Resolver;

/// <summary>Registers <see cref="DnssecResolver"/> with dependency injection, for those who use it.</summary>
public static class ResolverServiceCollectionExtensions
{
    /// <summary>
    /// Adds one shared <see cref="DnssecResolver"/>, also as <see cref="IDnssecResolver"/>, unless one is registered
    /// already. Its options are <see cref="IOptions{ResolverOptions}"/>: what <paramref name="configure"/> sets, after
    /// whatever else configures them, such as <c>services.Configure&lt;ResolverOptions&gt;(configuration.GetSection("Dnssec"))</c>.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "The configuration overload takes as many parameters and none optional: a call compiled against this one still binds to it, and only AddDnssecResolver(null) becomes ambiguous.")]
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, Action<ResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(DnssecResolver)))
        {
            return services;
        }

        services.AddOptions();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(provider => new DnssecResolver(
            provider.GetRequiredService<IOptions<ResolverOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IDnsTransport>()));
        services.TryAddSingleton<IDnssecResolver>(provider => provider.GetRequiredService<DnssecResolver>());
        return services;
    }

    /// <summary>
    /// Adds the resolver as <see cref="AddDnssecResolver(IServiceCollection, Action{ResolverOptions}?)"/> does, its options
    /// read from <paramref name="configuration"/> (a section such as <c>configuration.GetSection("Dnssec")</c>) whose keys
    /// are the names of <see cref="ResolverOptions"/>' settings: <c>Servers</c> (<c>IP[:PORT]</c> strings), <c>Mode</c>,
    /// <c>Timeout</c> (<c>hh:mm:ss</c>), <c>CacheSize</c>, <c>Limits:Referrals</c>, <c>Validation:Limits:ChainLength</c> and so
    /// on, plus <c>TrustAnchorsPath</c>, a file of DS or DNSKEY records or a root-anchors.xml that replaces the shipped
    /// root anchor. Keys left out keep their defaults; <c>services.Configure&lt;ResolverOptions&gt;(…)</c> registered
    /// afterwards applies on top. An unknown key or a wrong value makes the first use of the options throw an
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> that names every such key.
    /// </summary>
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(service => service.ServiceType == typeof(DnssecResolver)))
        {
            return services;
        }

        services.AddOptions();
        services.AddSingleton<IConfigureOptions<ResolverOptions>>(provider =>
            new ResolverConfigurationReader(configuration, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services.AddDnssecResolver();
    }
}
