using ModelGate.Discovery;

namespace ModelGate.Extractors;

/// <summary>
/// Reads one kind of file into the inventory. Extractors never walk folders and never open files
/// themselves: the core discovers files and the context reads them within the limits.
/// </summary>
public interface IExtractor
{
    /// <summary>A stable path-like name, e.g. <c>python/uv-lock</c>.</summary>
    string Name { get; }

    /// <summary>Cheap: looks at the file name and at most a few magic bytes.</summary>
    bool CanExtract(DiscoveredFile file);

    /// <summary>Adds what the file declares; a bad line becomes a diagnostic and the rest is read.</summary>
    ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken);
}
