using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

public sealed partial class ZoneTarget
{
    /// <summary>
    /// Reads the input again through <see cref="ZoneFileReader.Read"/> from a reader that returns 1 to 8 characters
    /// per call, so that every entry, token and escape straddles the tokenizer's buffer refills: the records and the
    /// error must be the ones <see cref="ZoneFileReader.Parse"/> gave.
    /// </summary>
    private static void CheckStreamed(ReadOnlySpan<byte> input, List<DnsRecord> records, ZoneFileException? error)
    {
        var streamed = new List<DnsRecord>();
        ZoneFileException? streamedError = null;
        using var reader = new TrickleReader(Encoding.Latin1.GetString(input), 1 + (input.Length % 8));
        try
        {
            foreach (DnsRecord record in ZoneFileReader.Read(reader, SourceName, InputOptions))
            {
                streamed.Add(record);
            }
        }
        catch (ZoneFileException e)
        {
            streamedError = e;
        }

        CheckSameRecords(records, streamed, "the text a few characters at a time");
        FuzzCheck.That(
            (error is null && streamedError is null) ||
            (error is not null && streamedError is not null && error.Message == streamedError.Message),
            $"Reading the text a few characters at a time ended with '{streamedError?.Message}', not '{error?.Message}'");
    }

    /// <summary>A reader over a string that returns at most a fixed, small number of characters from each read.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int count = Math.Min(Math.Min(buffer.Length, chunk), text.Length - _position);
            text.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
