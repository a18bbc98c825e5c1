using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

/// <summary>Registers <see cref="DnssecResolver"/> with dependency injection, for those who use it.</summary>
public static class ResolverServiceCollectionExtensions
{
    /// <summary>Adds one shared <see cref="DnssecResolver"/> configured by <paramref name="configure"/>, unless one is registered already.</summary>
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, Action<ResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new ResolverOptions();
            configure?.Invoke(options);
            return new DnssecResolver(
                options,
                provider.GetService<ILoggerFactory>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<IDnsTransport>());
        });
        return services;
    }
}
