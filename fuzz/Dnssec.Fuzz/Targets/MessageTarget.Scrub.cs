using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

public sealed partial class MessageTarget
{
    /// <summary>Checks <see cref="DnsMessage.ParseScrubbed"/> against the strict parse (null when it rejected the input) and a scrubbing walk.</summary>
    private void Scrub(ReadOnlySpan<byte> input, DnsMessage? strict)
    {
        int? malformed = ScrubWalk(input);
        DnsMessage scrubbed;
        IReadOnlyList<DroppedRecord> dropped;
        try
        {
            scrubbed = DnsMessage.ParseScrubbed(input, out dropped);
        }
        catch (DnsFormatException e) when (strict is not null || malformed is not null)
        {
            throw new InvalidOperationException($"DnsMessage.ParseScrubbed rejected a message that {(strict is not null ? "DnsMessage.Parse" : "the scrubbing walk")} accepted: {e.Message}", e);
        }
        catch (DnsFormatException)
        {
            return;
        }

        FuzzCheck.That(malformed is not null, "DnsMessage.ParseScrubbed accepted a message that the scrubbing walk rejected");
        FuzzCheck.That(malformed == dropped.Count(r => r.Type != RecordType.OPT), $"The scrubbing walk found {malformed} malformed records where DnsMessage.ParseScrubbed dropped {dropped.Count}");
        if (strict is not null)
        {
            FuzzCheck.That(dropped.Count == 0, "DnsMessage.ParseScrubbed dropped data from a message that DnsMessage.Parse accepted whole");
            CheckSameMessage(strict, scrubbed, mayTruncate: false);
        }

        foreach (DroppedRecord record in dropped)
        {
            FuzzCheck.That(record.Offset >= 0 && record.Offset <= input.Length, $"Dropped {record} names an offset outside the input");
            FuzzCheck.That(record.Reason.Length > 0 && record.ToString().Length > 0, "A dropped record has no reason");
        }

        foreach (List<DnsRecord> section in (ReadOnlySpan<List<DnsRecord>>)[scrubbed.Answers, scrubbed.Authorities, scrubbed.Additionals])
        {
            foreach (DnsRecord record in section)
            {
                DnsRecord copy;
                try
                {
                    copy = new DnsRecord(record.Owner, record.Type, record.Class, record.Ttl, record.Data.ToArray());
                }
                catch (DnsFormatException e)
                {
                    throw new InvalidOperationException($"DnsMessage.ParseScrubbed kept {record}, whose RDATA is malformed: {e.Message}", e);
                }

                TypedViews.Read(copy);
            }
        }

        // Writing what was kept and parsing it strictly proves that nothing malformed was kept.
        RoundTrip(scrubbed);
    }

    /// <summary>Walks the input with a scrubbing reader; returns how many records it found malformed, or null when it rejected the input.</summary>
    private int? ScrubWalk(ReadOnlySpan<byte> input)
    {
        try
        {
            var reader = new DnsMessageReader(input, scrub: true);
            int malformed = 0;
            while (reader.ReadRecord(out DnsRecordView record))
            {
                if (!record.IsMalformed)
                {
                    continue;
                }

                malformed++;
                DnsFormatException? why = record.Malformation;
                // A compression pointer in the RDATA may lead the fault anywhere before it, the header included.
                FuzzCheck.That(why is not null && why.Offset >= 0 && why.Offset <= input.Length, $"A malformed {record.Type} record names no fault inside the message");
                FuzzCheck.That(RefusesData(record), $"A malformed {record.Type} record handed out its RDATA");
            }

            return malformed;
        }
        catch (DnsFormatException)
        {
            return null;
        }
    }

    private bool RefusesData(DnsRecordView record)
    {
        try
        {
            record.CopyDataTo(_rdata);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
