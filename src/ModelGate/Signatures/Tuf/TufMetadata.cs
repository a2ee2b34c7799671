namespace ModelGate.Signatures.Tuf;

/// <summary>
/// What every TUF metadata file has (§4.2): the role type, version, expiry and spec version of its "signed"
/// part, the canonical bytes of that part (what the signatures cover), the signatures, and the file as received.
/// </summary>
internal sealed class TufMetadata
{
    public required string File { get; init; }

    public required string Type { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset Expires { get; init; }

    public required string SpecVersion { get; init; }

    public required byte[] SignedCanonical { get; init; }

    public required IReadOnlyList<TufSignature> Signatures { get; init; }

    public required byte[] Bytes { get; init; }

    public bool IsExpiredAt(DateTimeOffset now) => Expires <= now;
}
