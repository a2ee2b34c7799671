using ModelGate.Discovery;
using ModelGate.Formats.Lockfiles;

namespace ModelGate.Extractors.Python;

/// <summary>
/// PEP 751 <c>pylock.toml</c> and named <c>pylock.&lt;name&gt;.toml</c> files. A pylock file lists
/// what to install and has no root project, so no entry is marked direct here.
/// </summary>
internal sealed class PylockExtractor : IExtractor
{
    public string Name => "python/pylock";

    /// <summary>PEP 751: the name matches <c>^pylock\.([^.]+\.)?toml$</c>.</summary>
    public bool CanExtract(DiscoveredFile file)
    {
        var name = file.FileName;
        if (name == "pylock.toml")
            return true;
        if (!name.StartsWith("pylock.", StringComparison.Ordinal) || !name.EndsWith(".toml", StringComparison.Ordinal))
            return false;
        var middle = name.AsSpan("pylock.".Length, name.Length - "pylock.".Length - ".toml".Length);
        return middle.Length > 0 && !middle.Contains('.');
    }

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LockfileExtraction.Read(context, PylockReader.Read) is not { } lockfile)
            return ValueTask.CompletedTask;
        foreach (var package in lockfile.Packages)
            context.AddPackage(LockfileExtraction.ToInventory(context, package, Name, group: null));
        return ValueTask.CompletedTask;
    }
}
