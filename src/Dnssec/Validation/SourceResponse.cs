using System.Diagnostics.CodeAnalysis;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>A response from an <see cref="IValidationSource"/>, or the reason there is none (timeout, refused, malformed).</summary>
public sealed class SourceResponse
{
    private SourceResponse(DnsMessage? message, string? failure)
    {
        Message = message;
        Failure = failure;
    }

    /// <summary>The response, when one arrived.</summary>
    public DnsMessage? Message { get; }

    /// <summary>Why no usable response arrived, when none did.</summary>
    public string? Failure { get; }

    /// <summary>Whether a response arrived.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Message is not null;

    /// <summary>A response that arrived.</summary>
    public static SourceResponse From(DnsMessage message) => new(message ?? throw new ArgumentNullException(nameof(message)), null);

    /// <summary>No response, for the reason given.</summary>
    public static SourceResponse Failed(string reason) => new(null, reason ?? throw new ArgumentNullException(nameof(reason)));
}
