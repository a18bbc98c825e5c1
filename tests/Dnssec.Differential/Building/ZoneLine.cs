namespace Dnssec.Differential.Building;

/// <summary>
/// One record line of a signed zone as dnssec-signzone -O full or ldns-signzone writes it (owner, TTL, class, type,
/// RDATA fields, one record a line), kept as text so that an edit changes only what it means to.
/// </summary>
public sealed class ZoneLine
{
    private ZoneLine(string owner, string ttl, string @class, string type, string[] data)
    {
        Owner = owner;
        Ttl = ttl;
        Class = @class;
        Type = type;
        Data = data;
    }

    /// <summary>The owner name as written.</summary>
    public string Owner { get; set; }

    /// <summary>The TTL as written.</summary>
    public string Ttl { get; set; }

    /// <summary>The class, IN.</summary>
    public string Class { get; }

    /// <summary>The type mnemonic, upper case.</summary>
    public string Type { get; }

    /// <summary>The RDATA fields; a quoted string stays one field with its quotes.</summary>
    public string[] Data { get; set; }

    /// <summary>For an RRSIG, the type it covers; otherwise the line's own type.</summary>
    public string Covered => Type == "RRSIG" ? Data[0].ToUpperInvariant() : Type;

    /// <summary>Whether the line's owner is <paramref name="name"/>, ignoring case (ldns writes lower case, BIND keeps it).</summary>
    public bool IsAt(string name) => string.Equals(Owner, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this line belongs to the RRset <paramref name="owner"/> <paramref name="type"/> or signs it.</summary>
    public bool IsOf(string owner, string type) => IsAt(owner) && Covered == type;

    /// <summary>Reads a record line; null for comments, blank lines and directives.</summary>
    public static ZoneLine? Parse(string line)
    {
        string trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] is ';' or '$')
        {
            return null;
        }

        List<string> fields = Split(trimmed);
        if (fields.Count < 5)
        {
            throw new FormatException($"a signed zone line with fewer than five fields: {line}");
        }

        return new ZoneLine(fields[0], fields[1], fields[2], fields[3].ToUpperInvariant(), [.. fields.Skip(4)]);
    }

    /// <summary>A new record line.</summary>
    public static ZoneLine Create(string owner, string ttl, string type, params string[] data) => new(owner, ttl, "IN", type, data);

    /// <summary>The line in zone-file form.</summary>
    public override string ToString() => $"{Owner} {Ttl} {Class} {Type} {string.Join(' ', Data)}";

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            int start = i;
            if (line[i] == '"')
            {
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    i += line[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                {
                    i++;
                }
            }

            fields.Add(line[start..Math.Min(i, line.Length)]);
        }

        return fields;
    }
}
