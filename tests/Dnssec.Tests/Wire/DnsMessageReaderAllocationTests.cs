using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Asserts the zero-allocation claim that benchmarks/MessageParseBenchmarks.DnssecWalk shows.</summary>
public sealed class DnsMessageReaderAllocationTests
{
    [Theory]
    [InlineData("response-a-rsa", "www.example.com.", 3)]
    [InlineData("response-nxdomain-nsec3", "example.com.", 2)]
    [InlineData("raw-pointer-chains", "mail.example.com.", 3)]
    public void ReadRecord_WalkComparingOwners_AllocatesNothing(string seed, string owner, int expectedMatches)
    {
        byte[] message = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fuzz", "corpus", "message", seed));
        DnsName name = DnsName.Parse(owner);
        Assert.Equal(expectedMatches, Walk(message, name));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int matches = 0;
        for (int i = 0; i < 100; i++)
        {
            matches += Walk(message, name);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * expectedMatches, matches);
        Assert.Equal(0, allocated);
    }

    private static int Walk(byte[] message, DnsName owner)
    {
        var reader = new DnsMessageReader(message);
        int matches = 0;
        while (reader.ReadRecord(out DnsRecordView record))
        {
            if (record.OwnerEquals(owner))
            {
                matches++;
            }
        }

        reader.ReadToEnd(out EdnsView _);
        return matches;
    }
}
