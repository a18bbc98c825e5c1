using System.Globalization;

namespace Dnssec.Differential.Building;

/// <summary>When a signing's RRSIGs are valid, as absolute times both signers take (YYYYMMDDHHMMSS, UTC).</summary>
public sealed record SigningWindow(DateTimeOffset Inception, DateTimeOffset Expiration)
{
    /// <summary>From a day ago to thirty days ahead: valid now, whatever small clock skew the validators allow.</summary>
    public static SigningWindow Current(DateTimeOffset now) => new(now.AddDays(-1), now.AddDays(30));

    /// <summary>Expired ten days ago, beyond any validator's skew allowance.</summary>
    public static SigningWindow Expired(DateTimeOffset now) => new(now.AddDays(-40), now.AddDays(-10));

    /// <summary>Valid only from ten days ahead.</summary>
    public static SigningWindow NotYetValid(DateTimeOffset now) => new(now.AddDays(10), now.AddDays(40));

    /// <summary>An earlier signing that is still valid: what a replaying attacker holds.</summary>
    public static SigningWindow Earlier(DateTimeOffset now) => new(now.AddDays(-5), now.AddDays(25));

    /// <summary>The inception as the signers' command lines write it.</summary>
    public string InceptionText => Format(Inception);

    /// <summary>The expiration as the signers' command lines write it.</summary>
    public string ExpirationText => Format(Expiration);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
