using Dnssec.Wire;

namespace Dnssec.Zones;

public sealed partial class ZoneVerifier
{
    /// <summary>
    /// The zone's delegation points, noted while the records are read, so that classifying a name (RFC 4035 §2.2) is a
    /// look-up in a set that is usually empty instead of a walk through the index: the verifier classifies every name
    /// several times. Answers as <see cref="ZoneIndex.Classify"/> does.
    /// </summary>
    private sealed class ZoneCuts(DnsName origin, HashSet<DnsName> delegations)
    {
        /// <summary>Whether a name is the apex, ordinary authoritative data, a delegation point, or below a delegation.</summary>
        public NameKind Classify(DnsName name)
        {
            if (delegations.Count == 0 || name.Equals(origin))
            {
                return NameKind.Authoritative;
            }

            for (DnsName ancestor = name.Parent; ancestor.LabelCount > origin.LabelCount; ancestor = ancestor.Parent)
            {
                if (delegations.Contains(ancestor))
                {
                    return NameKind.Occluded;
                }
            }

            return delegations.Contains(name) ? NameKind.Delegation : NameKind.Authoritative;
        }
    }
}
