namespace Dnssec.Differential.Generation;

/// <summary>What a zone key is for: its DNSKEY flags and which RRsets it signs when it signs at all.</summary>
public enum KeyRole
{
    /// <summary>Key-signing key (flags 257): signs the DNSKEY RRset only.</summary>
    Ksk,

    /// <summary>Zone-signing key (flags 256): signs everything but the DNSKEY RRset (BIND also has it sign that).</summary>
    Zsk,

    /// <summary>Combined signing key (flags 257): the only key of its algorithm, signs everything.</summary>
    Csk,
}
