namespace Dnssec.Differential.Generation;

/// <summary>Absolute domain names as the generator writes them (lower case, final dot), and the few operations on them it needs.</summary>
public static class Names
{
    /// <summary>
    /// Labels that are special-use (RFC 6761, RFC 7686, RFC 8375, RFC 9476) or that Unbound serves itself by default: the
    /// generator never makes a TLD of them, so that Unbound asks the hierarchy instead of answering locally.
    /// </summary>
    private static readonly HashSet<string> Reserved =
        ["test", "local", "localhost", "invalid", "example", "onion", "arpa", "home", "alt", "internal", "lan", "corp", "intranet", "private"];

    private const string Consonants = "bdfgklmnprstvz";
    private const string Vowels = "aeiou";

    /// <summary><paramref name="label"/> prepended to <paramref name="origin"/>.</summary>
    public static string Child(string label, string origin) => origin == "." ? label + "." : label + "." + origin;

    /// <summary>Whether <paramref name="name"/> is <paramref name="ancestor"/> or below it.</summary>
    public static bool IsAtOrBelow(string name, string ancestor) =>
        ancestor == "." || name == ancestor || name.EndsWith("." + ancestor, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is strictly below <paramref name="ancestor"/>.</summary>
    public static bool IsBelow(string name, string ancestor) => name != ancestor && IsAtOrBelow(name, ancestor);

    /// <summary>The name without its first label; the root's parent is the root.</summary>
    public static string Parent(string name)
    {
        if (name == ".")
        {
            return ".";
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot == name.Length - 1 ? "." : name[(dot + 1)..];
    }

    /// <summary>How many labels the name has.</summary>
    public static int LabelCount(string name) => name == "." ? 0 : name.TrimEnd('.').Split('.').Length;

    /// <summary>A pronounceable random label of <paramref name="syllables"/> consonant-vowel pairs, never a reserved one.</summary>
    public static string RandomLabel(Random random, int syllables)
    {
        while (true)
        {
            char[] label = new char[syllables * 2];
            for (int i = 0; i < syllables; i++)
            {
                label[2 * i] = Consonants[random.Next(Consonants.Length)];
                label[2 * i + 1] = Vowels[random.Next(Vowels.Length)];
            }

            string text = new(label);
            if (!Reserved.Contains(text))
            {
                return text;
            }
        }
    }
}
