using System.Buffers;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>Builds NSEC and NSEC3 RRsets for the proof tests straight from their fields; no signing is needed.</summary>
internal static class DenialRecords
{
    /// <summary>The RFC 5155 Appendix A salt.</summary>
    public const string Rfc5155Salt = "aabbccdd";

    /// <summary>The RFC 5155 Appendix A iteration count.</summary>
    public const ushort Rfc5155Iterations = 12;

    public static DnsName Name(string text) => DnsName.Parse(text);

    /// <summary>Parses "NS SOA MX" into types; an empty string is no types.</summary>
    public static RecordType[] Types(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Mnemonics.ParseRecordType)];

    /// <summary>An NSEC RRset: <c>owner NSEC next types</c>.</summary>
    public static DnsRRset Nsec(string owner, string next, string types) =>
        new([new DnsRecord(Name(owner), RecordType.NSEC, RecordClass.IN, 3600, NsecData.Encode(Name(next), Types(types)))]);

    /// <summary>An NSEC3 RRset from presentation fields: <c>owner NSEC3 algorithm flags iterations salt next types</c>.</summary>
    public static DnsRRset Nsec3(string owner, string nextHashLabel, string types, byte flags = 1, ushort iterations = Rfc5155Iterations,
        string salt = Rfc5155Salt, byte algorithm = Nsec3Hasher.Sha1) =>
        new([Nsec3Record(owner, nextHashLabel, types, flags, iterations, salt, algorithm)]);

    public static DnsRecord Nsec3Record(string owner, string nextHashLabel, string types, byte flags = 1, ushort iterations = Rfc5155Iterations,
        string salt = Rfc5155Salt, byte algorithm = Nsec3Hasher.Sha1) =>
        new(Name(owner), RecordType.NSEC3, RecordClass.IN, 3600,
            Nsec3Data.Encode(algorithm, flags, iterations, Convert.FromHexString(salt), Base32Hex(nextHashLabel), Types(types)));

    /// <summary>Decodes an unpadded base32hex label.</summary>
    public static byte[] Base32Hex(string label)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(Base32HexText.TryDecode(label, output, out string? error), error);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The NSEC3 hash label of a name, lower case.</summary>
    public static string HashLabel(string name, string salt = Rfc5155Salt, int iterations = Rfc5155Iterations)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(Name(name), Convert.FromHexString(salt), iterations, hash);
        return Nsec3Hasher.ToLabel(hash).ToLowerInvariant();
    }

    /// <summary>A budget with the given hash allowance.</summary>
    public static ValidationBudget Budget(int hashes = ValidationLimits.DefaultNsec3HashesPerAnswer) =>
        new(new ValidationLimits { Nsec3HashesPerAnswer = hashes });
}
