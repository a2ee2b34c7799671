using ModelGate.Discovery;
using ModelGate.Formats;
using ModelGate.Formats.Pipfile;

namespace ModelGate.Extractors.Python;

/// <summary>
/// Pipfile: <c>[packages]</c>, <c>[dev-packages]</c> (group <c>dev</c>) and custom categories. Every
/// entry is direct. Its index is the source its <c>index</c> key names, else the first <c>[[source]]</c>
/// (pipenv installs from that one unless told otherwise).
/// </summary>
internal sealed class PipfileExtractor : IExtractor
{
    public string Name => "python/pipfile";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "Pipfile";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        PipfileManifest manifest;
        try
        {
            manifest = PipfileReader.Read(text);
        }
        catch (MalformedDataException ex)
        {
            context.ReportParseError(ex.Line, ex.Message);
            return ValueTask.CompletedTask;
        }
        foreach (var error in manifest.Errors)
            context.ReportParseError(error.Line, error.Message);

        IReadOnlyList<string> defaultIndex = manifest.Sources.Count > 0 ? [manifest.Sources[0].Url] : [];
        foreach (var dependency in manifest.Dependencies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.AddPackage(ManifestPackages.ToPackage(dependency, manifest.Sources, defaultIndex, context, Name));
        }
        return ValueTask.CompletedTask;
    }
}
