using ModelGate.Discovery;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;
using ModelGate.Formats.Pyproject;

namespace ModelGate.Extractors.Python;

/// <summary>
/// pyproject.toml: PEP 621 dependencies and extras, PEP 735 dependency groups, Poetry 1.x/2.x tables,
/// PDM and uv development dependencies. Every entry is direct. A dependency on the project itself
/// (<c>myproject[gpu]</c> inside an extra, a common way to combine extras) is not a package to audit and is left out.
/// </summary>
internal sealed class PyprojectExtractor : IExtractor
{
    public string Name => "python/pyproject";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "pyproject.toml";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        PyprojectManifest manifest;
        try
        {
            manifest = PyprojectReader.Read(text);
        }
        catch (MalformedDataException ex)
        {
            context.ReportParseError(ex.Line, ex.Message);
            return ValueTask.CompletedTask;
        }

        foreach (var error in manifest.Errors)
            context.ReportParseError(error.Line, error.Message);

        var self = manifest.ProjectName is { } projectName ? PackageName.Normalize(projectName) : null;
        IReadOnlyList<string> primary = [.. manifest.Sources.Where(s => s.Priority == SourcePriority.Primary).Select(s => s.Url)];
        foreach (var dependency in manifest.Dependencies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (self is not null && dependency.Url is null && PackageName.Normalize(dependency.Name) == self)
                continue;
            context.AddPackage(ManifestPackages.ToPackage(dependency, manifest.Sources, primary, context, Name));
        }
        return ValueTask.CompletedTask;
    }
}
