namespace Dnssec.Dane;

/// <summary>
/// The scalar keys of a DANE configuration section, filled by the configuration binder's source generator; nullable, so
/// that only the keys present change <see cref="DaneVerifierOptions"/>. The digest list and the CA file are read by
/// <see cref="DaneConfigurationReader"/>.
/// </summary>
internal sealed class DaneConfiguration
{
    public bool? DaneEeNameChecks { get; set; }

    public int? MaxChainLength { get; set; }

    public string? PkixTrustAnchorsPath { get; set; }
}
