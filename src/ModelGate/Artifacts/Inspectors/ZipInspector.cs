using System.Text.RegularExpressions;
using ModelGate.Findings;
using ModelGate.Formats.Archives;
using ModelGate.Formats.ModelFiles;

namespace ModelGate.Artifacts.Inspectors;

/// <summary>
/// Zip-based files — PyTorch checkpoints, TorchScript, Keras v3, NumPy .npz and plain zips — read the way
/// their loaders read them (PyTorch ignores flags and CRCs and trusts the central directory), every
/// member's bytes sniffed and scanned whatever its name, every irregularity reported.
/// </summary>
internal static partial class ZipInspector
{
    public static void Inspect(ArtifactNode node, Stream archive)
    {
        node.Recognised = true;
        node.Format = "zip";
        var limits = node.Walk.Limits;
        var directory = ZipDirectoryReader.Read(archive, ArchiveLimitsFor(limits));
        var kind = ModelFileSniffer.ClassifyZip(directory.Entries.Select(e => e.Name), node.Name);
        node.Format = ModelFileSniffer.Name(kind);
        ArchiveAnomalies.Report(node, directory.Anomalies);

        var torch = kind is ModelFileFormat.PyTorchZip or ModelFileFormat.TorchScript;
        if (kind == ModelFileFormat.TorchScript)
        {
            var code = directory.Entries.Where(e => IsTorchScriptCode(e.Name)).Select(e => e.Name).ToList();
            node.Report(Rules.EmbeddedCode,
                $"{node.Path}: TorchScript archive with {code.Count} code file(s); torch.jit.load compiles and runs them",
                evidence: [.. code.Take(10).Select(c => $"code file: {c}")], discriminator: "torchscript");
        }

        foreach (var entry in directory.Entries)
        {
            if (entry.IsDirectory || (torch && IsTorchStorage(entry.Name)))
                continue;
            if (!node.Walk.TryTakeMember())
            {
                node.NotAnalysed($"more than {limits.MaxMembers} archive members; the rest were not analysed");
                return;
            }
            var child = node.AddChild(entry.Name, entry.UncompressedSize);
            var configJson = kind == ModelFileFormat.KerasZip && entry.Name == "config.json";
            ScanMember(child, archive, entry, configJson);
        }

        foreach (var entry in directory.UnlistedLocalEntries)
        {
            if (!node.Walk.TryTakeMember())
                break;
            var child = node.AddChild($"<unlisted local entry at offset {entry.LocalHeaderOffset}: {entry.Name}>", entry.UncompressedSize);
            ScanMember(child, archive, entry, configJson: false);
        }
    }

    private static void ScanMember(ArtifactNode child, Stream archive, ZipEntry entry, bool configJson) =>
        ArtifactScanner.Guard(child, () =>
        {
            using var raw = ZipEntryReader.Open(archive, entry, Math.Min(child.Walk.Limits.MaxMemberBytes, child.Walk.RemainingUncompressedBytes));
            using var member = new BudgetStream(raw, child.Walk, ownsInner: false);
            if (configJson)
                KerasInspector.InspectKerasConfig(child, member);
            else
                ArtifactScanner.Scan(child, member);
            if (raw.CrcMatched == false)
            {
                child.Report(Rules.ArchiveIrregularity, $"{child.Path}: CRC-32 of the member's data does not match the archive's directory",
                    evidence: [$"expected CRC {entry.Crc32:x8}"], discriminator: "crc");
            }
        });

    internal static ArchiveLimits ArchiveLimitsFor(ArtifactLimits limits) => new()
    {
        MaxEntries = limits.MaxMembers,
        MaxEntryUncompressedBytes = limits.MaxMemberBytes,
        MaxCompressionRatio = limits.MaxCompressionRatio,
    };

    // torch.save writes tensor storages as "<folder>/data/<key>"; torch.load reads them as raw bytes, never unpickles them.
    private static bool IsTorchStorage(string name) => TorchStorageName().IsMatch(name);

    private static bool IsTorchScriptCode(string name) =>
        name.StartsWith("code/", StringComparison.Ordinal) || name.Contains("/code/", StringComparison.Ordinal);

    [GeneratedRegex(@"^([^/]+/)?data/[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TorchStorageName();
}
