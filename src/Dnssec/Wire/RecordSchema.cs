namespace Dnssec.Wire;

/// <summary>The RDATA layout of one record type and the name rules that go with it.</summary>
internal sealed class RecordSchema
{
    private static readonly RecordSchema Opaque = new(NameRules.None, FieldKind.Opaque);
    private static readonly RecordSchema DsLayout = new(NameRules.None, FieldKind.UInt16, FieldKind.UInt8, FieldKind.UInt8, FieldKind.Hex);
    private static readonly RecordSchema[] ByType = BuildTable();

    private RecordSchema(NameRules rules, params FieldKind[] fields)
    {
        Fields = fields;
        Rules = rules;
        bool hasName = false;
        foreach (FieldKind field in fields)
        {
            hasName |= field == FieldKind.Name;
        }

        HasNames = hasName;
        Steps = SchemaStep.Plan(fields);
    }

    [Flags]
    private enum NameRules : byte
    {
        None = 0,

        /// <summary>Well-known RFC 1035 type: a writer may compress its names (RFC 3597 §4).</summary>
        Compress = 1,

        /// <summary>A reader must accept compressed names here (RFC 3597 §4).</summary>
        Decompress = 2,

        /// <summary>Names are lower-cased in canonical form (RFC 4034 §6.2 as amended by RFC 6840 §5.1).</summary>
        Lowercase = 4,

        Classic = Compress | Decompress | Lowercase,
        Legacy = Decompress | Lowercase,
    }

    /// <summary>The fields in wire order; a field that fills the rest of the RDATA is always last.</summary>
    public FieldKind[] Fields { get; }

    /// <summary>The fields grouped for checking: runs of fixed-size fields become one step.</summary>
    public SchemaStep[] Steps { get; }

    /// <summary>Whether any field is a domain name.</summary>
    public bool HasNames { get; }

    /// <summary>Whether a writer may compress names in this RDATA.</summary>
    public bool CompressNames => (Rules & NameRules.Compress) != 0;

    /// <summary>Whether a reader accepts compression pointers in this RDATA.</summary>
    public bool AcceptsCompression => (Rules & NameRules.Decompress) != 0;

    /// <summary>Whether canonical form lower-cases the names in this RDATA.</summary>
    public bool LowercaseNames => (Rules & NameRules.Lowercase) != 0;

    /// <summary>Whether the layout is unknown, so the RDATA is opaque.</summary>
    public bool IsOpaque => Fields.Length == 1 && Fields[0] == FieldKind.Opaque;

    private NameRules Rules { get; }

    /// <summary>The schema of <paramref name="type"/>, or an opaque one for types without a known layout.</summary>
    public static RecordSchema Get(RecordType type)
    {
        ushort code = (ushort)type;
        if (code < ByType.Length)
        {
            return ByType[code];
        }

        return type is RecordType.TA or RecordType.DLV ? DsLayout : Opaque;
    }

    private static RecordSchema[] BuildTable()
    {
        var table = new RecordSchema[(int)RecordType.CAA + 1];
        Array.Fill(table, Opaque);

        void Add(RecordType type, NameRules rules, params FieldKind[] fields) =>
            table[(int)type] = new RecordSchema(rules, fields);

        const FieldKind Name = FieldKind.Name;
        const FieldKind U8 = FieldKind.UInt8;
        const FieldKind U16 = FieldKind.UInt16;
        const FieldKind U32 = FieldKind.UInt32;

        Add(RecordType.A, NameRules.None, FieldKind.Ipv4);
        foreach (RecordType single in (ReadOnlySpan<RecordType>)[RecordType.NS, RecordType.MD, RecordType.MF, RecordType.CNAME, RecordType.MB, RecordType.MG, RecordType.MR, RecordType.PTR])
        {
            Add(single, NameRules.Classic, Name);
        }

        Add(RecordType.SOA, NameRules.Classic, Name, Name, U32, U32, U32, U32, U32);
        Add(RecordType.NULL, NameRules.None, FieldKind.Opaque);
        Add(RecordType.HINFO, NameRules.None, FieldKind.CharacterString, FieldKind.CharacterString);
        Add(RecordType.MINFO, NameRules.Classic, Name, Name);
        Add(RecordType.MX, NameRules.Classic, U16, Name);
        Add(RecordType.TXT, NameRules.None, FieldKind.CharacterStrings);
        Add(RecordType.RP, NameRules.Legacy, Name, Name);
        Add(RecordType.AFSDB, NameRules.Legacy, U16, Name);
        Add(RecordType.RT, NameRules.Legacy, U16, Name);
        Add(RecordType.SIG, NameRules.Legacy, FieldKind.TypeCode, U8, U8, U32, FieldKind.Time, FieldKind.Time, U16, Name, FieldKind.Base64);
        Add(RecordType.KEY, NameRules.None, U16, U8, U8, FieldKind.Base64);
        Add(RecordType.PX, NameRules.Legacy, U16, Name, Name);
        Add(RecordType.AAAA, NameRules.None, FieldKind.Ipv6);
        Add(RecordType.SRV, NameRules.Legacy, U16, U16, U16, Name);
        Add(RecordType.NAPTR, NameRules.Legacy, U16, U16, FieldKind.CharacterString, FieldKind.CharacterString, FieldKind.CharacterString, Name);
        Add(RecordType.KX, NameRules.Lowercase, U16, Name);
        Add(RecordType.DNAME, NameRules.Legacy, Name);
        table[(int)RecordType.DS] = DsLayout;
        table[(int)RecordType.CDS] = DsLayout;
        Add(RecordType.SSHFP, NameRules.None, U8, U8, FieldKind.Hex);
        Add(RecordType.RRSIG, NameRules.Lowercase, FieldKind.TypeCode, U8, U8, U32, FieldKind.Time, FieldKind.Time, U16, Name, FieldKind.Base64);

        // RFC 6840 §5.1: the next-owner name of NSEC is not lower-cased in canonical form.
        Add(RecordType.NSEC, NameRules.None, Name, FieldKind.TypeBitmap);
        Add(RecordType.DNSKEY, NameRules.None, U16, U8, U8, FieldKind.Base64);
        Add(RecordType.CDNSKEY, NameRules.None, U16, U8, U8, FieldKind.Base64);
        Add(RecordType.DHCID, NameRules.None, FieldKind.Base64);
        Add(RecordType.NSEC3, NameRules.None, U8, U8, U16, FieldKind.SaltHex, FieldKind.HashBase32, FieldKind.TypeBitmap);
        Add(RecordType.NSEC3PARAM, NameRules.None, U8, U8, U16, FieldKind.SaltHex);
        Add(RecordType.TLSA, NameRules.None, U8, U8, U8, FieldKind.Hex);
        Add(RecordType.SMIMEA, NameRules.None, U8, U8, U8, FieldKind.Hex);
        Add(RecordType.OPENPGPKEY, NameRules.None, FieldKind.Base64);
        Add(RecordType.CSYNC, NameRules.None, U32, U16, FieldKind.TypeBitmap);
        Add(RecordType.ZONEMD, NameRules.None, U32, U8, U8, FieldKind.Hex);
        Add(RecordType.SVCB, NameRules.None, U16, Name, FieldKind.ServiceParameters);
        Add(RecordType.HTTPS, NameRules.None, U16, Name, FieldKind.ServiceParameters);
        Add(RecordType.SPF, NameRules.None, FieldKind.CharacterStrings);
        Add(RecordType.EUI48, NameRules.None, FieldKind.Eui48);
        Add(RecordType.EUI64, NameRules.None, FieldKind.Eui64);
        Add(RecordType.URI, NameRules.None, U16, U16, FieldKind.QuotedRest);
        Add(RecordType.CAA, NameRules.None, U8, FieldKind.CaaTag, FieldKind.QuotedRest);
        return table;
    }
}
