namespace Dnssec.TrustAnchors;

/// <summary>Why the RFC 5011 state file could not be read or written.</summary>
public enum AnchorStateError
{
    /// <summary>It worked.</summary>
    None,

    /// <summary>The state file does not exist.</summary>
    NotFound,

    /// <summary>The file could not be opened or read.</summary>
    Unreadable,

    /// <summary>A line is malformed, a field is missing or out of range, or the file is truncated.</summary>
    Corrupt,

    /// <summary>The checksum line does not match the content.</summary>
    ChecksumMismatch,

    /// <summary>The file was written by a version of the format this library does not know.</summary>
    UnsupportedVersion,

    /// <summary>Another process held the lock for longer than the timeout.</summary>
    Locked,

    /// <summary>Writing, flushing or renaming the new file failed.</summary>
    WriteFailed,
}
