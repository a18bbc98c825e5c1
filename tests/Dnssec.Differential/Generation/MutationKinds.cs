namespace Dnssec.Differential.Generation;

/// <summary>The names and layers of <see cref="MutationKind"/> values.</summary>
public static class MutationKinds
{
    /// <summary>The kebab-case name used in case files, the report and explained-differences.txt.</summary>
    public static string Name(MutationKind kind) => Kebab(kind.ToString());

    /// <summary>A PascalCase identifier in kebab case ("WireRcodeChanged" becomes "wire-rcode-changed").</summary>
    public static string Kebab(string text)
    {
        var name = new System.Text.StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]))
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(text[i]));
        }

        return name.ToString();
    }

    /// <summary>The kind a name gives, for explained-differences.txt.</summary>
    public static bool TryParse(string name, out MutationKind kind)
    {
        foreach (MutationKind candidate in Enum.GetValues<MutationKind>())
        {
            if (Name(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Applied by the proxy to one question's responses.</summary>
    public static bool IsWire(MutationKind kind) => kind is >= MutationKind.WireRrsigStripped and <= MutationKind.WireRcodeChanged;

    /// <summary>Applied by the proxy to every response, changing nothing a validator may rely on.</summary>
    public static bool IsBenign(MutationKind kind) => kind >= MutationKind.BenignShuffle;

    /// <summary>Decided when the zone is signed (its validity window) or in the parent's DS before signing.</summary>
    public static bool IsSigningTime(MutationKind kind) =>
        kind is MutationKind.ZoneExpired or MutationKind.ZoneNotYetValid or MutationKind.DsSwapped or MutationKind.DsWrongDigest;
}
