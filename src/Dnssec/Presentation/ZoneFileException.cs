namespace Dnssec.Presentation;

/// <summary>Thrown for malformed zone-file text; says which file, line and column, and what was wrong there.</summary>
public sealed class ZoneFileException : FormatException
{
    /// <summary>Creates an exception for a problem at <paramref name="line"/> and <paramref name="column"/> of <paramref name="fileName"/>.</summary>
    public ZoneFileException(string fileName, int line, int column, string reason, Exception? innerException = null)
        : base(Compose(fileName, line, column, reason), innerException)
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file, or the name given for text that did not come from a file.</summary>
    public string FileName { get; }

    /// <summary>The line, counting from 1; 0 when the file could not be read at all.</summary>
    public int Line { get; }

    /// <summary>The column, counting characters from 1 (a tab is one); 0 when the file could not be read at all.</summary>
    public int Column { get; }

    /// <summary>What was wrong, without the file and position.</summary>
    public string Reason { get; }

    private static string Compose(string fileName, int line, int column, string reason) =>
        line > 0 ? $"{fileName}:{line}:{column}: {reason}" : $"{fileName}: {reason}";
}
