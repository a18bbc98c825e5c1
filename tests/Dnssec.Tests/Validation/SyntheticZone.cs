using Dnssec.Validation;

namespace Dnssec.Tests.Validation;

/// <summary>
/// One zone with every shape a proof meets — a plain name, a CNAME, a DNAME, unsigned, signed and wrongly
/// apex-flagged delegations, empty non-terminals and wildcards — signed both with NSEC and with NSEC3 (no opt-out,
/// no salt, no extra iterations as RFC 9276 recommends), so the same scenarios check both proof families alike.
/// </summary>
internal static class SyntheticZone
{
    public const string Apex = "example.";

    /// <summary>Names and their types; an empty string is an empty non-terminal.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["example."] = "NS SOA MX DNSKEY",
        ["www.example."] = "A AAAA",
        ["alias.example."] = "CNAME",
        ["dn.example."] = "DNAME",
        ["sub.example."] = "NS",
        ["signed.example."] = "NS DS",
        ["child.example."] = "NS SOA DNSKEY",
        ["wild.example."] = "",
        ["*.wild.example."] = "TXT",
        ["cname.example."] = "",
        ["*.cname.example."] = "CNAME",
        ["deleg.example."] = "",
        ["*.deleg.example."] = "NS",
    };

    public static readonly NsecZone Nsec = new(Apex, Names);

    public static readonly Nsec3Zone Nsec3 = new(Apex, Names);

    /// <summary>Name error scenarios: description, query name, expected status.</summary>
    public static TheoryData<string, string, DenialStatus> NameErrors => new()
    {
        { "a name that does not exist", "nothere.example.", DenialStatus.Proven },
        { "a name two labels below a missing one", "a.b.nothere.example.", DenialStatus.Proven },
        { "a name sorting after every other (the last record wraps around)", "zzz.example.", DenialStatus.Proven },
        { "a name sorting before every other name but the apex", "0.example.", DenialStatus.Proven },
        { "a name that exists", "www.example.", DenialStatus.NotProven },
        { "the apex", "example.", DenialStatus.NotProven },
        { "an empty non-terminal exists", "wild.example.", DenialStatus.NotProven },
        { "a wildcard applies", "x.wild.example.", DenialStatus.NotProven },
        { "below a DNAME", "x.dn.example.", DenialStatus.NotProven },
        { "below an unsigned delegation", "x.sub.example.", DenialStatus.NotProven },
        { "below a signed delegation", "x.signed.example.", DenialStatus.NotProven },
        { "outside the zone", "nothere.example.net.", DenialStatus.NotProven },
    };

    /// <summary>NODATA scenarios: description, query name, type, expected status.</summary>
    public static TheoryData<string, string, string, DenialStatus> NoData => new()
    {
        { "a type the name lacks", "www.example.", "MX", DenialStatus.Proven },
        { "a type the name has", "www.example.", "A", DenialStatus.NotProven },
        { "the apex without the type", "example.", "A", DenialStatus.Proven },
        { "the apex with the type", "example.", "MX", DenialStatus.NotProven },
        { "DS at the apex, from the zone itself", "example.", "DS", DenialStatus.NotProven },
        { "a CNAME owner for another type", "alias.example.", "A", DenialStatus.NotProven },
        { "a CNAME owner for CNAME", "alias.example.", "CNAME", DenialStatus.NotProven },
        { "a CNAME owner for DS", "alias.example.", "DS", DenialStatus.NotProven },
        { "a DNAME owner for a type it lacks", "dn.example.", "A", DenialStatus.Proven },
        { "a DNAME owner for DNAME", "dn.example.", "DNAME", DenialStatus.NotProven },
        { "the parent side of an unsigned delegation for A", "sub.example.", "A", DenialStatus.NotProven },
        { "the parent side of an unsigned delegation for DS", "sub.example.", "DS", DenialStatus.Proven },
        { "the parent side of a signed delegation for DS", "signed.example.", "DS", DenialStatus.NotProven },
        { "a record with SOA at a delegation for DS", "child.example.", "DS", DenialStatus.NotProven },
        { "an empty non-terminal", "wild.example.", "A", DenialStatus.Proven },
        { "an empty non-terminal for DS", "deleg.example.", "DS", DenialStatus.Proven },
        { "a wildcard without the type", "x.wild.example.", "A", DenialStatus.Proven },
        { "a wildcard with the type", "x.wild.example.", "TXT", DenialStatus.NotProven },
        { "a wildcard CNAME", "x.cname.example.", "A", DenialStatus.NotProven },
        { "a wildcard with NS", "x.deleg.example.", "A", DenialStatus.NotProven },
        { "a name that does not exist", "nothere.example.", "A", DenialStatus.NotProven },
        { "below an unsigned delegation", "x.sub.example.", "A", DenialStatus.NotProven },
        { "outside the zone", "www.example.net.", "A", DenialStatus.NotProven },
    };

    /// <summary>Wildcard answer scenarios: description, query name, RRSIG labels, expected status.</summary>
    public static TheoryData<string, string, int, DenialStatus> WildcardAnswers => new()
    {
        { "one label below the wildcard's parent", "x.wild.example.", 2, DenialStatus.Proven },
        { "two labels below the wildcard's parent", "a.b.wild.example.", 2, DenialStatus.Proven },
        { "the wildcard owner itself", "*.wild.example.", 2, DenialStatus.Proven },
        { "a labels field equal to the name's labels", "x.wild.example.", 3, DenialStatus.NotProven },
        { "a labels field above the name's labels", "x.wild.example.", 4, DenialStatus.NotProven },
        { "a wildcard at the apex, where none exists, past an existing name", "x.www.example.", 1, DenialStatus.NotProven },
        { "a name that exists", "www.example.", 1, DenialStatus.NotProven },
        { "a labels field that puts the wildcard above the zone", "x.wild.example.", 0, DenialStatus.NotProven },
        { "outside the zone", "x.wild.example.net.", 2, DenialStatus.NotProven },
    };

    /// <summary>DS absence scenarios: description, DS name, expected kind.</summary>
    public static TheoryData<string, string, DsAbsenceKind> DsAbsences => new()
    {
        { "an unsigned delegation", "sub.example.", DsAbsenceKind.InsecureDelegation },
        { "a signed delegation", "signed.example.", DsAbsenceKind.NotProven },
        { "the child's apex record (SOA set)", "child.example.", DsAbsenceKind.NotProven },
        { "a name with data but no cut", "www.example.", DsAbsenceKind.NoZoneCut },
        { "a DNAME owner", "dn.example.", DsAbsenceKind.NoZoneCut },
        { "an empty non-terminal", "wild.example.", DsAbsenceKind.NoZoneCut },
        { "a name matched by a wildcard", "x.wild.example.", DsAbsenceKind.NoZoneCut },
        { "a name matched by a wildcard with NS", "x.deleg.example.", DsAbsenceKind.NotProven },
        { "a name that does not exist", "nothere.example.", DsAbsenceKind.NameDoesNotExist },
        { "a name below one that does not exist", "a.nothere.example.", DsAbsenceKind.NameDoesNotExist },
        { "below an unsigned delegation", "x.sub.example.", DsAbsenceKind.NotProven },
        { "below a DNAME", "x.dn.example.", DsAbsenceKind.NotProven },
        { "the apex itself", "example.", DsAbsenceKind.NotProven },
        { "outside the zone", "sub.example.net.", DsAbsenceKind.NotProven },
    };
}
