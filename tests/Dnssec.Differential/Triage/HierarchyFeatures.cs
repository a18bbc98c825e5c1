using Dnssec.Differential.Generation;
using Dnssec.Wire;

namespace Dnssec.Differential.Triage;

/// <summary>
/// Features of a hierarchy that explanation rules may name (feature: …), because an oracle is known to treat them its
/// own way: colliding-keys (two DNSKEYs of a zone share a tag), revoked-key, opt-out, iterations-above-limit,
/// rsasha1, second-algorithm, standby-key, unsigned-zone.
/// </summary>
public static class HierarchyFeatures
{
    /// <summary>The features <paramref name="hierarchy"/> has.</summary>
    public static IReadOnlySet<string> Of(HierarchySpec hierarchy)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (ZoneSpec zone in hierarchy.Zones)
        {
            if (!zone.Signed)
            {
                features.Add("unsigned-zone");
                continue;
            }

            foreach (KeySpec key in zone.Keys)
            {
                if (key.SameTagAs is not null)
                {
                    features.Add("colliding-keys");
                }

                if (key.Revoked)
                {
                    features.Add("revoked-key");
                }

                if (!key.Signs)
                {
                    features.Add("standby-key");
                }

                if (key.Id == "second-algorithm")
                {
                    features.Add("second-algorithm");
                }

                if (key.Algorithm is DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1)
                {
                    features.Add("rsasha1");
                }
            }

            if (zone.Denial is { Kind: DenialKind.Nsec3 } denial)
            {
                if (denial.OptOut)
                {
                    features.Add("opt-out");
                }

                if (denial.Iterations > DenialSpec.SignerIterationLimit)
                {
                    features.Add("iterations-above-limit");
                }
            }
        }

        return features;
    }
}
