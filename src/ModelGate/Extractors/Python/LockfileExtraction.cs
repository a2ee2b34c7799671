using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Lockfiles;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>What every lockfile extractor shares: bounded reading, error reporting, and the mapping of a locked package to the inventory.</summary>
internal static class LockfileExtraction
{
    /// <summary>Reads and parses the file; on failure reports one diagnostic and returns null.</summary>
    public static Lockfile? Read(ExtractionContext context, Func<string, Lockfile> reader)
    {
        if (!context.TryReadText(out var text))
            return null;
        Lockfile lockfile;
        try
        {
            lockfile = reader(text);
        }
        catch (MalformedDataException ex)
        {
            context.ReportParseError(ex.Line, ex.Reason);
            return null;
        }
        foreach (var error in lockfile.Errors)
            context.ReportParseError(error.Line, error.Message);
        return lockfile;
    }

    public static InventoryPackage ToInventory(ExtractionContext context, LockedPackage package, string extractor, string? group, bool direct = false)
    {
        var source = package.Source;
        return new InventoryPackage
        {
            Ecosystem = Ecosystems.PyPI,
            Name = PackageName.Normalize(package.Name),
            DeclaredName = package.Name,
            Version = package.Version,
            Specifier = package.Version is null ? string.Empty : "==" + package.Version,
            Source = context.At(package.Line),
            Hashes = package.Hashes,
            Direct = direct,
            Origin = PackageOrigin.Lockfile,
            Group = group,
            Marker = package.Marker,
            IndexUrls = source is { Kind: LockedSourceKind.Registry } ? [source.Location] : [],
            Url = source is null or { Kind: LockedSourceKind.Registry } ? null : DirectReference(source),
            Editable = source?.Editable ?? false,
            Extractor = extractor,
        };
    }

    /// <summary>
    /// A direct reference in pip's syntax: <c>git+https://host/repo@commit#subdirectory=x</c> for VCS
    /// sources (the resolved commit when the lock has one, else the requested revision), the URL or
    /// path as written otherwise.
    /// </summary>
    public static string DirectReference(LockedSource source)
    {
        if (source.Kind != LockedSourceKind.Vcs)
            return source.Location;
        var prefix = (source.VcsType ?? "git") + "+";
        var url = source.Location.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? source.Location : prefix + source.Location;
        var revision = source.Commit ?? source.RequestedRevision;
        if (revision is not null)
            url += "@" + revision;
        if (source.Subdirectory is not null)
            url += "#subdirectory=" + source.Subdirectory;
        return url;
    }

    /// <summary>The group label: null when any of the groups is the main set, else the first group.</summary>
    public static string? GroupLabel(IReadOnlyList<string> groups, string mainGroup) =>
        groups.Count == 0 || groups.Contains(mainGroup, StringComparer.Ordinal) ? null : groups[0];
}
