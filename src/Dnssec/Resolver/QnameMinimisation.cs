using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// How many labels of a name each minimised query reveals (RFC 9156 §2.3): one at a time for the first
/// <see cref="OneLabelQueries"/> queries, then the rest spread so that one resolution sends at most
/// <see cref="MaximumQueries"/> minimised queries however many labels the name has (a name of 100 labels would
/// otherwise cost 100 queries, which an attacker can ask for). One instance serves one question, across referrals.
/// The labels counted are the question's own, so a DS question is asked in full of the parent zone only (RFC 9156 §3
/// step 3), and the zones above learn only the parent's name.
/// </summary>
internal sealed class QnameMinimisation(DnsName target)
{
    /// <summary>RFC 9156 §2.3's MAX_MINIMISE_COUNT, Unbound's value: the most minimised queries for one question.</summary>
    public const int MaximumQueries = 10;

    /// <summary>RFC 9156 §2.3's MINIMISE_ONE_LAB, Unbound's value: the first queries, which add one label each.</summary>
    public const int OneLabelQueries = 4;

    private int _sent;

    /// <summary>
    /// The next name to ask about below <paramref name="revealed"/> (an ancestor of the target), or null when the
    /// question itself is to be asked: the next step would reveal the whole name, or the minimised queries are spent.
    /// </summary>
    public DnsName? Next(DnsName revealed)
    {
        int hidden = target.LabelCount - revealed.LabelCount;
        if (hidden <= 1 || _sent >= MaximumQueries)
        {
            return null;
        }

        int step = _sent < OneLabelQueries ? 1 : (hidden + MaximumQueries - _sent - 1) / (MaximumQueries - _sent);
        if (step >= hidden)
        {
            return null;
        }

        _sent++;
        return target.GetAncestor(revealed.LabelCount + step);
    }
}
