using ModelGate.Discovery;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Extractors.Python;

/// <summary>PDM's <c>pdm.lock</c>: one entry per locked package; PDM's "default" group is the main set.</summary>
internal sealed class PdmLockExtractor : IExtractor
{
    public string Name => "python/pdm-lock";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "pdm.lock";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LockfileExtraction.Read(context, PdmLockReader.Read) is not { } lockfile)
            return ValueTask.CompletedTask;
        foreach (var package in lockfile.Packages)
            context.AddPackage(LockfileExtraction.ToInventory(context, package, Name, LockfileExtraction.GroupLabel(package.Groups, "default")));
        return ValueTask.CompletedTask;
    }
}
