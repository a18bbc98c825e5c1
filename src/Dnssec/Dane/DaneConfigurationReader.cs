using System.Security.Cryptography.X509Certificates;
using Dnssec.Resolver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dnssec.Dane;

/// <summary>
/// Fills <see cref="DaneVerifierOptions"/> from a configuration section when the options are first asked for; every
/// unknown key and wrong value is named in one <see cref="OptionsValidationException"/>.
/// </summary>
internal sealed class DaneConfigurationReader(IConfiguration section) : IConfigureOptions<DaneVerifierOptions>
{
    private const string DigestPreferenceKey = nameof(DaneVerifierOptions.DigestPreference);

    private static readonly string[] Keys =
    [
        nameof(DaneConfiguration.DaneEeNameChecks), DigestPreferenceKey, nameof(DaneConfiguration.MaxChainLength),
        nameof(DaneConfiguration.PkixTrustAnchorsPath),
    ];

    /// <summary>Applies the section's keys over what earlier registrations set.</summary>
    /// <exception cref="OptionsValidationException">A key is unknown or a value is wrong; the message names each.</exception>
    public void Configure(DaneVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ConfigurationSections.CheckKeys(section, Keys, failures);

        var read = new DaneConfiguration();
        try
        {
            section.Bind(read);
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }

        options.DaneEeNameChecks = read.DaneEeNameChecks ?? options.DaneEeNameChecks;
        if (read.MaxChainLength is { } length)
        {
            // The verifier clamps its own value, but a configured number it would silently change is a mistake to report.
            if (length is < 2 or > 32)
            {
                failures.Add($"{PathOf(nameof(read.MaxChainLength))}: {length} is out of range; it must be 2 to 32");
            }
            else
            {
                options.MaxChainLength = length;
            }
        }

        ReadDigests(options, failures);
        if (read.PkixTrustAnchorsPath is { } path)
        {
            options.PkixTrustAnchors = LoadCertificates(path, failures) ?? options.PkixTrustAnchors;
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DaneVerifierOptions), failures);
        }
    }

    /// <summary>Reads the digest preference, strongest first, as children or as one list like Postfix's <c>sha512,sha256</c>.</summary>
    private void ReadDigests(DaneVerifierOptions options, List<string> failures)
    {
        List<(string Path, string Text)> items = ConfigurationSections.Items(section.GetSection(DigestPreferenceKey));
        if (items.Count == 0)
        {
            return;
        }

        var digests = new List<TlsaMatchingType>();
        foreach ((string path, string text) in items)
        {
            TlsaMatchingType? digest = text.ToUpperInvariant() switch
            {
                "SHA256" or "SHA2-256" or "SHA2256" or "1" => TlsaMatchingType.SHA2256,
                "SHA512" or "SHA2-512" or "SHA2512" or "2" => TlsaMatchingType.SHA2512,
                _ => null,
            };
            if (digest is not { } known)
            {
                failures.Add($"{path}: '{text}' is not a TLSA digest; use sha512 (SHA2-512, 2) or sha256 (SHA2-256, 1)");
            }
            else if (digests.Contains(known))
            {
                failures.Add($"{path}: '{text}' is listed twice");
            }
            else
            {
                digests.Add(known);
            }
        }

        options.DigestPreference.Clear();
        foreach (TlsaMatchingType digest in digests)
        {
            options.DigestPreference.Add(digest);
        }
    }

    private X509Certificate2Collection? LoadCertificates(string path, List<string> failures)
    {
        string key = PathOf(nameof(DaneConfiguration.PkixTrustAnchorsPath));
        try
        {
            // An empty file is allowed and means no PKIX trust anchors at all, as `dnssec dane check --ca-file` reads it.
            List<X509Certificate2> certificates = PemCertificates.ReadCertificates(path);
            if (certificates.Count == 0 && !string.IsNullOrWhiteSpace(File.ReadAllText(path)))
            {
                failures.Add($"{key}: '{path}' is not a file of PEM certificates: it holds no certificate that can be read");
                return null;
            }

            return [.. certificates];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{key}: cannot read '{path}': {exception.Message}");
        }
        catch (FormatException exception)
        {
            failures.Add($"{key}: '{path}' is not a file of PEM certificates: {exception.Message}");
        }

        return null;
    }

    private string PathOf(string key) => ConfigurationSections.PathOf(section, key);
}
