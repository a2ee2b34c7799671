using ModelGate.Findings;
using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Turns the structural irregularities archive readers notice into findings on the archive. Tricks that
/// make loaders and scanners see different bytes are high; traits real writers produce (Windows
/// separators) are informational and do not change the verdict.
/// </summary>
internal static class ArchiveAnomalies
{
    public static void Report(ArtifactNode archive, IEnumerable<ArchiveAnomaly> anomalies)
    {
        // Data descriptors are how streaming writers (torch.save, Java's zip) work: normal, not reported.
        var list = anomalies.Where(a => a.Kind != ArchiveAnomalyKind.DataDescriptor).ToList();
        // Traits real writers produce (torch.save sets the data-descriptor bit on every member) are noted once
        // per archive, with the members as evidence, instead of once per member.
        foreach (var group in list.Where(a => Grade(a.Kind).Severity < Severity.Medium).GroupBy(a => a.Kind))
        {
            var (rule, severity) = Grade(group.Key);
            var first = group.First();
            var members = group.Where(a => a.EntryName is not null).Select(a => a.EntryName!).ToList();
            var message = members.Count > 1 ? $"{archive.Path}: {first.Message} ({members.Count} members)" : $"{archive.Path}: {first.Message}{(members.Count == 1 ? $" (member '{members[0]}')" : string.Empty)}";
            archive.Report(rule, message, first.Offset, severity,
                evidence: [.. members.Take(10).Select(m => $"{group.Key}: {m}")], discriminator: group.Key.ToString());
        }
        foreach (var anomaly in list.Where(a => Grade(a.Kind).Severity >= Severity.Medium))
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
        ArchiveAnomalyKind.BackslashInName => (Rules.ArchiveIrregularity, Severity.Info),
        // The member itself is then unreadable and gets its own MG2004; the archive-level note is context.
        ArchiveAnomalyKind.UnsupportedMethod or ArchiveAnomalyKind.Encrypted or ArchiveAnomalyKind.UnknownEntryType
            or ArchiveAnomalyKind.SizeOnEntryWithoutData => (Rules.ArchiveIrregularity, Severity.Low),
        _ => (Rules.ArchiveIrregularity, Severity.High),
    };
}
