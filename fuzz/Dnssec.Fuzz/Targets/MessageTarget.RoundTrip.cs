using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

public sealed partial class MessageTarget
{
    /// <summary>
    /// Writes the parsed message, parses the result and writes that again: the content must survive and the two
    /// writes must give identical bytes.
    /// </summary>
    /// <remarks>
    /// "Same content" is octet for octet, names included: the writer points only at names spelled exactly the same,
    /// case included, so compression must not change the case of any name (RFC 4343 §4.1).
    /// </remarks>
    private static void RoundTrip(DnsMessage message)
    {
        int questionsAndOpt = DnsHeader.Size + EdnsSize(message.Edns);
        foreach (DnsQuestion question in message.Questions)
        {
            questionsAndOpt += question.Name.WireLength + 4;
        }

        // WriteTo documents InvalidOperationException when even the question section and OPT cannot fit in 65535
        // octets. A parsed message can only get there through thousands of compressed questions; skip the round trip
        // rather than catch an exception that would also hide real bugs.
        if (questionsAndOpt > ushort.MaxValue)
        {
            return;
        }

        int uncompressed = questionsAndOpt;
        foreach (List<DnsRecord> section in (ReadOnlySpan<List<DnsRecord>>)[message.Answers, message.Authorities, message.Additionals])
        {
            foreach (DnsRecord record in section)
            {
                uncompressed += record.Owner.WireLength + 10 + record.Data.Length;
            }
        }

        // Compression only shrinks a message, so the writer may leave records out only when it could not fit uncompressed.
        bool mayTruncate = uncompressed > ushort.MaxValue;

        byte[] first = message.ToArray();
        DnsMessage again;
        try
        {
            again = DnsMessage.Parse(first);
        }
        catch (DnsFormatException e)
        {
            throw new InvalidOperationException($"DnsMessage.Parse rejected what DnsMessage.ToArray wrote: {e.Message}", e);
        }

        CheckSameMessage(message, again, mayTruncate);
        byte[] second = again.ToArray();
        FuzzCheck.That(first.AsSpan().SequenceEqual(second), "Writing a message parsed from our own output gave different bytes");
    }

    private static void CheckSameMessage(DnsMessage original, DnsMessage again, bool mayTruncate)
    {
        FuzzCheck.That(
            again.Id == original.Id && again.OpCode == original.OpCode && again.ResponseCode == original.ResponseCode,
            "ID, opcode or response code changed in a round trip");
        FuzzCheck.That(again.Questions.Count == original.Questions.Count, "The number of questions changed in a round trip");
        for (int i = 0; i < original.Questions.Count; i++)
        {
            DnsQuestion before = original.Questions[i];
            DnsQuestion after = again.Questions[i];
            FuzzCheck.That(
                SameOctets(before.Name, after.Name) && before.Type == after.Type && before.Class == after.Class,
                $"Question {before} came back as {after}");
        }

        CheckSection(original.Answers, again.Answers, mayTruncate, "answer");
        CheckSection(original.Authorities, again.Authorities, mayTruncate, "authority");
        CheckSection(original.Additionals, again.Additionals, mayTruncate, "additional");
        bool truncated = again.Answers.Count < original.Answers.Count || again.Authorities.Count < original.Authorities.Count;
        DnsHeaderFlags expectedFlags = truncated ? original.Flags | DnsHeaderFlags.Truncated : original.Flags;
        FuzzCheck.That(again.Flags == expectedFlags, $"Header flags {original.Flags} came back as {again.Flags}");
        FuzzCheck.That(!truncated || again.Additionals.Count == 0, "A truncated message kept additional records (RFC 2181 §9)");
        FuzzCheck.That(SameEdns(original.Edns, again.Edns), "EDNS(0) fields changed in a round trip");
    }

    private static void CheckSection(List<DnsRecord> before, List<DnsRecord> after, bool mayTruncate, string name)
    {
        FuzzCheck.That(
            after.Count == before.Count || (mayTruncate && after.Count < before.Count),
            $"The {name} section had {before.Count} records and came back with {after.Count}");
        for (int i = 0; i < after.Count; i++)
        {
            FuzzCheck.That(SameRecord(before[i], after[i]), $"Record {before[i]} in the {name} section came back as {after[i]}");
        }
    }

    private static bool SameRecord(DnsRecord before, DnsRecord after) =>
        SameOctets(before.Owner, after.Owner) && before.Type == after.Type && before.Class == after.Class &&
        before.Ttl == after.Ttl && before.Data.Span.SequenceEqual(after.Data.Span);

    private static int EdnsSize(EdnsRecord? edns)
    {
        if (edns is null)
        {
            return 0;
        }

        int size = 11;
        foreach (EdnsOption option in edns.Options)
        {
            size += 4 + option.Data.Length;
        }

        return size;
    }
}
