using Microsoft.Extensions.Configuration;

namespace Dnssec.Resolver;

/// <summary>
/// What the resolver's and DANE's configuration readers share: lists taken as children or as one value (so JSON, INI
/// and environment forms all work), unknown keys named, and the full key path that an error names.
/// </summary>
internal static class ConfigurationSections
{
    /// <summary>
    /// The items of <paramref name="list"/> with the key path to name in an error: its children (<c>Servers:0</c>,
    /// <c>Servers:1</c>, as JSON arrays and environment variables give them) and the parts of its own value separated by
    /// commas, spaces or semicolons (<c>"192.0.2.1, 192.0.2.2"</c>); empty when the key is absent.
    /// </summary>
    public static List<(string Path, string Text)> Items(IConfigurationSection list)
    {
        var items = new List<(string Path, string Text)>();
        if (list.Value is { } single)
        {
            foreach (string part in single.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                items.Add((list.Path, part));
            }
        }

        foreach (IConfigurationSection child in list.GetChildren())
        {
            items.Add((child.Path, child.Value ?? ""));
        }

        return items;
    }

    /// <summary>Adds a failure for every child of <paramref name="section"/> whose key is not one of <paramref name="known"/> (a misspelt key would otherwise leave a default unseen).</summary>
    public static void CheckKeys(IConfiguration section, string[] known, List<string> failures)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{child.Path}: unknown key; the keys here are {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>The full path of <paramref name="key"/> below <paramref name="section"/>, as an error names it.</summary>
    public static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } named ? ConfigurationPath.Combine(named.Path, key) : key;
}
