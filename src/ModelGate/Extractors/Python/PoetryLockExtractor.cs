using ModelGate.Discovery;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Extractors.Python;

/// <summary>
/// Poetry's <c>poetry.lock</c>: one entry per locked package. Poetry's group (2.x <c>groups</c>, 1.x
/// <c>category</c>) becomes the group, "main" being the main set; a package only some extras install
/// (<c>optional = true</c>) gets <c>optional:&lt;extra&gt;</c>. The lock does not say which packages the
/// project names itself, so entries are not direct until the scanner matches the manifest.
/// </summary>
internal sealed class PoetryLockExtractor : IExtractor
{
    public string Name => "python/poetry-lock";

    public bool CanExtract(DiscoveredFile file) => file.FileName == "poetry.lock";

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LockfileExtraction.Read(context, PoetryLockReader.Read) is not { } lockfile)
            return ValueTask.CompletedTask;
        foreach (var package in lockfile.Packages)
        {
            var group = LockfileExtraction.GroupLabel(package.Groups, "main");
            if (group is null && package.Optional && package.Extras.Count > 0)
                group = "optional:" + package.Extras[0];
            context.AddPackage(LockfileExtraction.ToInventory(context, package, Name, group));
        }
        return ValueTask.CompletedTask;
    }
}
