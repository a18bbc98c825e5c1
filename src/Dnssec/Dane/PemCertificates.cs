using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

/// <summary>
/// Reads PEM files of certificates and public keys: server chains, CA files and local DANE trust anchors in the form
/// of Postfix's smtp_tls_trust_anchor_file (RFC 7468 "CERTIFICATE" and "PUBLIC KEY" blocks; other text is skipped).
/// </summary>
public static class PemCertificates
{
    /// <summary>Reads every certificate of a PEM file, in file order.</summary>
    /// <exception cref="FormatException">A CERTIFICATE block is not base64 or not X.509 DER.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<X509Certificate2> ReadCertificates(string path)
    {
        var certificates = new List<X509Certificate2>();
        foreach ((string label, byte[] der, int index) in ReadBlocks(File.ReadAllText(path), path))
        {
            if (label == "CERTIFICATE")
            {
                certificates.Add(Load(der, path, index));
            }
        }

        return certificates;
    }

    /// <summary>Reads a local trust-anchor file: its certificates, and its public keys as encoded SubjectPublicKeyInfo.</summary>
    /// <exception cref="FormatException">A block is not base64, a certificate not X.509 or a key not SubjectPublicKeyInfo.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (List<X509Certificate2> Certificates, List<byte[]> PublicKeys) ReadTrustAnchors(string path)
    {
        var certificates = new List<X509Certificate2>();
        var keys = new List<byte[]>();
        foreach ((string label, byte[] der, int index) in ReadBlocks(File.ReadAllText(path), path))
        {
            if (label == "CERTIFICATE")
            {
                certificates.Add(Load(der, path, index));
            }
            else if (label == "PUBLIC KEY")
            {
                if (!CertificateDer.IsSequence(der))
                {
                    throw new FormatException($"{path}: PEM block {index} (PUBLIC KEY) is not a DER SubjectPublicKeyInfo");
                }

                keys.Add(der);
            }
        }

        return (certificates, keys);
    }

    private static X509Certificate2 Load(byte[] der, string path, int index)
    {
        if (!CertificateDer.TryLocateParts(der, out _))
        {
            throw new FormatException($"{path}: PEM block {index} (CERTIFICATE) is not a DER X.509 certificate");
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException exception)
        {
            throw new FormatException($"{path}: PEM block {index} (CERTIFICATE) cannot be loaded: {exception.Message}", exception);
        }
    }

    private static List<(string Label, byte[] Der, int Index)> ReadBlocks(string text, string path)
    {
        var blocks = new List<(string Label, byte[] Der, int Index)>();
        ReadOnlySpan<char> rest = text;
        int index = 0;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            index++;
            string label = rest[fields.Label].ToString();
            byte[] der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written) || written != der.Length)
            {
                throw new FormatException($"{path}: PEM block {index} ({label}) is not valid base64");
            }

            blocks.Add((label, der, index));
            rest = rest[fields.Location.End..];
        }

        int begun = text.Split("-----BEGIN ").Length - 1;
        if (begun != blocks.Count)
        {
            throw new FormatException($"{path}: {begun - blocks.Count} of {begun} PEM blocks are malformed (bad base64 or mismatched BEGIN/END lines)");
        }

        return blocks;
    }
}
