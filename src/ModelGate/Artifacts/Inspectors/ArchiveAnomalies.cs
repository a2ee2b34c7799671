using ModelGate.Findings;
using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>Turns the structural irregularities archive readers notice into findings on the archive.</summary>
internal static class ArchiveAnomalies
{
    public static void Report(ArtifactNode archive, IEnumerable<ArchiveAnomaly> anomalies)
    {
        foreach (var anomaly in anomalies)
        {
            var rule = IsTraversal(anomaly.Kind) ? Rules.ArchivePathTraversal : Rules.ArchiveIrregularity;
            var where = anomaly.EntryName is null ? string.Empty : $" (member '{anomaly.EntryName}')";
            archive.Report(rule, $"{archive.Path}: {anomaly.Message}{where}", anomaly.Offset,
                evidence: [$"{anomaly.Kind}{(anomaly.Offset is long o ? $" at offset {o}" : string.Empty)}"],
                discriminator: $"{anomaly.Kind}:{anomaly.EntryName}");
        }
    }

    private static bool IsTraversal(ArchiveAnomalyKind kind) => kind.ToString().Contains("Traversal", StringComparison.Ordinal)
        || kind.ToString().Contains("Absolute", StringComparison.Ordinal) || kind.ToString().Contains("Link", StringComparison.Ordinal);
}
