namespace ModelGate.Scanning;

/// <summary>
/// Turns a target that is not a local path (<c>hf://owner/name@rev</c>) into a local folder before discovery,
/// with what it learned on the way: the model's provenance and findings about it (unpinned revision, hashes
/// that do not match). Registered with <see cref="ScannerBuilder.UseTargetResolver"/>.
/// </summary>
internal interface ITargetResolver
{
    /// <summary>True for targets this resolver owns; cheap, looks at the text only.</summary>
    bool CanResolve(string target);

    /// <summary>
    /// Makes the target's files available locally. Throws <see cref="ScanTargetException"/> when the target
    /// cannot be used at all (unknown repository, no access): a usage error, not a finding.
    /// </summary>
    Task<ResolvedTarget> ResolveAsync(string target, ScanOptions options, CancellationToken cancellationToken);
}

/// <summary>A target made local: the folder to scan, and what resolving it found.</summary>
/// <param name="LocalPath">The folder (or file) discovery walks.</param>
/// <param name="Findings">Findings about the target itself, with paths relative to <paramref name="LocalPath"/>.</param>
/// <param name="Provenance">Where the files came from and how they were checked.</param>
internal sealed record ResolvedTarget(string LocalPath, IReadOnlyList<Findings.Finding> Findings, IReadOnlyList<Provenance.ModelProvenance> Provenance);
