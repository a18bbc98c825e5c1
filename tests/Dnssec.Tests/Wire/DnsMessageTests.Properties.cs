using Dnssec.Wire;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Dnssec.Tests.Wire;

/// <summary>Round-trip and robustness properties of <see cref="DnsMessage"/> over generated messages.</summary>
public sealed partial class DnsMessageTests
{
    /// <summary>Short names in lower case only, so that compression cannot change any octet.</summary>
    private static readonly Gen<DnsName> LowerCaseNames = WireArbitraries.ShortNames.Select(n => n.ToLowerCase());

    [Property(Arbitrary = [typeof(WireArbitraries)], MaxTest = 300)]
    public void ToArray_AnyMessage_ParsesBackToTheSameContentAndBytes(DnsMessage message)
    {
        byte[] wire = message.ToArray();
        DnsMessage parsed = DnsMessage.Parse(wire);

        MessageAssert.SameContent(message, parsed, exactCase: false);
        Assert.Equal(wire, parsed.ToArray());
    }

    [Property(MaxTest = 300)]
    public Property ToArray_LowerCaseMessage_ParsesBackToIdenticalOctets() =>
        Prop.ForAll(
            WireArbitraries.MessageGen(LowerCaseNames).ToArbitrary(),
            message =>
            {
                byte[] wire = message.ToArray();
                DnsMessage parsed = DnsMessage.Parse(wire);

                MessageAssert.SameContent(message, parsed, exactCase: true);
                Assert.Equal(wire, parsed.ToArray());
            });

    [Property(MaxTest = 300)]
    public Property ToArray_ShortNamesWithManyRepeats_ParsesBack() =>
        Prop.ForAll(
            WireArbitraries.MessageGen(WireArbitraries.SmallNames).ToArbitrary(),
            message =>
            {
                // A tiny alphabet makes names share suffixes and repeat labels, which is where compression goes wrong.
                byte[] wire = message.ToArray();
                DnsMessage parsed = DnsMessage.Parse(wire);

                MessageAssert.SameContent(message, parsed, exactCase: false);
                Assert.Equal(wire, parsed.ToArray());
            });

    [Property(MaxTest = 2000)]
    public Property Parse_MutatedMessage_ThrowsOnlyDnsFormatExceptionAndWhatParsesRoundTrips() =>
        Prop.ForAll(MutatedMessages().ToArbitrary(), CheckMutated);

    /// <summary>Valid messages with a few octets overwritten, inserted or removed, or cut short.</summary>
    private static Gen<byte[]> MutatedMessages()
    {
        Gen<(int Kind, int Position, byte Value)> mutation =
            from kind in Gen.Choose(0, 5)
            from position in Gen.Choose(0, int.MaxValue)
            from value in Gen.Frequency((3, Gen.Choose(0, 255)), (1, Gen.Elements(0, 0xC0, 0xC0 | 0x0C, 0x3F, 0x40, 0x80, 0xFF, 41)))
            select (kind, position, (byte)value);
        return from message in WireArbitraries.MessageGen(WireArbitraries.SmallNames)
               from mutations in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(mutation, n))
               select Mutate(message.ToArray(), mutations);
    }

    private static byte[] Mutate(byte[] wire, (int Kind, int Position, byte Value)[] mutations)
    {
        var bytes = new List<byte>(wire);
        foreach ((int kind, int position, byte value) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            int at = position % bytes.Count;
            switch (kind)
            {
                case 0 or 1 or 2:
                    bytes[at] = value;
                    break;
                case 3:
                    bytes.Insert(at, value);
                    break;
                case 4:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    private static void CheckMutated(byte[] wire)
    {
        DnsMessage parsed;
        try
        {
            parsed = DnsMessage.Parse(wire);
        }
        catch (DnsFormatException)
        {
            return;
        }

        // What parses must be usable: every view reads, the message writes, and what it writes parses to the same.
        foreach (DnsRecord record in parsed.Answers.Concat(parsed.Authorities).Concat(parsed.Additionals))
        {
            RecordViews.Describe(record);
            record.Owner.ToString();
        }

        WalkWithReader(wire);
        byte[] again = parsed.ToArray();
        DnsMessage reparsed = DnsMessage.Parse(again);
        MessageAssert.SameContent(parsed, reparsed, exactCase: false);
        Assert.Equal(again, reparsed.ToArray());
    }

    private static void WalkWithReader(byte[] wire)
    {
        var reader = new DnsMessageReader(wire);
        while (reader.ReadQuestion(out DnsQuestionView question))
        {
            question.ToQuestion();
        }

        while (reader.ReadRecord(out DnsRecordView record))
        {
            if (record.Type == RecordType.OPT)
            {
                record.AsEdns();
            }
            else
            {
                DnsRecord copy = record.ToRecord();
                Assert.Equal(record.ExpandedDataLength, copy.Data.Length);
                Assert.Equal(record.IsCompressed, !record.RawData.SequenceEqual(copy.Data.Span));
            }
        }
    }
}
