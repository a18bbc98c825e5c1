namespace Dnssec.Differential.Generation;

/// <summary>
/// A named, seeded way to break or vary a hierarchy. Signing-time and zone kinds edit what BIND signed (or how it signs);
/// wire kinds are applied by the mutating proxy to one question's responses; benign kinds to every response, and must
/// leave every verdict as it was.
/// </summary>
public enum MutationKind
{
    /// <summary>Every signature of the zone expired ten days ago (signed with -s now-40d -e now-10d).</summary>
    ZoneExpired,

    /// <summary>No signature of the zone is valid yet (signed with -s now+10d -e now+40d).</summary>
    ZoneNotYetValid,

    /// <summary>One RRset's RRSIG replaced by the one an expired signing of the same zone gave it.</summary>
    RrsigExpired,

    /// <summary>One RRset's RRSIG replaced by one from a signing not valid for ten more days.</summary>
    RrsigNotYetValid,

    /// <summary>One octet of one RRSIG's signature changed.</summary>
    SignatureByteFlipped,

    /// <summary>One RRset's RRSIG removed.</summary>
    RrsigRemoved,

    /// <summary>One NSEC or NSEC3 record and its RRSIG removed.</summary>
    DenialRecordRemoved,

    /// <summary>The parent's DS RRset for a child removed with its RRSIG, after signing (the parent's NSEC still lists DS).</summary>
    DsRemoved,

    /// <summary>The zone's DNSKEY RRset removed with its RRSIGs.</summary>
    DnskeyRemoved,

    /// <summary>The parent signs a DS for another zone's key in place of the child's.</summary>
    DsSwapped,

    /// <summary>The parent signs a DS whose digest has one octet changed.</summary>
    DsWrongDigest,

    /// <summary>One RRSIG's labels field changed.</summary>
    LabelsChanged,

    /// <summary>One RRset and its RRSIG replaced by those of an earlier signing, when the RRset held other data: still valid.</summary>
    ReplayedOldSigning,

    /// <summary>One RRset and its RRSIG replaced by those of an earlier signing with a key the zone no longer publishes.</summary>
    ReplayedRetiredKey,

    /// <summary>A record added to a signed RRset after signing.</summary>
    ExtraRecord,

    /// <summary>One RRset's TTL raised above the original TTL its RRSIG states (RFC 4035 §5.3.3): still valid, TTL capped.</summary>
    TtlRaised,

    /// <summary>The iterations field of every NSEC3 record and the NSEC3PARAM changed after signing.</summary>
    Nsec3IterationsChanged,

    /// <summary>Wire: the RRSIGs removed from one question's responses, and from its RRset wherever a chain carries it.</summary>
    WireRrsigStripped,

    /// <summary>Wire: one question answered with a no-data response whose NSEC is a wildcard's, expanded to the query name.</summary>
    WireDenialFromWildcard,

    /// <summary>Wire: the answer records of one question's responses moved to the authority section.</summary>
    WireAnswerMovedToAuthority,

    /// <summary>Wire: the RRSIGs of one question's responses moved to the additional section.</summary>
    WireRrsigMovedToAdditional,

    /// <summary>Wire: an unsigned record added to the answer RRset of one question's responses, wherever the RRset travels.</summary>
    WireExtraRecord,

    /// <summary>Wire: every TTL of one question's responses raised to a day, and its RRset's wherever it travels.</summary>
    WireTtlRaised,

    /// <summary>Wire: NOERROR turned into NXDOMAIN and NXDOMAIN into NOERROR for one question's responses.</summary>
    WireRcodeChanged,

    /// <summary>Benign: the records of every section in another order.</summary>
    BenignShuffle,

    /// <summary>Benign: owner names in random case.</summary>
    BenignNameCase,

    /// <summary>Benign: every message written without name compression.</summary>
    BenignUncompressed,

    /// <summary>Benign: every message compressed again by our writer (BIND's compression choices, not Unbound's).</summary>
    BenignRecompressed,

    /// <summary>Benign: an unrelated, unsigned record added to the additional section.</summary>
    BenignExtraUnrelated,
}
