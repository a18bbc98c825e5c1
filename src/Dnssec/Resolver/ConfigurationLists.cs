using Microsoft.Extensions.Configuration;

namespace Dnssec.Resolver;

/// <summary>How the configuration readers take a list: as children or as one value, so JSON, INI and environment forms all work.</summary>
internal static class ConfigurationLists
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
}
