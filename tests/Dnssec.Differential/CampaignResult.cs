using System.Globalization;
using Dnssec.Differential.Report;

namespace Dnssec.Differential;

/// <summary>What a campaign found: how many comparisons, disagreements and unexplained ones, and its coverage.</summary>
public sealed class CampaignResult
{
    /// <summary>Questions compared, counted once per mode ours was asked in.</summary>
    public int Compared { get; set; }

    /// <summary>Distinct questions asked.</summary>
    public int Questions { get; set; }

    /// <summary>Comparisons where ours disagreed with an oracle.</summary>
    public int Disagreements { get; set; }

    /// <summary>Disagreements no rule of explained-differences.txt explains.</summary>
    public int Unexplained { get; set; }

    /// <summary>Questions on which Unbound and delv disagreed with each other.</summary>
    public int OracleDisagreements { get; set; }

    /// <summary>Questions delv was asked.</summary>
    public int DelvAsked { get; set; }

    /// <summary>How often each explanation rule was used.</summary>
    public SortedDictionary<string, int> Explanations { get; } = new(StringComparer.Ordinal);

    /// <summary>What was covered.</summary>
    public Coverage Coverage { get; } = new();

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>The contract's last line: "Q compared, D disagreements (U unexplained)".</summary>
    public string ContractLine => string.Create(CultureInfo.InvariantCulture, $"{Compared} compared, {Disagreements} disagreements ({Unexplained} unexplained)");
}
