using System.Buffers.Binary;
using System.Text;

namespace Dnssec.Wire;

/// <summary>An Extended DNS Error (RFC 8914): an INFO-CODE and optional UTF-8 text for a human.</summary>
/// <param name="Code">The INFO-CODE.</param>
/// <param name="ExtraText">Text explaining the error, or empty.</param>
public sealed record ExtendedDnsError(ExtendedDnsErrorCode Code, string ExtraText)
{
    /// <summary>Decodes the data of an EDE option; malformed UTF-8 in the text is replaced, not rejected.</summary>
    /// <exception cref="DnsFormatException">The data is shorter than the INFO-CODE.</exception>
    public static ExtendedDnsError FromOptionData(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            ThrowHelper.ThrowFormat(DnsFormatError.InvalidEdnsOption, 0, "Extended DNS Error option is shorter than its INFO-CODE");
        }

        ReadOnlySpan<byte> text = data[2..];

        // RFC 8914 §2: the text should not be NUL-terminated, but some servers do it anyway.
        if (!text.IsEmpty && text[^1] == 0)
        {
            text = text[..^1];
        }

        return new ExtendedDnsError((ExtendedDnsErrorCode)BinaryPrimitives.ReadUInt16BigEndian(data), Encoding.UTF8.GetString(text));
    }

    /// <summary>Encodes this error as an EDNS(0) option.</summary>
    public EdnsOption ToOption()
    {
        byte[] data = new byte[2 + Encoding.UTF8.GetByteCount(ExtraText)];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)Code);
        Encoding.UTF8.GetBytes(ExtraText, data.AsSpan(2));
        return new EdnsOption(EdnsOptionCode.ExtendedDnsError, data);
    }
}
