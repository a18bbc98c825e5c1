namespace Dnssec.Differential.Building;

/// <summary>A signed zone file as a list of record lines, for the edits mutations make after signing.</summary>
public sealed class SignedZone
{
    private SignedZone(string origin, List<ZoneLine> lines)
    {
        Origin = origin;
        Lines = lines;
    }

    /// <summary>The zone's apex.</summary>
    public string Origin { get; }

    /// <summary>Every record, in file order.</summary>
    public List<ZoneLine> Lines { get; }

    /// <summary>Reads a zone written one record a line.</summary>
    public static SignedZone Load(string origin, string path) =>
        new(origin, [.. File.ReadLines(path).Select(ZoneLine.Parse).OfType<ZoneLine>()]);

    /// <summary>Writes the zone back, with $ORIGIN so that named-checkzone and named read it the same way.</summary>
    public void Save(string path) =>
        File.WriteAllLines(path, [$"$ORIGIN {Origin}", .. Lines.Select(l => l.ToString())]);

    /// <summary>The records of the RRset <paramref name="owner"/> <paramref name="type"/>, without signatures.</summary>
    public List<ZoneLine> Rrset(string owner, string type) => Lines.FindAll(l => l.Type == type && l.IsAt(owner));

    /// <summary>The RRSIGs over the RRset <paramref name="owner"/> <paramref name="type"/>.</summary>
    public List<ZoneLine> Signatures(string owner, string type) => Lines.FindAll(l => l.Type == "RRSIG" && l.IsOf(owner, type));

    /// <summary>Removes the RRset <paramref name="owner"/> <paramref name="type"/> and its RRSIGs; false when there was none.</summary>
    public bool RemoveWithSignatures(string owner, string type) => Lines.RemoveAll(l => l.IsOf(owner, type)) > 0;

    /// <summary>Removes the RRSIGs over <paramref name="owner"/> <paramref name="type"/>; false when there were none.</summary>
    public bool RemoveSignatures(string owner, string type) => Lines.RemoveAll(l => l.Type == "RRSIG" && l.IsOf(owner, type)) > 0;

    /// <summary>
    /// Puts <paramref name="replacement"/> where the lines of <paramref name="owner"/> <paramref name="type"/> chosen by
    /// <paramref name="select"/> were; false when there were none.
    /// </summary>
    public bool Replace(string owner, string type, Func<ZoneLine, bool> select, IEnumerable<ZoneLine> replacement)
    {
        int index = Lines.FindIndex(l => l.IsOf(owner, type) && select(l));
        if (index < 0)
        {
            return false;
        }

        Lines.RemoveAll(l => l.IsOf(owner, type) && select(l));
        Lines.InsertRange(Math.Min(index, Lines.Count), replacement);
        return true;
    }
}
