using System.Buffers;
using System.Buffers.Binary;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

/// <summary>Makes random but valid RDATA for any type by walking its <see cref="RecordSchema"/>, with octets chosen to stress escaping.</summary>
internal static class RandomRecordData
{
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Octets that zone-file text treats specially, mixed with anything else.
    private static readonly byte[] Awkward = [(byte)'"', (byte)'\\', (byte)';', (byte)'(', (byte)')', (byte)' ', (byte)'.', (byte)'@', (byte)'$', (byte)',', (byte)'=', 0, 9, 10, 13, 0x7F, 0x80, 0xFF];

    public static byte[] Create(RecordType type, Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (FieldKind field in RecordSchema.Get(type).Fields)
        {
            WriteField(field, random, output);
        }

        return output.WrittenSpan.ToArray();
    }

    public static DnsName Name(Random random)
    {
        DnsName name = DnsName.Root;
        int labels = random.Next(0, 5);
        for (int i = 0; i < labels; i++)
        {
            byte[] label = Octets(random, random.Next(1, 20));
            if (name.WireLength + 1 + label.Length <= DnsName.MaxLength)
            {
                name = name.Prepend(label);
            }
        }

        return name;
    }

    private static void WriteField(FieldKind field, Random random, ArrayBufferWriter<byte> output)
    {
        switch (field)
        {
            case FieldKind.Name:
                output.Write(Name(random).WireForm);
                break;
            case FieldKind.UInt8:
                output.Write(Octets(random, 1));
                break;
            case FieldKind.UInt16 or FieldKind.TypeCode:
                output.Write(Octets(random, 2));
                break;
            case FieldKind.UInt32 or FieldKind.Time or FieldKind.Ipv4:
                output.Write(Octets(random, 4));
                break;
            case FieldKind.Ipv6:
                output.Write(Ipv6(random));
                break;
            case FieldKind.Eui48:
                output.Write(Octets(random, 6));
                break;
            case FieldKind.Eui64:
                output.Write(Octets(random, 8));
                break;
            case FieldKind.CharacterString:
                WriteCounted(output, Octets(random, random.Next(0, 40)));
                break;
            case FieldKind.CharacterStrings:
                int strings = random.Next(1, 4);
                for (int i = 0; i < strings; i++)
                {
                    WriteCounted(output, Octets(random, random.Next(0, 40)));
                }

                break;
            case FieldKind.Base64 or FieldKind.Hex:
                output.Write(Octets(random, random.Next(1, 60)));
                break;
            case FieldKind.SaltHex:
                WriteCounted(output, Octets(random, random.Next(0, 20)));
                break;
            case FieldKind.HashBase32:
                WriteCounted(output, Octets(random, random.Next(1, 33)));
                break;
            case FieldKind.TypeBitmap:
                var types = new List<RecordType>();
                int count = random.Next(0, 8);
                for (int i = 0; i < count; i++)
                {
                    types.Add((RecordType)(random.Next(4) == 0 ? random.Next(0, 65536) : random.Next(1, 260)));
                }

                output.Write(TypeBitmap.Encode(types));
                break;
            case FieldKind.ServiceParameters:
                WriteServiceParameters(random, output);
                break;
            case FieldKind.CaaTag:
                int length = random.Next(1, 16);
                output.Write([(byte)length]);
                for (int i = 0; i < length; i++)
                {
                    output.Write([(byte)Alphanumerics[random.Next(Alphanumerics.Length)]]);
                }

                break;
            case FieldKind.QuotedRest or FieldKind.Opaque:
                output.Write(Octets(random, random.Next(0, 40)));
                break;
            default:
                throw new InvalidOperationException($"No generator for {field}.");
        }
    }

    private static void WriteServiceParameters(Random random, ArrayBufferWriter<byte> output)
    {
        var parameters = new SortedDictionary<ushort, byte[]>();
        if (random.Next(2) == 0)
        {
            var alpn = new ArrayBufferWriter<byte>();
            int ids = random.Next(1, 4);
            for (int i = 0; i < ids; i++)
            {
                WriteCounted(alpn, Octets(random, random.Next(1, 10)));
            }

            parameters[1] = alpn.WrittenSpan.ToArray();
            if (random.Next(2) == 0)
            {
                parameters[2] = [];
            }
        }

        if (random.Next(2) == 0)
        {
            parameters[3] = Octets(random, 2);
        }

        if (random.Next(2) == 0)
        {
            parameters[4] = Octets(random, 4 * random.Next(1, 4));
        }

        if (random.Next(2) == 0)
        {
            parameters[5] = Octets(random, random.Next(0, 12));
        }

        if (random.Next(2) == 0)
        {
            parameters[6] = [.. Ipv6(random), .. Ipv6(random)];
        }

        int generic = random.Next(0, 3);
        for (int i = 0; i < generic; i++)
        {
            parameters[(ushort)random.Next(7, 65536)] = Octets(random, random.Next(0, 12));
        }

        if (parameters.Count > 0 && random.Next(2) == 0)
        {
            var mandatory = new ArrayBufferWriter<byte>();
            foreach (ushort key in parameters.Keys)
            {
                if (random.Next(2) == 0 || mandatory.WrittenCount == 0)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(mandatory.GetSpan(2), key);
                    mandatory.Advance(2);
                }
            }

            parameters[0] = mandatory.WrittenSpan.ToArray();
        }

        foreach ((ushort key, byte[] value) in parameters)
        {
            Span<byte> header = output.GetSpan(4);
            BinaryPrimitives.WriteUInt16BigEndian(header, key);
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
            output.Advance(4);
            output.Write(value);
        }
    }

    private static byte[] Ipv6(Random random)
    {
        // Runs of zero groups, so that "::" and embedded IPv4 forms come up often.
        byte[] address = Octets(random, 16);
        int zeros = random.Next(0, 8);
        int start = random.Next(0, 8 - zeros + 1);
        Array.Clear(address, start * 2, zeros * 2);
        if (random.Next(4) == 0)
        {
            Array.Clear(address, 0, 10);
            address[10] = address[11] = random.Next(2) == 0 ? (byte)0xFF : (byte)0;
        }

        return address;
    }

    private static byte[] Octets(Random random, int count)
    {
        byte[] octets = new byte[count];
        for (int i = 0; i < count; i++)
        {
            octets[i] = random.Next(3) switch
            {
                0 => Awkward[random.Next(Awkward.Length)],
                1 => (byte)Alphanumerics[random.Next(Alphanumerics.Length)],
                _ => (byte)random.Next(256),
            };
        }

        return octets;
    }

    private static void WriteCounted(ArrayBufferWriter<byte> output, byte[] value)
    {
        output.Write([(byte)value.Length]);
        output.Write(value);
    }
}
