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
}
