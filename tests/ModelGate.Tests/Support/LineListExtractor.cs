using ModelGate.Discovery;
using ModelGate.Extractors;
using ModelGate.Inventory;

namespace ModelGate.Tests.Support;

/// <summary>
/// A tiny extractor for engine tests: claims <c>*.pkgs</c> and <c>*.lockpkgs</c>; each line is
/// <c>name [version] [key=value ...]</c> with keys url, marker, editable, extra-index; "boom" throws.
/// </summary>
internal sealed class LineListExtractor : IExtractor
{
    public string Name => "test/line-list";

    public bool CanExtract(DiscoveredFile file) => file.FileName.EndsWith(".pkgs", StringComparison.Ordinal) || file.FileName.EndsWith(".lockpkgs", StringComparison.Ordinal);

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var lines = context.ReadText().Split('\n');
        var origin = context.File.FileName.EndsWith(".lockpkgs", StringComparison.Ordinal) ? PackageOrigin.Lockfile : PackageOrigin.Manifest;
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
                continue;
            if (parts[0] == "boom")
                throw new InvalidOperationException("reader bug");
            if (parts[0] == "bad")
            {
                context.ReportParseError(i + 1, "bad line");
                continue;
            }
            var options = parts.Skip(1).Where(p => p.Contains('=')).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var version = parts.Skip(1).FirstOrDefault(p => !p.Contains('='));
            context.AddPackage(new InventoryPackage
            {
                Ecosystem = Ecosystems.PyPI,
                Name = parts[0],
                Version = version,
                Specifier = version is null ? string.Empty : "==" + version,
                Source = context.At(i + 1),
                Origin = origin,
                Direct = origin == PackageOrigin.Manifest,
                Url = options.GetValueOrDefault("url"),
                Marker = options.GetValueOrDefault("marker")?.Replace('~', ' '),
                Editable = options.ContainsKey("editable"),
                ExtraIndexUrls = options.TryGetValue("extra-index", out var extra) ? [extra] : [],
                Hashes = options.TryGetValue("hash", out var hash) ? [hash] : [],
                Extractor = Name,
            });
        }
        return ValueTask.CompletedTask;
    }
}
