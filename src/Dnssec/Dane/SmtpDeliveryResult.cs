namespace Dnssec.Dane;

/// <summary>What happened on one SMTP delivery attempt: which MX host, with what TLS, the DANE verdict, and the transcript.</summary>
public sealed class SmtpDeliveryResult
{
    internal SmtpDeliveryResult(bool delivered, string? mxHost, SmtpSecurityLevel effectiveLevel, bool tls, DaneResult? dane, string reason, IReadOnlyList<string> transcript)
    {
        Delivered = delivered;
        MxHost = mxHost;
        EffectiveLevel = effectiveLevel;
        Tls = tls;
        Dane = dane;
        Reason = reason;
        Transcript = transcript;
    }

    /// <summary>Whether the session reached its goal: the message accepted, or for a probe the TLS session established as the level demands.</summary>
    public bool Delivered { get; }

    /// <summary>The MX host of the last attempt, or null when none was tried.</summary>
    public string? MxHost { get; }

    /// <summary>The level that applied after the DNS lookups (Dane becomes May without DANE, Encrypt with only unusable records).</summary>
    public SmtpSecurityLevel EffectiveLevel { get; }

    /// <summary>Whether the session ran over TLS.</summary>
    public bool Tls { get; }

    /// <summary>The verdict on the server's certificate when records (TLSA, fingerprints or local anchors) judged it.</summary>
    public DaneResult? Dane { get; }

    /// <summary>A sentence that says why the session ended as it did.</summary>
    public string Reason { get; }

    /// <summary>The SMTP conversation, client lines prefixed "&gt; ", server lines "&lt; ".</summary>
    public IReadOnlyList<string> Transcript { get; }
}
