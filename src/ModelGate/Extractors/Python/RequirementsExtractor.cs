using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;
using ModelGate.Formats.Requirements;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// pip requirements files and pip-tools inputs: <c>requirements*.txt</c>, <c>*requirements*.txt</c>,
/// <c>*requirements*.in</c>, any <c>.txt</c>/<c>.in</c> in a folder named <c>requirements/</c>, and
/// constraints files (<c>constraints*.txt</c>, <c>*-constraints.txt</c>), which are read as constraints.
/// <c>-r</c>/<c>-c</c> includes are followed relative to the including file.
/// </summary>
internal sealed class RequirementsExtractor : IExtractor
{
    public const string ExtractorName = "python/requirements";

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file)
    {
        var name = file.FileName.ToLowerInvariant();
        if (IsConstraintsFileName(name))
            return true;
        if (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal))
        {
            if (name.Contains("requirements", StringComparison.Ordinal))
                return true;
            var folder = file.RelativeDirectory;
            var slash = folder.LastIndexOf('/');
            return string.Equals(slash >= 0 ? folder[(slash + 1)..] : folder, "requirements", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;

        var isConstraints = IsConstraintsFileName(context.File.FileName.ToLowerInvariant());
        var walk = new RequirementsTreeWalker(context, ExtractorName, cancellationToken);
        walk.Run(RequirementsReader.Read(text), Path.GetFullPath(context.File.FullPath), context.File.RelativePath, isConstraints);
        return ValueTask.CompletedTask;
    }

    private static bool IsConstraintsFileName(string lowerName) =>
        lowerName.EndsWith(".txt", StringComparison.Ordinal)
        && (lowerName.StartsWith("constraints", StringComparison.Ordinal) || lowerName.EndsWith("-constraints.txt", StringComparison.Ordinal));
}
