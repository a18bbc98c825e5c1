using System.Text;
using Dnssec.Differential.Building;
using Dnssec.Differential.Generation;

namespace Dnssec.Differential.Serving;

/// <summary>
/// The configuration of the one authoritative named of a batch: no recursion, no validation, and one view per zone
/// address, so that each address serves exactly one zone and resolvers have to follow the referrals, as in the interop
/// hierarchy's named.conf.
/// </summary>
public static class NamedConfig
{
    /// <summary>named.conf for <paramref name="hierarchies"/>, with its working files under <paramref name="directory"/>.</summary>
    public static string Write(string directory, IEnumerable<BuiltHierarchy> hierarchies)
    {
        var text = new StringBuilder();
        text.Append($$"""
            // The authoritative server of one batch of generated hierarchies.
            options {
                directory "{{directory}}";
                pid-file none;
                session-keyfile none;
                managed-keys-directory "{{directory}}";
                listen-on port {{AddressPlan.Port}} { {{AddressPlan.AuthorityPrefix}}0.0/16; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
                notify no;
                allow-transfer { none; };
                max-cache-size 1m;
                automatic-interface-scan no;
            };
            controls { };

            """);
        foreach (BuiltHierarchy hierarchy in hierarchies)
        {
            foreach (ZoneSpec zone in hierarchy.Spec.Zones)
            {
                string address = AddressPlan.Authority(hierarchy.Slot, zone.Octet).ToString();
                text.Append($"view \"{address}\" {{ match-destinations {{ {address}; }}; zone \"{zone.Name}\" {{ type primary; file \"{hierarchy.ServedFile(zone)}\"; }}; }};\n");
            }
        }

        return text.ToString();
    }
}
