using ModelGate.Discovery;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Extractors.Python;

/// <summary>Pipenv's <c>Pipfile.lock</c>: <c>default</c> is the main set, <c>develop</c> becomes group "dev".</summary>
internal sealed class PipfileLockExtractor : IExtractor
{
    public string Name => "python/pipfile-lock";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "Pipfile.lock";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LockfileExtraction.Read(context, PipfileLockReader.Read) is not { } lockfile)
            return ValueTask.CompletedTask;
        foreach (var package in lockfile.Packages)
        {
            var group = package.Groups.Contains("develop", StringComparer.Ordinal) ? "dev" : null;
            context.AddPackage(LockfileExtraction.ToInventory(context, package, Name, group));
        }
        return ValueTask.CompletedTask;
    }
}
