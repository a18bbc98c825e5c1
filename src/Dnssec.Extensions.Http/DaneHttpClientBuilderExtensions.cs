using Dnssec.Dane;
using Dnssec.Resolver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dnssec.Extensions.Http;

/// <summary>Makes the HttpClients of <see cref="IHttpClientFactory"/> connect with DANE.</summary>
public static class DaneHttpClientBuilderExtensions
{
    /// <summary>
    /// Sets the client's primary handler to <see cref="DaneHttpHandler"/>: each connection's addresses and TLSA records
    /// come from the container's <see cref="IDnssecResolver"/>, and the server's certificate is judged by them (by PKIX
    /// where DANE does not apply), with the container's <see cref="IOptions{DaneVerifierOptions}"/>. A refused server
    /// fails the request with an <see cref="HttpRequestException"/> whose inner exception says why. Register the
    /// resolver with <c>AddDnssecResolver</c> and, for options from configuration, <c>AddDnssecDane</c>.
    /// </summary>
    /// <param name="builder">The client's builder, from <c>services.AddHttpClient(…)</c>.</param>
    /// <param name="observe">Called with each DANE verdict, to log or count them.</param>
    public static IHttpClientBuilder UseDane(this IHttpClientBuilder builder, Action<DaneResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(provider => DaneHttpHandler.Create(
            provider.GetRequiredService<IDnssecResolver>(),
            provider.GetService<IOptions<DaneVerifierOptions>>()?.Value,
            observe));
    }
}
