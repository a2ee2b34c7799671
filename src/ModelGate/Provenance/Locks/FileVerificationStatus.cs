namespace ModelGate.Provenance.Locks;

/// <summary>How one file compares with its lock entry (or the Hub's metadata).</summary>
internal enum FileVerificationStatus
{
    /// <summary>Present, and its size and pinned hash match.</summary>
    Verified,

    /// <summary>Present, but its size or hash differs, or it is a symbolic link that may not be followed.</summary>
    Changed,

    /// <summary>Locked, but not present.</summary>
    Missing,

    /// <summary>Present, but not locked.</summary>
    Unexpected,

    /// <summary>Could not be checked: unreadable, or no comparable hash exists.</summary>
    Unverifiable,
}
