namespace ModelGate.Artifacts;

/// <summary>
/// One scanned model file or archive member, as reported in <c>artifacts[]</c>. Members are named
/// <c>outer.zip!inner/data.pkl</c>; a container's verdict is the worst of its own findings and its members'.
/// </summary>
/// <param name="Path">Relative path of the file, with <c>!member</c> segments for archive members.</param>
/// <param name="Format">The format its bytes show (<c>pytorch-zip</c>, <c>pickle</c>, ...).</param>
/// <param name="Size">Bytes (uncompressed size for members).</param>
/// <param name="Verdict">clean, suspicious, malicious or error.</param>
/// <param name="Sha256">Lowercase hex digest of the file, when hashing was asked for (files only, not members).</param>
/// <param name="Findings">Fingerprints of the findings about this artifact itself (members have their own).</param>
/// <param name="Rules">The rule ids of those findings, each once, in id order.</param>
public sealed record ArtifactResult(string Path, string Format, long Size, ArtifactVerdict Verdict, string? Sha256, IReadOnlyList<string> Findings, IReadOnlyList<string> Rules)
{
    /// <summary>The path of the archive holding this member, or null for a file.</summary>
    public string? Container
    {
        get
        {
            var bang = Path.LastIndexOf('!');
            return bang < 0 ? null : Path[..bang];
        }
    }
}
