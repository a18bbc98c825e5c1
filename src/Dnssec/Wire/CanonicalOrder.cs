using System.Buffers;
using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>Canonical form and ordering of records and RRsets, the input of DNSSEC signing and verification (RFC 4034 §6, RFC 6840 §5.1).</summary>
public static class CanonicalOrder
{
    private const int StackLimit = 512;

    /// <summary>Orders two RDATA of one type by their canonical forms as unsigned octet strings, a proper prefix first (RFC 4034 §6.3).</summary>
    public static int CompareRecordData(RecordType type, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        bool canonicalizeLeft = RecordDataCodec.NeedsCanonicalization(left, type);
        bool canonicalizeRight = RecordDataCodec.NeedsCanonicalization(right, type);
        if (!canonicalizeLeft && !canonicalizeRight)
        {
            return left.SequenceCompareTo(right);
        }

        byte[]? rentedLeft = null;
        byte[]? rentedRight = null;
        Span<byte> leftCanonical = canonicalizeLeft
            ? (left.Length <= StackLimit ? stackalloc byte[StackLimit] : (rentedLeft = ArrayPool<byte>.Shared.Rent(left.Length)))[..left.Length]
            : default;
        Span<byte> rightCanonical = canonicalizeRight
            ? (right.Length <= StackLimit ? stackalloc byte[StackLimit] : (rentedRight = ArrayPool<byte>.Shared.Rent(right.Length)))[..right.Length]
            : default;
        try
        {
            scoped ReadOnlySpan<byte> leftForm = left;
            scoped ReadOnlySpan<byte> rightForm = right;
            if (canonicalizeLeft)
            {
                RecordDataCodec.Canonicalize(left, type, leftCanonical);
                leftForm = leftCanonical;
            }

            if (canonicalizeRight)
            {
                RecordDataCodec.Canonicalize(right, type, rightCanonical);
                rightForm = rightCanonical;
            }

            return leftForm.SequenceCompareTo(rightForm);
        }
        finally
        {
            if (rentedLeft is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedLeft);
            }

            if (rentedRight is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedRight);
            }
        }
    }

    /// <summary>Writes the canonical form of RDATA of <paramref name="type"/>: names lower-cased where the type requires it (RFC 4034 §6.2).</summary>
    /// <exception cref="DnsFormatException">The RDATA does not fit the type's layout.</exception>
    public static void WriteCanonicalRecordData(RecordType type, ReadOnlySpan<byte> rdata, Span<byte> destination)
    {
        RecordDataCodec.Validate(rdata, 0, rdata.Length, type, messageContext: false);
        RecordDataCodec.Canonicalize(rdata, type, destination);
    }

    /// <summary>
    /// Writes an RRset in canonical form: each record as owner (lower case), type, class, <paramref name="ttl"/>,
    /// RDLENGTH and canonical RDATA, sorted by canonical RDATA with duplicates removed (RFC 4034 §6.3).
    /// </summary>
    /// <param name="owner">The owner to write; callers verifying a wildcard expansion pass the reconstructed wildcard owner.</param>
    /// <param name="type">The RRset type.</param>
    /// <param name="class">The RRset class.</param>
    /// <param name="ttl">The TTL to write, which for signing is the RRSIG's original TTL.</param>
    /// <param name="records">The records whose RDATA form the set; their own owners and TTLs are ignored.</param>
    /// <param name="output">Where the canonical bytes go.</param>
    /// <returns>The number of octets written.</returns>
    public static int WriteRRset(DnsName owner, RecordType type, RecordClass @class, uint ttl, IReadOnlyList<DnsRecord> records, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        int count = records.Count;
        int[]? rentedOrder = count > 64 ? ArrayPool<int>.Shared.Rent(count) : null;
        Span<int> order = rentedOrder is null ? stackalloc int[count] : rentedOrder.AsSpan(0, count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }

            SortByRecordData(type, records, order);
            int written = 0;
            int ownerLength = owner.WireLength;
            ReadOnlySpan<byte> previous = default;
            bool first = true;
            foreach (int index in order)
            {
                ReadOnlySpan<byte> rdata = records[index].Data.Span;
                if (!first && CompareRecordData(type, previous, rdata) == 0)
                {
                    continue;
                }

                first = false;
                previous = rdata;
                int size = ownerLength + 10 + rdata.Length;
                Span<byte> span = output.GetSpan(size);
                owner.WriteCanonicalTo(span);
                int position = ownerLength;
                BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)type);
                BinaryPrimitives.WriteUInt16BigEndian(span[(position + 2)..], (ushort)@class);
                BinaryPrimitives.WriteUInt32BigEndian(span[(position + 4)..], ttl);
                BinaryPrimitives.WriteUInt16BigEndian(span[(position + 8)..], (ushort)rdata.Length);
                RecordDataCodec.Canonicalize(rdata, type, span.Slice(position + 10, rdata.Length));
                output.Advance(size);
                written += size;
            }

            return written;
        }
        finally
        {
            if (rentedOrder is not null)
            {
                ArrayPool<int>.Shared.Return(rentedOrder);
            }
        }
    }

    /// <summary>Sorts <paramref name="order"/>, a permutation of indexes into <paramref name="records"/>, by canonical RDATA.</summary>
    internal static void SortByRecordData(RecordType type, IReadOnlyList<DnsRecord> records, Span<int> order)
    {
        if (order.Length > 16)
        {
            order.Sort(new IndexComparer(type, records));
            return;
        }

        // Insertion sort: most RRsets are this small, and it needs no comparer object.
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            ReadOnlySpan<byte> currentData = records[current].Data.Span;
            int j = i - 1;
            while (j >= 0 && CompareRecordData(type, records[order[j]].Data.Span, currentData) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }
    }

    private readonly struct IndexComparer(RecordType type, IReadOnlyList<DnsRecord> records) : IComparer<int>
    {
        public int Compare(int x, int y) => CompareRecordData(type, records[x].Data.Span, records[y].Data.Span);
    }
}
