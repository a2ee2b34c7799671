namespace ModelGate.Signatures.Tuf;

/// <summary>
/// Where the TUF metadata of <see cref="Instance"/> is cached (<see cref="TufFolder"/>, <c>&lt;cache&gt;/sigstore/&lt;instance&gt;/tuf</c>)
/// and where the verified trusted root is written (<see cref="TrustedRootPath"/>).
/// </summary>
internal sealed record SigstoreTrustUpdateOptions(SigstoreTufInstance Instance, string TufFolder, string TrustedRootPath)
{
    /// <summary>The layout of <see cref="Sigstore.SigstoreTrustLocations.InstanceFolder"/>: <c>trusted_root.json</c> and <c>tuf/</c> in it.</summary>
    public static SigstoreTrustUpdateOptions InFolder(SigstoreTufInstance instance, string instanceFolder) =>
        new(instance, Path.Combine(instanceFolder, "tuf"), Path.Combine(instanceFolder, Sigstore.SigstoreTrustLocations.TrustedRootFileName));

    /// <summary>Another copy of the same repository (<see cref="SigstoreTrustUpdate.ParseMirror"/>).</summary>
    public Uri? Mirror { get; init; }

    /// <summary>A root.json the user vouches for, trusted on first use instead of the shipped one.</summary>
    public string? RootFile { get; init; }

    public bool Offline { get; init; }

    public TufLimits Limits { get; init; } = TufLimits.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
