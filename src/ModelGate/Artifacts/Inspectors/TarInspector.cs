using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Tar archives, including the legacy <c>torch.save</c> tar format (members <c>sys_info</c>, <c>pickle</c>,
/// <c>storages</c>, <c>tensors</c>, each a pickle stream): every regular member is scanned; links and
/// devices are reported, never followed.
/// </summary>
internal static class TarInspector
{
    public static void Inspect(ArtifactNode node, Stream stream)
    {
        node.Recognised = true;
        node.Format = "tar";
        var limits = ZipInspector.ArchiveLimitsFor(node.Walk.Limits);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in TarArchiveReader.ReadEntries(stream, limits))
            {
                names.Add(entry.Name);
                ArchiveAnomalies.Report(node, entry.Anomalies);
                if (entry.Kind != TarEntryKind.File || !entry.HasData)
                    continue;
                if (!node.Walk.TryTakeMember())
                {
                    node.NotAnalysed($"more than {node.Walk.Limits.MaxMembers} archive members; the rest were not analysed");
                    break;
                }
                var child = node.AddChild(entry.Name, entry.Size);
                ArtifactScanner.Guard(child, () =>
                {
                    using var member = new BudgetStream(entry.Open(), child.Walk);
                    ArtifactScanner.Scan(child, member);
                });
            }
        }
        finally
        {
            // torch/serialization.py's legacy tar layout: sys_info, pickle, storages, tensors.
            if (names.Contains("pickle") && names.Contains("storages"))
                node.Format = "pytorch-legacy-tar";
        }
    }
}
