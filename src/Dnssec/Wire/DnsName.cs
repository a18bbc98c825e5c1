using System.Diagnostics;

namespace Dnssec.Wire;

/// <summary>
/// An absolute domain name held in uncompressed wire form: case-preserving, compared and hashed without regard
/// to ASCII case (RFC 4343), ordered canonically (RFC 4034 §6.1).
/// </summary>
public sealed partial class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    /// <summary>The longest a name may be in wire form, root label included (RFC 1035 §3.1).</summary>
    public const int MaxLength = 255;

    /// <summary>The longest a single label may be (RFC 1035 §3.1).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The most labels a name can hold besides the root: 127 one-octet labels fill 255 octets.</summary>
    internal const int MaxLabels = 127;

    private readonly byte[] _wire;
    private int _hashCode;

    /// <summary>Wraps wire bytes that the caller has already validated.</summary>
    internal DnsName(byte[] wire, int labelCount)
    {
        Debug.Assert(wire.Length is >= 1 and <= MaxLength && wire[^1] == 0);
        _wire = wire;
        LabelCount = labelCount;
    }

    /// <summary>The root name, ".".</summary>
    public static DnsName Root { get; } = new([0], 0);

    /// <summary>The number of labels, not counting the root (so "www.example." has 2).</summary>
    public int LabelCount { get; }

    /// <summary>The length of the uncompressed wire form, root label included.</summary>
    public int WireLength => _wire.Length;

    /// <summary>The uncompressed wire form with its original case.</summary>
    public ReadOnlySpan<byte> WireForm => _wire;

    /// <summary>Whether this is the root name.</summary>
    public bool IsRoot => LabelCount == 0;

    /// <summary>Whether the leftmost label is the single asterisk of a wildcard (RFC 4592).</summary>
    public bool IsWildcard => _wire.Length > 2 && _wire[0] == 1 && _wire[1] == (byte)'*';

    /// <summary>The label count that an RRSIG over this owner carries: a leading wildcard label is not counted (RFC 4034 §3.1.3).</summary>
    public int SignatureLabelCount => IsWildcard ? LabelCount - 1 : LabelCount;

    /// <summary>The parent name, one label shorter.</summary>
    /// <exception cref="InvalidOperationException">This is the root.</exception>
    public DnsName Parent => IsRoot
        ? throw new InvalidOperationException("The root name has no parent.")
        : new DnsName(_wire.AsSpan(1 + _wire[0]).ToArray(), LabelCount - 1);

    /// <summary>Builds a name from uncompressed wire bytes, checking label and name lengths.</summary>
    /// <exception cref="DnsFormatException">The bytes are not exactly one valid uncompressed name.</exception>
    public static DnsName FromWire(ReadOnlySpan<byte> wire)
    {
        int consumed = NameCodec.Measure(wire, 0, allowCompression: false, out int length, out int labels);
        if (consumed != wire.Length)
        {
            ThrowHelper.ThrowFormat(DnsFormatError.InvalidRecordData, consumed, "Bytes follow the end of the name");
        }

        Debug.Assert(length == consumed);
        return new DnsName(wire.ToArray(), labels);
    }

    /// <summary>Returns the label at <paramref name="index"/>, counting from the leftmost label as 0.</summary>
    public ReadOnlySpan<byte> GetLabel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, LabelCount);
        int offset = 0;
        for (int i = 0; i < index; i++)
        {
            offset += 1 + _wire[offset];
        }

        return _wire.AsSpan(offset + 1, _wire[offset]);
    }

    /// <summary>Returns the ancestor (or this name) that has exactly <paramref name="labelCount"/> labels.</summary>
    public DnsName GetAncestor(int labelCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(labelCount, LabelCount);
        if (labelCount == LabelCount)
        {
            return this;
        }

        if (labelCount == 0)
        {
            return Root;
        }

        int offset = 0;
        for (int i = LabelCount; i > labelCount; i--)
        {
            offset += 1 + _wire[offset];
        }

        return new DnsName(_wire.AsSpan(offset).ToArray(), labelCount);
    }

    /// <summary>Whether this name equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSubdomainOf(DnsName ancestor)
    {
        ArgumentNullException.ThrowIfNull(ancestor);
        return ancestor.LabelCount <= LabelCount && NameCodec.IsAtOrBelow(_wire, ancestor._wire);
    }

    /// <summary>Whether this name lies strictly below <paramref name="ancestor"/>.</summary>
    public bool IsStrictSubdomainOf(DnsName ancestor)
    {
        ArgumentNullException.ThrowIfNull(ancestor);
        return LabelCount > ancestor.LabelCount && IsSubdomainOf(ancestor);
    }

    /// <summary>Returns the name formed by putting <paramref name="label"/> in front of this one.</summary>
    /// <exception cref="ArgumentException">The label is empty, longer than 63 octets, or the result exceeds 255 octets.</exception>
    public DnsName Prepend(ReadOnlySpan<byte> label)
    {
        if (label.IsEmpty || label.Length > MaxLabelLength)
        {
            throw new ArgumentException($"A label must be 1 to {MaxLabelLength} octets long.", nameof(label));
        }

        if (_wire.Length + 1 + label.Length > MaxLength)
        {
            throw new ArgumentException($"The name would exceed {MaxLength} octets.", nameof(label));
        }

        byte[] wire = new byte[_wire.Length + 1 + label.Length];
        wire[0] = (byte)label.Length;
        label.CopyTo(wire.AsSpan(1));
        _wire.CopyTo(wire.AsSpan(1 + label.Length));
        return new DnsName(wire, LabelCount + 1);
    }

    /// <summary>Returns "*." followed by this name: the wildcard that could match names directly below it.</summary>
    public DnsName ToWildcard() => Prepend("*"u8);

    /// <summary>Returns the name formed by this name's labels followed by <paramref name="suffix"/>'s, treating this name as relative.</summary>
    /// <exception cref="ArgumentException">The result would exceed 255 octets.</exception>
    public DnsName Concat(DnsName suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        if (suffix.IsRoot)
        {
            return this;
        }

        if (IsRoot)
        {
            return suffix;
        }

        int length = _wire.Length - 1 + suffix._wire.Length;
        if (length > MaxLength)
        {
            throw new ArgumentException($"The name would exceed {MaxLength} octets.", nameof(suffix));
        }

        byte[] wire = new byte[length];
        _wire.AsSpan(0, _wire.Length - 1).CopyTo(wire);
        suffix._wire.CopyTo(wire.AsSpan(_wire.Length - 1));
        return new DnsName(wire, LabelCount + suffix.LabelCount);
    }

    /// <summary>Returns this name with ASCII letters in lower case, as canonical form requires (RFC 4034 §6.2).</summary>
    public DnsName ToLowerCase()
    {
        if (!AsciiCase.HasUpper(_wire))
        {
            return this;
        }

        byte[] wire = new byte[_wire.Length];
        AsciiCase.ToLower(_wire, wire);
        return new DnsName(wire, LabelCount);
    }

    /// <summary>Copies the wire form, with its original case, to <paramref name="destination"/> and returns the length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        _wire.CopyTo(destination);
        return _wire.Length;
    }

    /// <summary>Copies the wire form in lower case to <paramref name="destination"/> and returns the length.</summary>
    public int WriteCanonicalTo(Span<byte> destination)
    {
        AsciiCase.ToLower(_wire, destination);
        return _wire.Length;
    }

    /// <summary>Counts the labels, from the right, that this name shares with <paramref name="other"/>.</summary>
    public int CommonSuffixLabelCount(DnsName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Span<byte> mine = stackalloc byte[MaxLabels];
        Span<byte> theirs = stackalloc byte[MaxLabels];
        int myCount = NameCodec.LabelOffsets(_wire, mine);
        int theirCount = NameCodec.LabelOffsets(other._wire, theirs);
        int common = 0;
        while (common < myCount && common < theirCount)
        {
            ReadOnlySpan<byte> left = Label(_wire, mine[myCount - 1 - common]);
            ReadOnlySpan<byte> right = Label(other._wire, theirs[theirCount - 1 - common]);
            if (!AsciiCase.EqualsIgnoreCase(left, right))
            {
                break;
            }

            common++;
        }

        return common;
    }

    /// <summary>Orders names canonically: label by label from the right, each label as lower-case octets (RFC 4034 §6.1).</summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        return NameCodec.CompareCanonical(_wire, other._wire);
    }

    /// <summary>Whether <paramref name="other"/> is the same name, ignoring ASCII case.</summary>
    public bool Equals(DnsName? other) =>
        other is not null && (ReferenceEquals(this, other) || AsciiCase.EqualsIgnoreCase(_wire, other._wire));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DnsName);

    /// <summary>A hash that ignores ASCII case, seeded per process so that names chosen by an attacker cannot collide on purpose.</summary>
    public override int GetHashCode()
    {
        int hash = _hashCode;
        if (hash == 0)
        {
            Span<byte> lower = stackalloc byte[MaxLength];
            AsciiCase.ToLower(_wire, lower);
            var hasher = new HashCode();
            hasher.AddBytes(lower[.._wire.Length]);
            hash = hasher.ToHashCode();
            if (hash == 0)
            {
                hash = 1;
            }

            _hashCode = hash;
        }

        return hash;
    }

    /// <summary>Case-insensitive equality.</summary>
    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Case-insensitive inequality.</summary>
    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    /// <summary>Canonical "less than".</summary>
    public static bool operator <(DnsName left, DnsName right) => Compare(left, right) < 0;

    /// <summary>Canonical "greater than".</summary>
    public static bool operator >(DnsName left, DnsName right) => Compare(left, right) > 0;

    /// <summary>Canonical "less than or equal".</summary>
    public static bool operator <=(DnsName left, DnsName right) => Compare(left, right) <= 0;

    /// <summary>Canonical "greater than or equal".</summary>
    public static bool operator >=(DnsName left, DnsName right) => Compare(left, right) >= 0;

    private static int Compare(DnsName? left, DnsName? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static ReadOnlySpan<byte> Label(byte[] wire, int offset) => wire.AsSpan(offset + 1, wire[offset]);
}
