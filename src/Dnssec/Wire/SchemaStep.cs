namespace Dnssec.Wire;

/// <summary>
/// One step of checking RDATA against a <see cref="RecordSchema"/>: a run of consecutive fixed-size fields checked as
/// one, the field that fills the rest of the RDATA, or one variable field that needs its own check.
/// </summary>
internal readonly struct SchemaStep
{
    private SchemaStep(int fixedSize, int firstField, int fieldCount, FieldKind kind, bool isRest)
    {
        FixedSize = fixedSize;
        FirstField = firstField;
        FieldCount = fieldCount;
        Kind = kind;
        IsRest = isRest;
    }

    /// <summary>The total size of a run of fixed-size fields, or 0 for any other step.</summary>
    public int FixedSize { get; }

    /// <summary>The index in <see cref="RecordSchema.Fields"/> of the step's first field.</summary>
    public int FirstField { get; }

    /// <summary>The number of fields the step covers.</summary>
    public int FieldCount { get; }

    /// <summary>The kind of a variable field.</summary>
    public FieldKind Kind { get; }

    /// <summary>Whether the step is the last field, which takes whatever RDATA is left (base64, hex, quoted text, opaque).</summary>
    public bool IsRest { get; }

    /// <summary>The wire size of a fixed-size field, or 0 when the field's size depends on the data.</summary>
    public static int SizeOf(FieldKind kind) => kind switch
    {
        FieldKind.UInt8 => 1,
        FieldKind.UInt16 or FieldKind.TypeCode => 2,
        FieldKind.UInt32 or FieldKind.Time or FieldKind.Ipv4 => 4,
        FieldKind.Eui48 => 6,
        FieldKind.Eui64 => 8,
        FieldKind.Ipv6 => 16,
        _ => 0,
    };

    /// <summary>Groups <paramref name="fields"/> into steps.</summary>
    public static SchemaStep[] Plan(FieldKind[] fields)
    {
        var steps = new List<SchemaStep>();
        int f = 0;
        while (f < fields.Length)
        {
            FieldKind kind = fields[f];
            if (SizeOf(kind) > 0)
            {
                int first = f;
                int size = 0;
                while (f < fields.Length && SizeOf(fields[f]) > 0)
                {
                    size += SizeOf(fields[f++]);
                }

                steps.Add(new SchemaStep(size, first, f - first, kind, isRest: false));
                continue;
            }

            bool isRest = kind is FieldKind.Base64 or FieldKind.Hex or FieldKind.QuotedRest or FieldKind.Opaque;
            steps.Add(new SchemaStep(0, f, 1, kind, isRest));
            f++;
        }

        return [.. steps];
    }
}
