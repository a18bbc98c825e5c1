using System.Diagnostics.CodeAnalysis;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>A response from an <see cref="IValidationSource"/>, or the reason there is none (timeout, refused, malformed).</summary>
public sealed class SourceResponse
{
    private SourceResponse(DnsMessage? message, string? failure, ExtendedDnsErrorCode failureError)
    {
        Message = message;
        Failure = failure;
        FailureError = failureError;
    }

    /// <summary>The response, when one arrived.</summary>
    public DnsMessage? Message { get; }

    /// <summary>Why no usable response arrived, when none did.</summary>
    public string? Failure { get; }

    /// <summary>How the exchange failed, as an Extended DNS Error: no server reached (22, the default) or servers that answered only with errors (23).</summary>
    public ExtendedDnsErrorCode FailureError { get; }

    /// <summary>Whether a response arrived.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Message is not null;

    /// <summary>A response that arrived.</summary>
    public static SourceResponse From(DnsMessage message) => new(message ?? throw new ArgumentNullException(nameof(message)), null, ExtendedDnsErrorCode.NoReachableAuthority);

    /// <summary>No response, for the reason given.</summary>
    public static SourceResponse Failed(string reason, ExtendedDnsErrorCode error = ExtendedDnsErrorCode.NoReachableAuthority) => new(null, reason ?? throw new ArgumentNullException(nameof(reason)), error);
}
