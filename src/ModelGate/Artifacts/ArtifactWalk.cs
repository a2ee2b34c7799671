using ModelGate.Findings;

namespace ModelGate.Artifacts;

/// <summary>
/// The state of one walk through a model file and everything nested in it: the budget every member draws
/// from (count, decompressed bytes) and the settings. Not thread-safe: one walk runs on one thread.
/// </summary>
internal sealed class ArtifactWalk
{
    private int _members;
    private long _uncompressedBytes;

    public ArtifactWalk(string filePath, ArtifactScanSettings settings, string? fullPath = null)
    {
        FilePath = filePath;
        Settings = settings;
        FullPath = fullPath;
    }

    /// <summary>Where the file is on disk, for the checks that look beside it (ONNX external data); null for streams.</summary>
    public string? FullPath { get; }

    /// <summary>Relative path of the file on disk, the location of every finding in the walk.</summary>
    public string FilePath { get; }

    public ArtifactScanSettings Settings { get; }

    public ArtifactLimits Limits => Settings.Limits;

    /// <summary>Takes one member from the budget; false (and nothing taken) when the budget is spent.</summary>
    public bool TryTakeMember()
    {
        if (_members >= Limits.MaxMembers)
            return false;
        _members++;
        return true;
    }

    /// <summary>Bytes that may still be decompressed in this walk.</summary>
    public long RemainingUncompressedBytes => Math.Max(0, Limits.MaxTotalUncompressedBytes - _uncompressedBytes);

    /// <summary>Records bytes decompressed for a member.</summary>
    public void CountUncompressed(long bytes) => _uncompressedBytes += Math.Max(0, bytes);

    /// <summary>The results of the walk: every listed node (pre-order) and every finding.</summary>
    public static (IReadOnlyList<ArtifactResult> Results, IReadOnlyList<Finding> Findings) Collect(ArtifactNode root, string? sha256)
    {
        var results = new List<ArtifactResult>();
        var findings = new List<Finding>();
        Visit(root, isRoot: true);
        return (results, findings);

        void Visit(ArtifactNode node, bool isRoot)
        {
            if (isRoot || node.Recognised || node.Findings.Count > 0 || node.Children.Count > 0)
            {
                results.Add(new ArtifactResult(node.Path, node.Format, node.Size, node.Verdict, isRoot ? sha256 : null,
                    [.. node.Findings.Select(f => f.Fingerprint).Distinct()],
                    [.. node.Findings.Select(f => f.Rule.Id).Distinct().Order(StringComparer.Ordinal)]));
            }
            findings.AddRange(node.Findings);
            foreach (var child in node.Children)
                Visit(child, isRoot: false);
        }
    }
}
