using ModelGate.Findings;
using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Turns the structural irregularities archive readers notice into findings on the archive. Tricks that
/// make loaders and scanners see different bytes are high; traits real writers produce (data descriptors
/// from streaming writers, Windows separators) are informational and do not change the verdict.
/// </summary>
internal static class ArchiveAnomalies
{
    public static void Report(ArtifactNode archive, IEnumerable<ArchiveAnomaly> anomalies)
    {
        foreach (var anomaly in anomalies)
        {
            var (rule, severity) = Grade(anomaly.Kind);
            var where = anomaly.EntryName is null ? string.Empty : $" (member '{anomaly.EntryName}')";
            archive.Report(rule, $"{archive.Path}: {anomaly.Message}{where}", anomaly.Offset, severity,
                evidence: [$"{anomaly.Kind}{(anomaly.Offset is long o ? $" at offset {o}" : string.Empty)}"],
                discriminator: $"{anomaly.Kind}:{anomaly.EntryName}");
        }
    }

    private static (Rule Rule, Severity Severity) Grade(ArchiveAnomalyKind kind) => kind switch
    {
        ArchiveAnomalyKind.PathTraversal or ArchiveAnomalyKind.AbsolutePath or ArchiveAnomalyKind.Symlink
            or ArchiveAnomalyKind.Hardlink or ArchiveAnomalyKind.DeviceOrFifo => (Rules.ArchivePathTraversal, Severity.High),
        ArchiveAnomalyKind.DataDescriptor or ArchiveAnomalyKind.BackslashInName => (Rules.ArchiveIrregularity, Severity.Info),
        // The member itself is then unreadable and gets its own MG2004; the archive-level note is context.
        ArchiveAnomalyKind.UnsupportedMethod or ArchiveAnomalyKind.Encrypted or ArchiveAnomalyKind.UnknownEntryType
            or ArchiveAnomalyKind.SizeOnEntryWithoutData => (Rules.ArchiveIrregularity, Severity.Low),
        _ => (Rules.ArchiveIrregularity, Severity.High),
    };
}
