namespace Dnssec.Fuzz.Seeds;

/// <summary>The seed generators, by the name of the target whose corpus each writes.</summary>
public static class SeedCorpora
{
    private static readonly SortedDictionary<string, Func<IEnumerable<KeyValuePair<string, byte[]>>>> Generators = new(StringComparer.Ordinal)
    {
        ["certificate"] = CertificateSeeds.Generate,
        ["message"] = MessageSeeds.Generate,
        ["zone"] = ZoneSeeds.Generate,
    };

    /// <summary>The targets that have a seed generator, in order.</summary>
    public static IEnumerable<string> Targets => Generators.Keys;

    /// <summary>Every seed of <paramref name="target"/>'s corpus, by file name.</summary>
    /// <exception cref="ArgumentException">No generator writes that target's corpus.</exception>
    public static IEnumerable<KeyValuePair<string, byte[]>> Generate(string target) =>
        Generators.TryGetValue(target, out Func<IEnumerable<KeyValuePair<string, byte[]>>>? generate)
            ? generate()
            : throw new ArgumentException($"No seed generator for '{target}'; known: {string.Join(", ", Generators.Keys)}.", nameof(target));

    /// <summary>Writes every seed of <paramref name="target"/> into <paramref name="directory"/>, one file each, and returns how many.</summary>
    /// <exception cref="ArgumentException">No generator writes that target's corpus.</exception>
    public static int WriteTo(string target, string directory)
    {
        IEnumerable<KeyValuePair<string, byte[]>> seeds = Generate(target);
        Directory.CreateDirectory(directory);
        int count = 0;
        foreach (KeyValuePair<string, byte[]> seed in seeds)
        {
            File.WriteAllBytes(Path.Combine(directory, seed.Key), seed.Value);
            count++;
        }

        return count;
    }
}
