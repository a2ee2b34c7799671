using ModelGate.Discovery;

namespace ModelGate.Extractors.Python;

/// <summary>
/// A setuptools egg-info installation: <c>&lt;name&gt;.egg-info/PKG-INFO</c>, or the legacy single-file
/// <c>&lt;name&gt;-&lt;version&gt;-pyX.Y.egg-info</c> that distutils wrote (the file is the PKG-INFO).
/// egg-info records no REQUESTED marker, so entries are not direct.
/// </summary>
internal sealed class EggInfoExtractor : IExtractor
{
    public string Name => "python/egg-info";

    public bool CanExtract(DiscoveredFile file) =>
        (file.FileName == "PKG-INFO" && InstalledDistributions.ParentFolderEndsWith(file.FullPath, ".egg-info"))
        || file.FileName.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase);

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var package = InstalledDistributions.Read(context, Name);
        if (package is not null)
            context.AddPackage(package);
        return ValueTask.CompletedTask;
    }
}
