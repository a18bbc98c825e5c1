using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>
/// The matcher against the TLSA records danetest.in lists for its example.com chain (leaf, Issuer CA, Root CA), every
/// selector and matching type, plus unusable records and malformed certificates.
/// </summary>
public sealed class TlsaMatcherTests
{
    private static readonly Lazy<byte[][]> Chain = new(() =>
        OpenSslDaneVectors.Read("danetest.in")[10].CertificatesPem.Select(pem => X509Certificate2.CreateFromPem(pem).RawData).ToArray());

    public static TheoryData<int, string, string> DocumentedRecords()
    {
        var data = new TheoryData<int, string, string>();
        int depth = -1;
        foreach (string line in File.ReadLines(Path.Combine(OpenSslDaneVectors.Directory, "danetest.in")))
        {
            if (line.StartsWith("# subject=", StringComparison.Ordinal))
            {
                depth++;
            }
            else if (depth >= 0 && line.Length > 8 && line.StartsWith("# ", StringComparison.Ordinal) && char.IsAsciiDigit(line[2]) && line[3] == ' ')
            {
                string[] fields = line[2..].Split(' ');
                data.Add(depth, $"{fields[1]} {fields[2]}", fields[3]);
            }
            else if (line.StartsWith("# Renumber", StringComparison.Ordinal))
            {
                break;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedRecords))]
    public void Match_DocumentedRecord_MatchesItsCertificateOnly(int depth, string selectorAndType, string hex)
    {
        string[] fields = selectorAndType.Split(' ');
        var selector = (TlsaSelector)byte.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
        var matchingType = (TlsaMatchingType)byte.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        byte[] data = Convert.FromHexString(hex);
        for (int i = 0; i < Chain.Value.Length; i++)
        {
            TlsaMatchResult expected = i == depth ? TlsaMatchResult.Match : TlsaMatchResult.NoMatch;
            Assert.Equal(expected, TlsaMatcher.Match(Chain.Value[i], selector, matchingType, data));
        }
    }

    [Theory]
    [InlineData(2, 1, 32, "selector 2 is unassigned")]
    [InlineData(255, 1, 32, "PrivSel is never usable")]
    [InlineData(0, 3, 32, "matching type 3 is unassigned")]
    [InlineData(0, 255, 32, "PrivMatch is never usable")]
    [InlineData(0, 1, 31, "a SHA-256 digest one octet short")]
    [InlineData(1, 2, 32, "a SHA-512 record with a SHA-256 length")]
    [InlineData(0, 0, 0, "empty Full data")]
    [InlineData(1, 0, 5, "Full data that is not DER")]
    public void Match_UnusableRecord_IsUnusable(byte selector, byte matchingType, int length, string description)
    {
        Assert.NotEmpty(description);
        byte[] data = new byte[length];
        Assert.Equal(TlsaMatchResult.UnusableRecord, TlsaMatcher.Match(Chain.Value[0], (TlsaSelector)selector, (TlsaMatchingType)matchingType, data));
    }

    [Theory]
    [InlineData(0, "empty input")]
    [InlineData(1, "a truncated certificate")]
    [InlineData(2, "a certificate with trailing bytes")]
    [InlineData(3, "a SEQUENCE that holds no TBSCertificate")]
    public void Match_MalformedCertificate_IsMalformed(int shape, string description)
    {
        Assert.NotEmpty(description);
        byte[] leaf = Chain.Value[0];
        byte[] certificate = shape switch
        {
            0 => [],
            1 => leaf[..^10],
            2 => [.. leaf, 0],
            _ => [0x30, 0x03, 0x02, 0x01, 0x01],
        };
        byte[] digest = System.Security.Cryptography.SHA256.HashData(leaf);
        Assert.Equal(TlsaMatchResult.MalformedCertificate, TlsaMatcher.Match(certificate, TlsaSelector.SPKI, TlsaMatchingType.SHA2256, digest));
        if (shape != 3)
        {
            Assert.Equal(TlsaMatchResult.MalformedCertificate, TlsaMatcher.Match(certificate, TlsaSelector.Cert, TlsaMatchingType.SHA2256, digest));
        }
    }

    [Fact]
    public void Match_TlsaData_ReadsTheRecordFields()
    {
        byte[] rdata = TlsaData.Encode(3, 0, 1, System.Security.Cryptography.SHA256.HashData(Chain.Value[0]));
        Assert.Equal(TlsaMatchResult.Match, TlsaMatcher.Match(Chain.Value[0], TlsaData.Parse(rdata)));
    }

    [Fact]
    public void Match_EverySelectorAndMatchingType_AllocatesNothing()
    {
        byte[] leaf = Chain.Value[0];
        var records = new List<(TlsaSelector, TlsaMatchingType, byte[])>();
        foreach ((int depth, string selectorAndType, string hex) in DocumentedRecords().Select(row => ((int)row[0], (string)row[1], (string)row[2])))
        {
            if (depth == 0)
            {
                string[] fields = selectorAndType.Split(' ');
                records.Add(((TlsaSelector)(fields[0][0] - '0'), (TlsaMatchingType)(fields[1][0] - '0'), Convert.FromHexString(hex)));
            }
        }

        Assert.Equal(6, records.Count);
        foreach ((TlsaSelector selector, TlsaMatchingType type, byte[] data) in records)
        {
            Assert.Equal(TlsaMatchResult.Match, TlsaMatcher.Match(leaf, selector, type, data));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int matches = 0;
        for (int i = 0; i < 100; i++)
        {
            foreach ((TlsaSelector selector, TlsaMatchingType type, byte[] data) in records)
            {
                matches += TlsaMatcher.Match(leaf, selector, type, data) == TlsaMatchResult.Match ? 1 : 0;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(600, matches);
        Assert.Equal(0, allocated);
    }
}
