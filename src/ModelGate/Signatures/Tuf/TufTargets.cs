namespace ModelGate.Signatures.Tuf;

/// <summary>
/// The top-level targets.json (§4.5). Delegations are recorded as present or not but never followed: the
/// client looks targets up in the top-level role only, which is where the Sigstore repository lists
/// trusted_root.json (the §5.7 pre-order search starts there and stops at the first match).
/// </summary>
internal sealed class TufTargets
{
    public required TufMetadata Metadata { get; init; }

    public required IReadOnlyDictionary<string, TufTargetFile> Targets { get; init; }

    public required bool HasDelegations { get; init; }

    public long Version => Metadata.Version;
}
