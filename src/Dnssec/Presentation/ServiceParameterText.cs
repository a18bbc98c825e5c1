using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>The SvcParams of SVCB and HTTPS in presentation form (RFC 9460 §2.1, App. A): printed as BIND prints them, read as BIND reads them.</summary>
internal static class ServiceParameterText
{
    private const ushort Mandatory = 0;
    private const ushort Alpn = 1;
    private const ushort NoDefaultAlpn = 2;
    private const ushort Port = 3;
    private const ushort Ipv4Hint = 4;
    private const ushort Ech = 5;
    private const ushort Ipv6Hint = 6;
    private const ushort DohPath = 7;

    private static readonly string[] KeyNames = ["mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint"];

    /// <summary>
    /// Appends each parameter, preceded by a space, when the wire form is valid and its presentation would read back
    /// to the same bytes; returns false, having appended nothing, otherwise.
    /// </summary>
    public static bool TryAppend(StringBuilder builder, ReadOnlySpan<byte> parameters)
    {
        if (Validate(parameters, out _) is not null)
        {
            return false;
        }

        int position = 0;
        while (position < parameters.Length)
        {
            ushort key = BinaryPrimitives.ReadUInt16BigEndian(parameters[position..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(parameters[(position + 2)..]);
            ReadOnlySpan<byte> value = parameters.Slice(position + 4, length);
            position += 4 + length;
            builder.Append(' ');
            AppendKey(builder, key);
            if (value.IsEmpty)
            {
                continue;
            }

            builder.Append('=');
            AppendValue(builder, key, value);
        }

        return true;
    }

    /// <summary>
    /// Checks wire-form parameters: their framing and increasing keys (RFC 9460 §2.2), the value format of each key
    /// this code knows, that every key listed as mandatory is present and is not "mandatory" itself (§8), and that
    /// no-default-alpn comes with alpn (§7.1.1). Returns null when valid, else the reason and the key it concerns.
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> parameters, out int key)
    {
        key = -1;
        int position = 0;
        int previous = -1;
        bool hasAlpn = false;
        bool hasNoDefaultAlpn = false;
        ReadOnlySpan<byte> mandatory = default;
        while (position < parameters.Length)
        {
            if (position + 4 > parameters.Length)
            {
                return "the parameters end inside a key and length";
            }

            key = BinaryPrimitives.ReadUInt16BigEndian(parameters[position..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(parameters[(position + 2)..]);
            if (key <= previous)
            {
                return "the parameter keys are not in increasing order";
            }

            if (position + 4 + length > parameters.Length)
            {
                return "a parameter value runs past the end of the RDATA";
            }

            ReadOnlySpan<byte> value = parameters.Slice(position + 4, length);
            if (!IsValidValue((ushort)key, value))
            {
                return $"the value of {KeyName((ushort)key)} is not valid for that key";
            }

            hasAlpn |= key == Alpn;
            hasNoDefaultAlpn |= key == NoDefaultAlpn;
            if (key == Mandatory)
            {
                mandatory = value;
            }

            previous = key;
            position += 4 + length;
        }

        for (int i = 0; i < mandatory.Length; i += 2)
        {
            ushort listed = BinaryPrimitives.ReadUInt16BigEndian(mandatory[i..]);
            if (!Contains(parameters, listed))
            {
                key = Mandatory;
                return $"mandatory lists {KeyName(listed)}, which the record does not have";
            }
        }

        if (hasNoDefaultAlpn && !hasAlpn)
        {
            key = NoDefaultAlpn;
            return "no-default-alpn needs an alpn parameter as well (RFC 9460 §7.1.1)";
        }

        key = -1;
        return null;
    }

    /// <summary>Reads the parameters that fill the rest of the entry and writes them in increasing key order.</summary>
    /// <exception cref="ZoneFileException">A parameter is malformed, repeated or inconsistent with the others.</exception>
    public static void Parse(EntryCursor cursor, ArrayBufferWriter<byte> output)
    {
        var parameters = new SortedList<ushort, (byte[] Value, ZoneToken Token)>();
        while (!cursor.AtEnd)
        {
            ZoneToken token = cursor.Next("service parameter");
            if (token.Quoted)
            {
                throw cursor.Error(token, "expected a service parameter as key or key=value, found a quoted string");
            }

            string text = token.Text;
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            string keyText = equals < 0 ? text : text[..equals];
            if (!TryParseKey(keyText, out ushort key, out bool generic))
            {
                throw cursor.Error(token, $"unknown service parameter key '{keyText}'");
            }

            string? rawValue = null;
            if (equals >= 0)
            {
                rawValue = text[(equals + 1)..];
                if (rawValue.Length == 0 && !cursor.AtEnd && cursor.Peek() is { Quoted: true, Adjacent: true })
                {
                    rawValue = cursor.Next("service parameter value").Text;
                }
            }

            byte[] value = ParseValue(cursor, token, key, generic, rawValue);
            if (!parameters.TryAdd(key, (value, token)))
            {
                throw cursor.Error(token, $"service parameter {KeyName(key)} appears twice");
            }
        }

        var wire = new ArrayBufferWriter<byte>();
        foreach (KeyValuePair<ushort, (byte[] Value, ZoneToken Token)> parameter in parameters)
        {
            byte[] value = parameter.Value.Value;
            if (value.Length > ushort.MaxValue)
            {
                throw cursor.Error(parameter.Value.Token, $"the value of {KeyName(parameter.Key)} is over 65535 octets");
            }

            Span<byte> header = wire.GetSpan(4);
            BinaryPrimitives.WriteUInt16BigEndian(header, parameter.Key);
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
            wire.Advance(4);
            wire.Write(value);
        }

        string? problem = Validate(wire.WrittenSpan, out int offending);
        if (problem is not null)
        {
            ZoneToken at = offending >= 0 && parameters.TryGetValue((ushort)offending, out var entry) ? entry.Token : parameters.Values[0].Token;
            throw cursor.Error(at, problem);
        }

        output.Write(wire.WrittenSpan);
    }

    private static byte[] ParseValue(EntryCursor cursor, ZoneToken token, ushort key, bool generic, string? rawValue)
    {
        var decoded = new ArrayBufferWriter<byte>();
        if (rawValue is not null && !CharacterStringText.TryDecode(rawValue, decoded, out string? escapeError))
        {
            throw cursor.Error(token, $"invalid value of {KeyName(key)}: {escapeError}");
        }

        ReadOnlySpan<byte> value = decoded.WrittenSpan;
        if (generic || key > Ipv6Hint)
        {
            // RFC 9460 §2.1: keyNNNNN takes the wire value as a character string, even for a key with its own syntax.
            if (!IsValidValue(key, value))
            {
                throw cursor.Error(token, $"the value given for {KeyName(key)} is not valid wire data for that key");
            }

            return value.ToArray();
        }

        if (key == NoDefaultAlpn)
        {
            return value.IsEmpty ? [] : throw cursor.Error(token, "no-default-alpn takes no value");
        }

        if (key == Ech)
        {
            var ech = new ArrayBufferWriter<byte>();
            if (!Base64Text.TryDecode(Encoding.Latin1.GetString(value), ech, out string? base64Error))
            {
                throw cursor.Error(token, $"invalid ech value: {base64Error}");
            }

            return ech.WrittenSpan.ToArray();
        }

        if (value.IsEmpty)
        {
            throw cursor.Error(token, $"{KeyName(key)} needs a value");
        }

        string text = Encoding.Latin1.GetString(value);
        var output = new ArrayBufferWriter<byte>();
        switch (key)
        {
            case Mandatory:
                ParseMandatory(cursor, token, text, output);
                break;
            case Alpn:
                ParseAlpn(cursor, token, value, output);
                break;
            case Port:
                if (!Mnemonics.TryParseDecimal(text, ushort.MaxValue, out ushort port))
                {
                    throw cursor.Error(token, $"invalid port '{text}'");
                }

                BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), port);
                output.Advance(2);
                break;
            default:
                ParseHints(cursor, token, key, text, output);
                break;
        }

        return output.WrittenSpan.ToArray();
    }

    private static void ParseMandatory(EntryCursor cursor, ZoneToken token, string text, ArrayBufferWriter<byte> output)
    {
        var keys = new SortedSet<ushort>();
        foreach (string item in text.Split(','))
        {
            if (!TryParseKey(item, out ushort listed, out _))
            {
                throw cursor.Error(token, $"mandatory lists '{item}', which is not a service parameter key");
            }

            if (listed == Mandatory)
            {
                throw cursor.Error(token, "mandatory must not list itself (RFC 9460 §8)");
            }

            if (!keys.Add(listed))
            {
                throw cursor.Error(token, $"mandatory lists {KeyName(listed)} twice");
            }
        }

        // RFC 9460 §8: the keys go on the wire in increasing order whatever order the text gives.
        foreach (ushort listed in keys)
        {
            BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), listed);
            output.Advance(2);
        }
    }

    private static void ParseAlpn(EntryCursor cursor, ZoneToken token, ReadOnlySpan<byte> value, ArrayBufferWriter<byte> output)
    {
        // RFC 9460 App. A.1: a value-list splits at unescaped commas; a backslash makes the next octet literal.
        Span<byte> id = stackalloc byte[byte.MaxValue];
        int length = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == (byte)',')
            {
                if (length == 0)
                {
                    throw cursor.Error(token, "alpn has an empty protocol identifier");
                }

                output.GetSpan(1)[0] = (byte)length;
                output.Advance(1);
                output.Write(id[..length]);
                length = 0;
                continue;
            }

            byte b = value[i];
            if (b == (byte)'\\')
            {
                if (++i == value.Length)
                {
                    throw cursor.Error(token, "alpn ends with a lone backslash");
                }

                b = value[i];
            }

            if (length == byte.MaxValue)
            {
                throw cursor.Error(token, "an alpn protocol identifier is over 255 octets");
            }

            id[length++] = b;
        }
    }

    private static void ParseHints(EntryCursor cursor, ZoneToken token, ushort key, string text, ArrayBufferWriter<byte> output)
    {
        int size = key == Ipv4Hint ? 4 : 16;
        foreach (string item in text.Split(','))
        {
            Span<byte> address = output.GetSpan(size)[..size];
            bool valid = size == 4 ? AddressText.TryParseIPv4(item, address) : AddressText.TryParseIPv6(item, address);
            if (!valid)
            {
                throw cursor.Error(token, $"invalid {(size == 4 ? "IPv4" : "IPv6")} address '{item}' in {KeyName(key)}");
            }

            output.Advance(size);
        }
    }

    private static bool TryParseKey(ReadOnlySpan<char> text, out ushort key, out bool generic)
    {
        generic = false;
        for (int i = 0; i < KeyNames.Length; i++)
        {
            if (text.SequenceEqual(KeyNames[i]))
            {
                key = (ushort)i;
                return true;
            }
        }

        if (text.SequenceEqual("dohpath"))
        {
            key = DohPath;
            return true;
        }

        // RFC 9460 §2.1: keyNNNNN, the number without leading zeros.
        generic = true;
        ReadOnlySpan<char> digits = text.StartsWith("key", StringComparison.Ordinal) ? text[3..] : default;
        if (digits.Length > 1 && digits[0] == '0')
        {
            key = 0;
            return false;
        }

        return Mnemonics.TryParseDecimal(digits, ushort.MaxValue, out key);
    }

    private static bool IsValidValue(ushort key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case Mandatory:
                if (value.IsEmpty || value.Length % 2 != 0)
                {
                    return false;
                }

                int previous = -1;
                for (int i = 0; i < value.Length; i += 2)
                {
                    int listed = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
                    if (listed <= previous || listed == Mandatory)
                    {
                        return false;
                    }

                    previous = listed;
                }

                return true;
            case Alpn:
                if (value.IsEmpty)
                {
                    return false;
                }

                int position = 0;
                while (position < value.Length)
                {
                    int length = value[position];
                    if (length == 0 || position + 1 + length > value.Length)
                    {
                        return false;
                    }

                    position += 1 + length;
                }

                return true;
            case NoDefaultAlpn:
                return value.IsEmpty;
            case Port:
                return value.Length == 2;
            case Ipv4Hint:
                return value.Length >= 4 && value.Length % 4 == 0;
            case Ipv6Hint:
                return value.Length >= 16 && value.Length % 16 == 0;
            default:
                return true;
        }
    }

    private static bool Contains(ReadOnlySpan<byte> parameters, ushort key)
    {
        int position = 0;
        while (position < parameters.Length)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(parameters[position..]) == key)
            {
                return true;
            }

            position += 4 + BinaryPrimitives.ReadUInt16BigEndian(parameters[(position + 2)..]);
        }

        return false;
    }

    private static string KeyName(ushort key) =>
        key < KeyNames.Length ? KeyNames[key] : "key" + key.ToString(CultureInfo.InvariantCulture);

    private static void AppendKey(StringBuilder builder, ushort key)
    {
        if (key < KeyNames.Length)
        {
            builder.Append(KeyNames[key]);
        }
        else
        {
            builder.Append("key").Append(key);
        }
    }

    private static void AppendValue(StringBuilder builder, ushort key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case Mandatory:
                for (int i = 0; i < value.Length; i += 2)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendKey(builder, BinaryPrimitives.ReadUInt16BigEndian(value[i..]));
                }

                break;
            case Alpn:
                builder.Append('"');
                int position = 0;
                while (position < value.Length)
                {
                    if (position > 0)
                    {
                        builder.Append(',');
                    }

                    AppendAlpnId(builder, value.Slice(position + 1, value[position]));
                    position += 1 + value[position];
                }

                builder.Append('"');
                break;
            case Port:
                builder.Append(BinaryPrimitives.ReadUInt16BigEndian(value));
                break;
            case Ipv4Hint:
                for (int i = 0; i < value.Length; i += 4)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AddressText.AppendIPv4(builder, value.Slice(i, 4));
                }

                break;
            case Ech:
                Base64Text.Append(builder, value);
                break;
            case Ipv6Hint:
                for (int i = 0; i < value.Length; i += 16)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AddressText.AppendIPv6(builder, value.Slice(i, 16));
                }

                break;
            default:
                CharacterStringText.AppendQuoted(builder, value);
                break;
        }
    }

    /// <summary>Escapes one protocol identifier twice: commas and backslashes for the value-list, then as a character string.</summary>
    private static void AppendAlpnId(StringBuilder builder, ReadOnlySpan<byte> id)
    {
        foreach (byte b in id)
        {
            switch (b)
            {
                case (byte)',':
                    builder.Append(@"\\,");
                    break;
                case (byte)'\\':
                    builder.Append(@"\\\\");
                    break;
                default:
                    CharacterStringText.AppendEscaped(builder, [b]);
                    break;
            }
        }
    }
}
