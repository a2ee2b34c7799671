namespace ModelGate.Signatures.ModelSigning;

/// <summary>How a model file differs from what its signature lists.</summary>
internal enum DifferenceKind
{
    /// <summary>The file's bytes (or a shard of them) do not have the signed digest.</summary>
    Changed,

    /// <summary>The signature lists the file; the model does not have it.</summary>
    Missing,

    /// <summary>The model has the file; the signature does not list it (and no ignore rule covers it).</summary>
    Extra,
}

/// <summary>One file that does not match the signature.</summary>
/// <param name="Path">Model-relative POSIX path.</param>
/// <param name="Kind">What differs.</param>
/// <param name="Expected">The signed digest(s), or null for an extra file.</param>
/// <param name="Actual">The digest(s) found, or null for a missing file.</param>
internal sealed record ManifestDifference(string Path, DifferenceKind Kind, string? Expected, string? Actual);
