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

    // The helpers below take the values a message needs and format it themselves, so that the methods that read
    // messages hold no string-building state: a formatted message at the call site costs every call a larger
    // stack frame to clear and spills the loop variables of the inlined name and RDATA checks.

    [DoesNotReturn]
    public static void ThrowSectionCutShort(int offset, DnsSection section, int remaining) =>
        ThrowTruncated(offset, $"{section} section: {remaining} more records were promised");

    [DoesNotReturn]
    public static void ThrowRecordDataOverrun(int offset, int dataLength) =>
        ThrowFormat(DnsFormatError.RecordDataOverrun, offset, $"RDLENGTH {dataLength} runs past the end of the message");

    [DoesNotReturn]
    public static void ThrowOptOutsideAdditional(int offset, DnsSection section) =>
        ThrowFormat(DnsFormatError.OptOutsideAdditional, offset, $"OPT record in the {section.ToString().ToLowerInvariant()} section");

    [DoesNotReturn]
    public static void ThrowEdnsOptionOverrun(int offset, ushort code) =>
        ThrowFormat(DnsFormatError.InvalidEdnsOption, offset, $"EDNS option {code} runs past the end of the OPT RDATA");
}
