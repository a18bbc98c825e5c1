using System.Diagnostics.CodeAnalysis;

namespace Dnssec.Wire;

/// <summary>Never-returning helpers so that the hot paths stay small and every malformed input gets a message.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowFormat(DnsFormatError error, int offset, string message) =>
        throw new DnsFormatException(error, offset, message);

    [DoesNotReturn]
    public static T ThrowFormat<T>(DnsFormatError error, int offset, string message) =>
        throw new DnsFormatException(error, offset, message);

    [DoesNotReturn]
    public static void ThrowTruncated(int offset, string field, DnsFormatError error = DnsFormatError.Truncated) =>
        throw new DnsFormatException(error, offset, $"Data ends inside the {field}");
}
