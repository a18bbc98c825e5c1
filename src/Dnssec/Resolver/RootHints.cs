using System.Net;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>The root name servers to start iterative resolution from, read from a named.root file (or the shipped one).</summary>
public static class RootHints
{
    /// <summary>The addresses of the root servers in the shipped named.root (IANA's, 2024).</summary>
    public static IReadOnlyList<IPAddress> Shipped()
    {
        using Stream stream = typeof(RootHints).Assembly.GetManifestResourceStream("Dnssec.TrustAnchors.named.root")
            ?? throw new InvalidOperationException("The shipped named.root is missing from the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return Addresses(ZoneFileReader.Read(reader, "named.root (shipped)"));
    }

    /// <summary>The root server addresses in a named.root-form file.</summary>
    /// <exception cref="ZoneFileException">The file is malformed or names no root server with an address.</exception>
    public static IReadOnlyList<IPAddress> Load(string path) => Addresses(ZoneFileReader.ReadFile(path), path);

    private static List<IPAddress> Addresses(IEnumerable<DnsRecord> records, string source = "named.root (shipped)")
    {
        var list = records.ToList();
        var servers = list.Where(r => r.Type == RecordType.NS && r.Owner.IsRoot).Select(r => NameData.From(r).Target).ToHashSet();
        var addresses = list.Where(r => r.Type is RecordType.A or RecordType.AAAA && servers.Contains(r.Owner))
            .OrderBy(r => r.Type == RecordType.A ? 0 : 1)
            .Select(r => AddressData.From(r).Address)
            .ToList();
        if (addresses.Count == 0)
        {
            throw new ZoneFileException(source, 0, 0, "the root hints name no root server with an address");
        }

        return addresses;
    }
}
