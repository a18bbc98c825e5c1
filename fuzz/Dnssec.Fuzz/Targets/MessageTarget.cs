using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

/// <summary>
/// Fuzzes the wire layer's ways into a DNS message, the zero-allocation <see cref="DnsMessageReader"/> walk,
/// <see cref="DnsMessage.Parse"/> and the scrubbing <see cref="DnsMessage.ParseScrubbed"/>, then writes what was parsed
/// and checks the round trip.
/// </summary>
/// <remarks>
/// <para>Only <see cref="DnsFormatException"/>, the one exception malformed input may cause, is caught, and only around
/// the calls that read the input. Every check below throws <see cref="InvalidOperationException"/>:</para>
/// <list type="number">
/// <item>The walk and <see cref="DnsMessage.Parse"/> accept and reject the same inputs.</item>
/// <item>Within the walk, for every record: the owner read agrees with <c>OwnerEquals</c>; the copied RDATA has
/// <c>ExpandedDataLength</c> octets, equals the raw RDATA when the view says it holds no pointer, is valid uncompressed
/// RDATA of its type, and its typed view reads without throwing; question, owner and RDATA names survive presentation
/// form and back; <c>ReadToEnd</c> agrees about EDNS(0).</item>
/// <item><see cref="DnsMessage.Parse"/> yields exactly what the walk read: the same owners octet for octet, types,
/// classes, TTLs and RDATA.</item>
/// <item><see cref="DnsMessage.ToArray"/> gives bytes that parse again to the same content, and writing that
/// message again gives identical bytes.</item>
/// <item>The scrubbing parse and a scrubbing walk accept and reject the same inputs, and accept whatever the strict
/// parse accepts, with the same content and nothing dropped. What they keep is never malformed: every record is valid
/// for its type and the message writes and parses back strictly; what they drop is listed with an offset inside the
/// input and a reason, and a malformed record view refuses to hand out its RDATA.</item>
/// </list>
/// </remarks>
public sealed partial class MessageTarget : IFuzzTarget
{
    // Reused between runs; the fuzzer calls Run on one thread.
    private readonly byte[] _rdata = new byte[ushort.MaxValue];

    /// <inheritdoc />
    public string Name => "message";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        WalkResult? walked = Walk(input);

        DnsMessage? message;
        try
        {
            message = DnsMessage.Parse(input);
        }
        catch (DnsFormatException) when (walked is null)
        {
            message = null;
        }
        catch (DnsFormatException e)
        {
            throw new InvalidOperationException($"DnsMessage.Parse rejected a message that DnsMessageReader accepted: {e.Message}", e);
        }

        if (message is not null)
        {
            FuzzCheck.That(walked is not null, "DnsMessage.Parse accepted a message that DnsMessageReader rejected");
            CheckSameContent(walked, message);
            RoundTrip(message);
        }

        Scrub(input, message);
    }

    private enum Step
    {
        Read,
        End,
        Rejected,
    }

    /// <summary>Walks the message with the reader; returns what it read, or null when the reader rejected the input.</summary>
    private WalkResult? Walk(ReadOnlySpan<byte> input)
    {
        if (Start(input, out DnsMessageReader reader) == Step.Rejected)
        {
            return null;
        }

        var result = new WalkResult(reader.Header);
        Step step;
        while ((step = NextQuestion(ref reader, out DnsQuestionView question)) == Step.Read)
        {
            DnsName name = question.ReadName();
            FuzzCheck.That(question.NameEquals(name), "A question name does not equal itself as read");
            TypedViews.CheckName(name);
            result.Questions.Add(new DnsQuestion(name, question.Type, question.Class));
        }

        if (step == Step.Rejected)
        {
            return null;
        }

        while ((step = NextRecord(ref reader, out DnsRecordView record)) == Step.Read)
        {
            DnsName owner = record.ReadOwner();
            FuzzCheck.That(record.OwnerEquals(owner), $"The owner of a {record.Type} record does not equal itself as read");
            TypedViews.CheckName(owner);
            if (record.Type == RecordType.OPT)
            {
                FuzzCheck.That(result.Edns is null && record.Section == DnsSection.Additional && owner.IsRoot, "The reader let through a misplaced or second OPT record");
                result.Edns = ReadEdns(record.AsEdns(), out byte extendedResponseCode);
                result.ExtendedResponseCode = extendedResponseCode;
                continue;
            }

            result.Records.Add(CopyRecord(record, owner));
        }

        if (step == Step.Rejected)
        {
            return null;
        }

        bool sawOpt = result.Edns is not null;
        FuzzCheck.That(FinishWalk(ref reader, out bool hasEdns) != Step.Rejected, "ReadToEnd rejected a message whose records were all read");
        FuzzCheck.That(hasEdns == sawOpt && reader.HasEdns == sawOpt, "ReadToEnd and HasEdns disagree with the records about EDNS(0)");
        return result;
    }

    private DnsRecord CopyRecord(DnsRecordView record, DnsName owner)
    {
        FuzzCheck.That(record.ExpandedDataLength <= _rdata.Length, $"{record.Type} RDATA claims {record.ExpandedDataLength} octets once expanded");
        Span<byte> copy = _rdata.AsSpan(0, record.ExpandedDataLength);
        int written = record.CopyDataTo(copy);
        FuzzCheck.That(written == record.ExpandedDataLength, $"{record.Type} RDATA expanded to {written} octets, not the {record.ExpandedDataLength} the reader measured");
        FuzzCheck.That(record.IsCompressed || copy.SequenceEqual(record.RawData), $"{record.Type} RDATA changed when copied although the reader saw no compression pointer");

        // The public constructor checks the RDATA against the type's layout again, this time as uncompressed data:
        // a DnsFormatException escaping here means the reader passed, or the decompressor produced, malformed RDATA.
        var copied = new DnsRecord(owner, record.Type, record.Class, record.Ttl, copy.ToArray());
        TypedViews.Read(copied);
        return copied;
    }

    /// <summary>Reads the OPT fields and options by hand, independently of <see cref="EdnsRecord"/>, and decodes every Extended DNS Error.</summary>
    private static EdnsRecord ReadEdns(EdnsView view, out byte extendedResponseCode)
    {
        extendedResponseCode = view.ExtendedResponseCode;
        var edns = new EdnsRecord
        {
            UdpPayloadSize = view.UdpPayloadSize,
            Version = view.Version,
            DnssecOk = view.DnssecOk,
            OtherFlags = (ushort)(view.Flags & 0x7FFF),
        };
        ReadOnlySpan<byte> remaining = view.Options;
        while (!remaining.IsEmpty)
        {
            FuzzCheck.That(remaining.Length >= 4, "The reader let through a cut-short EDNS option header");
            var code = (EdnsOptionCode)((remaining[0] << 8) | remaining[1]);
            int length = (remaining[2] << 8) | remaining[3];
            FuzzCheck.That(remaining.Length >= 4 + length, $"The reader let through EDNS option {code} running past the OPT RDATA");
            ReadOnlySpan<byte> data = remaining.Slice(4, length);
            if (code == EdnsOptionCode.ExtendedDnsError)
            {
                ExtendedDnsError error = ExtendedDnsError.FromOptionData(data);
                FuzzCheck.That(error.ExtraText is not null, "An Extended DNS Error decoded to null text");
            }

            edns.Options.Add(new EdnsOption(code, data.ToArray()));
            remaining = remaining[(4 + length)..];
        }

        FuzzCheck.That(
            !view.TryGetOption(EdnsOptionCode.ExtendedDnsError, out ReadOnlySpan<byte> first) || first.Length >= 2,
            "TryGetOption found an Extended DNS Error shorter than its INFO-CODE");
        return edns;
    }

    private static void CheckSameContent(WalkResult walked, DnsMessage message)
    {
        DnsHeader header = walked.Header;
        FuzzCheck.That(
            message.Id == header.Id && message.Flags == header.Flags && message.OpCode == header.OpCode,
            "DnsMessage.Parse read other header fields than the reader");
        FuzzCheck.That(
            (int)message.ResponseCode == ((walked.ExtendedResponseCode << 4) | header.ResponseCode),
            $"DnsMessage.Parse read response code {message.ResponseCode}, not the one header and OPT give");
        FuzzCheck.That(message.Questions.Count == walked.Questions.Count, "DnsMessage.Parse read another number of questions than the walk");
        for (int i = 0; i < walked.Questions.Count; i++)
        {
            DnsQuestion expected = walked.Questions[i];
            DnsQuestion parsed = message.Questions[i];
            FuzzCheck.That(
                SameOctets(expected.Name, parsed.Name) && expected.Type == parsed.Type && expected.Class == parsed.Class,
                $"DnsMessage.Parse read question {parsed} where the walk read {expected}");
        }

        int index = 0;
        foreach (List<DnsRecord> section in (ReadOnlySpan<List<DnsRecord>>)[message.Answers, message.Authorities, message.Additionals])
        {
            foreach (DnsRecord parsed in section)
            {
                FuzzCheck.That(index < walked.Records.Count, "DnsMessage.Parse returned more records than the walk read");
                DnsRecord expected = walked.Records[index++];
                FuzzCheck.That(
                    SameOctets(expected.Owner, parsed.Owner) && expected.Type == parsed.Type && expected.Class == parsed.Class && expected.Ttl == parsed.Ttl,
                    $"DnsMessage.Parse read {parsed} where the walk read {expected}");
                FuzzCheck.That(
                    expected.Data.Span.SequenceEqual(parsed.Data.Span),
                    $"DnsMessage.Parse kept other RDATA for {parsed} than the walk copied");
            }
        }

        FuzzCheck.That(index == walked.Records.Count, "DnsMessage.Parse returned fewer records than the walk read");
        FuzzCheck.That(SameEdns(walked.Edns, message.Edns), "DnsMessage.Parse read other EDNS(0) fields than the walk");
        if (message.Edns is not null)
        {
            foreach (ExtendedDnsError error in message.Edns.ExtendedErrors)
            {
                _ = error.Code;
            }
        }
    }

    private static bool SameOctets(DnsName left, DnsName right) =>
        left.WireForm.SequenceEqual(right.WireForm) && left.LabelCount == right.LabelCount;

    private static bool SameEdns(EdnsRecord? left, EdnsRecord? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left.UdpPayloadSize != right.UdpPayloadSize || left.Version != right.Version ||
            left.DnssecOk != right.DnssecOk || left.OtherFlags != right.OtherFlags || left.Options.Count != right.Options.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Options.Count; i++)
        {
            if (left.Options[i].Code != right.Options[i].Code || !left.Options[i].Data.Span.SequenceEqual(right.Options[i].Data.Span))
            {
                return false;
            }
        }

        return true;
    }

    private static Step Start(ReadOnlySpan<byte> input, out DnsMessageReader reader)
    {
        try
        {
            reader = new DnsMessageReader(input);
            return Step.Read;
        }
        catch (DnsFormatException)
        {
            reader = default;
            return Step.Rejected;
        }
    }

    private static Step NextQuestion(ref DnsMessageReader reader, out DnsQuestionView question)
    {
        try
        {
            return reader.ReadQuestion(out question) ? Step.Read : Step.End;
        }
        catch (DnsFormatException)
        {
            question = default;
            return Step.Rejected;
        }
    }

    private static Step NextRecord(ref DnsMessageReader reader, out DnsRecordView record)
    {
        try
        {
            return reader.ReadRecord(out record) ? Step.Read : Step.End;
        }
        catch (DnsFormatException)
        {
            record = default;
            return Step.Rejected;
        }
    }

    private static Step FinishWalk(ref DnsMessageReader reader, out bool hasEdns)
    {
        try
        {
            hasEdns = reader.ReadToEnd(out EdnsView _);
            return Step.End;
        }
        catch (DnsFormatException)
        {
            hasEdns = false;
            return Step.Rejected;
        }
    }

    /// <summary>What the walk read, to hold <see cref="DnsMessage.Parse"/> to.</summary>
    private sealed class WalkResult(DnsHeader header)
    {
        public DnsHeader Header { get; } = header;

        public List<DnsQuestion> Questions { get; } = [];

        public List<DnsRecord> Records { get; } = [];

        public EdnsRecord? Edns { get; set; }

        public byte ExtendedResponseCode { get; set; }
    }
}
