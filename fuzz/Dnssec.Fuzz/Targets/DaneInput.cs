using System.Buffers.Binary;
using System.Text;

namespace Dnssec.Fuzz.Targets;

/// <summary>
/// What the certificate target feeds <c>DaneVerifier</c>, and its byte form: one octet of <see cref="DaneInputFlags"/>,
/// then items of one type octet, a two-octet big-endian length and that many octets of value, up to the end; an item
/// cut short ends the input, an item of an unknown type is skipped. The form is meant for mutation: every certificate,
/// record and name stays a contiguous run of octets that afl-fuzz can change, cut or splice.
/// </summary>
public sealed class DaneInput
{
    /// <summary>Item type: a certificate the server sent (DER), in order, leaf first.</summary>
    public const byte ChainCertificate = 1;

    /// <summary>Item type: the RDATA of one TLSA record.</summary>
    public const byte TlsaRecord = 2;

    /// <summary>Item type: a reference identifier, ASCII; the first is the TLSA base domain.</summary>
    public const byte ReferenceIdentifier = 3;

    /// <summary>Item type: a PKIX trust anchor (DER) for the usages 0 and 1; without one, PKIX has no anchor at all.</summary>
    public const byte PkixAnchor = 4;

    /// <summary>Item type: the time of verification, eight octets of Unix seconds, big-endian.</summary>
    public const byte Time = 5;

    /// <summary>Certificates beyond this many are dropped, so that one input cannot make the walk slow.</summary>
    public const int MaxCertificates = 12;

    /// <summary>Records beyond this many are dropped.</summary>
    public const int MaxRecords = 16;

    /// <summary>Names beyond this many are dropped.</summary>
    public const int MaxNames = 8;

    /// <summary>The options of the verification.</summary>
    public DaneInputFlags Flags { get; set; }

    /// <summary>The chain as the server sent it, leaf first.</summary>
    public List<byte[]> Chain { get; } = [];

    /// <summary>The TLSA RDATA, in order.</summary>
    public List<byte[]> Records { get; } = [];

    /// <summary>The reference identifiers.</summary>
    public List<string> Names { get; } = [];

    /// <summary>The PKIX trust anchors.</summary>
    public List<byte[]> PkixAnchors { get; } = [];

    /// <summary>The time of verification, or null for the target's fixed time.</summary>
    public DateTimeOffset? Now { get; set; }

    /// <summary>Reads an input; any octets make some input.</summary>
    public static DaneInput Decode(ReadOnlySpan<byte> input)
    {
        var decoded = new DaneInput();
        if (input.IsEmpty)
        {
            return decoded;
        }

        decoded.Flags = (DaneInputFlags)input[0];
        ReadOnlySpan<byte> rest = input[1..];
        while (rest.Length >= 3)
        {
            byte type = rest[0];
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest[1..]);
            if (rest.Length - 3 < length)
            {
                break;
            }

            ReadOnlySpan<byte> value = rest.Slice(3, length);
            rest = rest[(3 + length)..];
            switch (type)
            {
                case ChainCertificate when decoded.Chain.Count < MaxCertificates:
                    decoded.Chain.Add(value.ToArray());
                    break;
                case TlsaRecord when decoded.Records.Count < MaxRecords:
                    decoded.Records.Add(value.ToArray());
                    break;
                case ReferenceIdentifier when decoded.Names.Count < MaxNames:
                    decoded.Names.Add(Encoding.Latin1.GetString(value));
                    break;
                case PkixAnchor when decoded.PkixAnchors.Count < MaxCertificates:
                    decoded.PkixAnchors.Add(value.ToArray());
                    break;
                case Time when value.Length == 8:
                    long seconds = Math.Clamp(BinaryPrimitives.ReadInt64BigEndian(value), DateTimeOffset.MinValue.ToUnixTimeSeconds(), DateTimeOffset.MaxValue.ToUnixTimeSeconds());
                    decoded.Now = DateTimeOffset.FromUnixTimeSeconds(seconds);
                    break;
            }
        }

        return decoded;
    }

    /// <summary>Writes the byte form that <see cref="Decode"/> reads back to this input.</summary>
    /// <exception cref="InvalidOperationException">A value is longer than a two-octet length can say.</exception>
    public byte[] Encode()
    {
        var output = new List<byte> { (byte)Flags };
        foreach (byte[] certificate in Chain)
        {
            Append(output, ChainCertificate, certificate);
        }

        foreach (byte[] record in Records)
        {
            Append(output, TlsaRecord, record);
        }

        foreach (string name in Names)
        {
            Append(output, ReferenceIdentifier, Encoding.Latin1.GetBytes(name));
        }

        foreach (byte[] anchor in PkixAnchors)
        {
            Append(output, PkixAnchor, anchor);
        }

        if (Now is { } now)
        {
            byte[] seconds = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(seconds, now.ToUnixTimeSeconds());
            Append(output, Time, seconds);
        }

        return [.. output];
    }

    private static void Append(List<byte> output, byte type, byte[] value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"An item of {value.Length} octets does not fit a two-octet length.");
        }

        output.Add(type);
        output.Add((byte)(value.Length >> 8));
        output.Add((byte)value.Length);
        output.AddRange(value);
    }
}
