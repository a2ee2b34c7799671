using ModelGate.Formats.Archives;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>7z archives: a wrapper published bypasses used because scanners skipped it. Every member is scanned.</summary>
internal static class SevenZipInspector
{
    public static bool IsSevenZip(ReadOnlySpan<byte> prefix) => SevenZipArchiveReader.IsSevenZip(prefix);

    public static void Inspect(ArtifactNode node, Stream archive)
    {
        node.Recognised = true;
        node.Format = "7z";
        using var listing = SevenZipArchiveReader.Open(archive, ZipInspector.ArchiveLimitsFor(node.Walk.Limits));
        ArchiveAnomalies.Report(node, listing.Anomalies);
        foreach (var entry in listing.Entries)
        {
            if (entry.IsDirectory)
                continue;
            if (!node.Walk.TryTakeMember())
            {
                node.NotAnalysed($"more than {node.Walk.Limits.MaxMembers} archive members; the rest were not analysed");
                return;
            }
            var child = node.AddChild(entry.Name, entry.Size);
            if (entry.IsEncrypted)
            {
                child.NotAnalysed("the member is encrypted, so its content cannot be analysed");
                continue;
            }
            ArtifactScanner.Guard(child, () =>
            {
                using var member = new BudgetStream(listing.OpenEntry(entry, Math.Min(child.Walk.Limits.MaxMemberBytes, child.Walk.RemainingUncompressedBytes)), child.Walk);
                ArtifactScanner.Scan(child, member);
            });
        }
    }
}
