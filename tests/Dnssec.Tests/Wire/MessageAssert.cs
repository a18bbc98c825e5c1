using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Compares messages field by field, since <see cref="DnsMessage"/> and <see cref="DnsRecord"/> have no value equality.</summary>
internal static class MessageAssert
{
    /// <summary>
    /// Asserts that two messages carry the same header fields, questions, records and EDNS(0). The writer compresses
    /// names case-insensitively, so a compressed name takes the case of the name it points to: unless
    /// <paramref name="exactCase"/> is set, names are compared ignoring case, and so is RDATA of the types whose names
    /// may be compressed (which are exactly the types whose canonical form lower-cases them).
    /// </summary>
    public static void SameContent(DnsMessage expected, DnsMessage actual, bool exactCase)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.OpCode, actual.OpCode);
        Assert.Equal(expected.ResponseCode, actual.ResponseCode);
        Assert.Equal(expected.Questions.Count, actual.Questions.Count);
        for (int i = 0; i < expected.Questions.Count; i++)
        {
            SameName(expected.Questions[i].Name, actual.Questions[i].Name, exactCase);
            Assert.Equal(expected.Questions[i].Type, actual.Questions[i].Type);
            Assert.Equal(expected.Questions[i].Class, actual.Questions[i].Class);
        }

        SameRecords(expected.Answers, actual.Answers, exactCase);
        SameRecords(expected.Authorities, actual.Authorities, exactCase);
        SameRecords(expected.Additionals, actual.Additionals, exactCase);
        SameEdns(expected.Edns, actual.Edns);
    }

    private static void SameRecords(List<DnsRecord> expected, List<DnsRecord> actual, bool exactCase)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            DnsRecord left = expected[i];
            DnsRecord right = actual[i];
            SameName(left.Owner, right.Owner, exactCase);
            Assert.Equal(left.Type, right.Type);
            Assert.Equal(left.Class, right.Class);
            Assert.Equal(left.Ttl, right.Ttl);
            if (exactCase || !RecordSchema.Get(left.Type).CompressNames)
            {
                Assert.Equal(left.Data.ToArray(), right.Data.ToArray());
            }
            else
            {
                Assert.True(CanonicalOrder.CompareRecordData(left.Type, left.Data.Span, right.Data.Span) == 0, $"{left} and {right} differ in RDATA");
            }
        }
    }

    private static void SameEdns(EdnsRecord? expected, EdnsRecord? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.UdpPayloadSize, actual.UdpPayloadSize);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.DnssecOk, actual.DnssecOk);
        Assert.Equal(expected.OtherFlags, actual.OtherFlags);
        Assert.Equal(expected.Options.Count, actual.Options.Count);
        for (int i = 0; i < expected.Options.Count; i++)
        {
            Assert.Equal(expected.Options[i].Code, actual.Options[i].Code);
            Assert.Equal(expected.Options[i].Data.ToArray(), actual.Options[i].Data.ToArray());
        }
    }

    private static void SameName(DnsName expected, DnsName actual, bool exactCase)
    {
        Assert.Equal(expected, actual);
        if (exactCase)
        {
            Assert.Equal(expected.WireForm.ToArray(), actual.WireForm.ToArray());
        }
    }
}
