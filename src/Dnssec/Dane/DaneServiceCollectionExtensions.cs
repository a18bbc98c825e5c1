using Dnssec.Resolver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dnssec.Dane;

/// <summary>Registers the DANE services with dependency injection, over the <see cref="IDnssecResolver"/> registered there.</summary>
public static class DaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DaneVerifier"/> and <see cref="TlsaLookup"/> (shared) and <see cref="SmtpDaneClient"/> (one per
    /// request, since its port, EHLO name and timeout are set by whoever uses it), unless they are registered already.
    /// They use the <see cref="IDnssecResolver"/> of the container (see <see cref="ResolverServiceCollectionExtensions"/>)
    /// and the options <see cref="IOptions{DaneVerifierOptions}"/>, whose clock is the container's
    /// <see cref="TimeProvider"/> when it has one.
    /// </summary>
    public static IServiceCollection AddDnssecDane(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        if (!services.Any(service => service.ServiceType == typeof(DaneVerifier)))
        {
            // Registered before any other configuration of the options, so that a clock set there wins over the container's.
            services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<DaneVerifierOptions>>(provider =>
                new ConfigureOptions<DaneVerifierOptions>(options => options.TimeProvider = provider.GetService<TimeProvider>() ?? options.TimeProvider)));
        }

        services.TryAddSingleton(provider => new DaneVerifier(provider.GetRequiredService<IOptions<DaneVerifierOptions>>().Value));
        services.TryAddSingleton(provider => new TlsaLookup(provider.GetRequiredService<IDnssecResolver>()));
        services.TryAddTransient(provider => new SmtpDaneClient(provider.GetRequiredService<IDnssecResolver>(), provider.GetService<ILogger<SmtpDaneClient>>()));
        return services;
    }

    /// <summary>Adds the DANE services as <see cref="AddDnssecDane(IServiceCollection)"/> does, with <paramref name="configure"/> applied to their options.</summary>
    public static IServiceCollection AddDnssecDane(this IServiceCollection services, Action<DaneVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddDnssecDane().Configure(configure);
    }

    /// <summary>
    /// Adds the DANE services as <see cref="AddDnssecDane(IServiceCollection)"/> does, their
    /// options read from <paramref name="configuration"/> (a section such as <c>configuration.GetSection("Dane")</c>):
    /// <c>DaneEeNameChecks</c> (bool), <c>DigestPreference</c> (<c>sha512,sha256</c>, strongest first), <c>MaxChainLength</c>
    /// (2 to 32) and <c>PkixTrustAnchorsPath</c> (a PEM file of CA certificates for PKIX-TA and PKIX-EE; empty for none).
    /// An unknown key or a wrong value makes the first use of the options throw an
    /// <see cref="OptionsValidationException"/> that names every such key.
    /// </summary>
    public static IServiceCollection AddDnssecDane(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDnssecDane();
        services.AddSingleton<IConfigureOptions<DaneVerifierOptions>>(new DaneConfigurationReader(configuration));
        return services;
    }
}
