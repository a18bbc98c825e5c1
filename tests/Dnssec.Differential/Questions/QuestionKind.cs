namespace Dnssec.Differential.Questions;

/// <summary>What a question asks about, for the coverage report and explained-differences.txt.</summary>
public enum QuestionKind
{
    /// <summary>A name and type that exist.</summary>
    Existing,

    /// <summary>A name that exists, a type it does not have.</summary>
    NoData,

    /// <summary>A name that does not exist.</summary>
    NxDomain,

    /// <summary>A name a wildcard answers, a type the wildcard has.</summary>
    WildcardExpansion,

    /// <summary>A name a wildcard answers, a type the wildcard lacks.</summary>
    WildcardNoData,

    /// <summary>An empty non-terminal.</summary>
    EmptyNonTerminal,

    /// <summary>The DS RRset at a zone cut, asked of the parent.</summary>
    DsAtCut,

    /// <summary>DS at a name that is no zone cut.</summary>
    DsNotCut,

    /// <summary>A zone's DNSKEY RRset.</summary>
    Dnskey,

    /// <summary>A zone's SOA or NS at its apex, which is also a cut in the parent.</summary>
    Apex,

    /// <summary>The address of a child zone's server, glue in the parent.</summary>
    Glue,

    /// <summary>TLSA at a service name (_port._tcp.host).</summary>
    Tlsa,

    /// <summary>A CNAME owner, asked for another type: the chain is followed.</summary>
    Cname,

    /// <summary>A name below a DNAME: a CNAME is synthesised.</summary>
    Dname,

    /// <summary>An RRset too large for 1232 octets: the answer needs TCP.</summary>
    Large,

    /// <summary>SVCB or HTTPS.</summary>
    ServiceBinding,

    /// <summary>The question a wire mutation targets.</summary>
    MutationTarget,
}
