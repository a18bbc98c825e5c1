using System.Net;

namespace Dnssec.Dane;

/// <summary>What happened on one SMTP delivery attempt: which MX host, with what TLS, the DANE verdict, and the transcript.</summary>
public sealed class SmtpDeliveryResult
{
    internal SmtpDeliveryResult(bool delivered, string? mxHost, SmtpSecurityLevel effectiveLevel, bool tls, DaneResult? dane, string reason, IReadOnlyList<string> transcript, IPAddress? address = null, bool connected = false, bool timedOut = false)
    {
        TimedOut = timedOut;
        Address = address;
        Connected = connected;
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

    /// <summary>The address this attempt connected to or tried, or null when it ended before any connection (a DNS or policy refusal).</summary>
    public IPAddress? Address { get; }

    /// <summary>Whether a TCP connection to <see cref="Address"/> was made; false with a non-null address means it was refused or timed out.</summary>
    public bool Connected { get; }

    /// <summary>Whether the attempt ended because <see cref="SmtpDaneClient.Timeout"/> ran out, connecting (<see cref="Connected"/> false) or in the session.</summary>
    public bool TimedOut { get; }

    /// <summary>
    /// On the result of <see cref="SmtpDaneClient.DeliverAsync"/>: every attempt in order, one per MX host address tried
    /// (or per host refused before connecting), this one last, so that a report can show each; empty on the attempts themselves.
    /// </summary>
    public IReadOnlyList<SmtpDeliveryResult> Attempts { get; private init; } = [];

    /// <summary>The SMTP conversation, client lines prefixed "&gt; ", server lines "&lt; ".</summary>
    public IReadOnlyList<string> Transcript { get; }

    /// <summary>This attempt with where it was made.</summary>
    internal SmtpDeliveryResult At(IPAddress? address, bool connected, bool timedOut = false) =>
        new(Delivered, MxHost, EffectiveLevel, Tls, Dane, Reason, Transcript, address, connected, timedOut);

    /// <summary>This result, the last of <paramref name="attempts"/>, carrying them all.</summary>
    internal SmtpDeliveryResult WithAttempts(IReadOnlyList<SmtpDeliveryResult> attempts) =>
        new(Delivered, MxHost, EffectiveLevel, Tls, Dane, Reason, Transcript, Address, Connected, TimedOut) { Attempts = attempts };
}
