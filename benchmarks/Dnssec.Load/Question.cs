using Dnssec.Wire;

namespace Dnssec.Load;

/// <summary>One line of a names file.</summary>
internal sealed record Question(DnsName Name, RecordType Type)
{
    /// <summary>Reads "name type" lines (blank lines and ";" comments skipped).</summary>
    public static List<Question> ReadFile(string path)
    {
        var questions = new List<Question>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == ';')
            {
                continue;
            }

            string[] fields = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || !Presentation.Mnemonics.TryParseRecordType(fields[1], out RecordType type))
            {
                throw new FormatException($"{path}:{number}: expected \"name type\", found \"{text}\"");
            }

            questions.Add(new Question(DnsName.Parse(fields[0]), type));
        }

        if (questions.Count == 0)
        {
            throw new FormatException($"{path}: no names");
        }

        return questions;
    }
}
