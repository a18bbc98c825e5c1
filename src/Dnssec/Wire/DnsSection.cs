namespace Dnssec.Wire;

/// <summary>The four sections of a DNS message, in wire order.</summary>
public enum DnsSection : byte
{
    /// <summary>The question section.</summary>
    Question = 0,
    /// <summary>The answer section.</summary>
    Answer = 1,
    /// <summary>The authority section.</summary>
    Authority = 2,
    /// <summary>The additional section.</summary>
    Additional = 3,
}
