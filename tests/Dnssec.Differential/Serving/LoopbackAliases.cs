using System.Net;
using System.Text;
using Dnssec.Differential.Building;

namespace Dnssec.Differential.Serving;

/// <summary>
/// The /32 aliases on lo that named needs to listen on the zone servers' addresses (it serves only addresses on an
/// interface when it starts), added and removed with one <c>ip -batch</c> each. Only addresses in
/// <see cref="AddressPlan.AuthorityPrefix"/> are ever touched.
/// </summary>
public static class LoopbackAliases
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Adds <paramref name="addresses"/> to lo; one already there is no error.</summary>
    public static async Task AddAsync(IEnumerable<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var batch = new StringBuilder();
        foreach (IPAddress address in addresses)
        {
            Check(address);
            batch.Append("address add ").Append(address).Append("/32 dev lo\n");
        }

        // -force: an alias left by a campaign that was killed is no reason to stop.
        await Tool.RunAsync("ip", ["-force", "-batch", "-"], Timeout, input: batch.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        HashSet<string> present = await PresentAsync(cancellationToken).ConfigureAwait(false);
        foreach (IPAddress address in addresses)
        {
            if (!present.Contains(address.ToString()))
            {
                throw new InvalidOperationException($"could not add {address}/32 to lo (is this root?)");
            }
        }
    }

    /// <summary>Removes every alias in the campaign's range from lo.</summary>
    public static async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        HashSet<string> present = await PresentAsync(cancellationToken).ConfigureAwait(false);
        if (present.Count == 0)
        {
            return;
        }

        var batch = new StringBuilder();
        foreach (string address in present)
        {
            batch.Append("address del ").Append(address).Append("/32 dev lo\n");
        }

        await Tool.RunAsync("ip", ["-force", "-batch", "-"], Timeout, input: batch.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> PresentAsync(CancellationToken cancellationToken)
    {
        string output = await Tool.CheckedAsync("ip", ["-4", "-o", "addr", "show", "dev", "lo"], Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in output.Split('\n'))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int inet = Array.IndexOf(fields, "inet");
            if (inet >= 0 && inet + 1 < fields.Length && fields[inet + 1].EndsWith("/32", StringComparison.Ordinal) && fields[inet + 1].StartsWith(AddressPlan.AuthorityPrefix, StringComparison.Ordinal))
            {
                present.Add(fields[inet + 1][..^3]);
            }
        }

        return present;
    }

    private static void Check(IPAddress address)
    {
        if (!address.ToString().StartsWith(AddressPlan.AuthorityPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{address} is outside the campaign's alias range {AddressPlan.AuthorityPrefix}0.0/16", nameof(address));
        }
    }
}
