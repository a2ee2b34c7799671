using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Requirements;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// Reads one requirements tree: the root file and every file it includes, each once. pip's options
/// (index URLs) are global to the tree, so packages are emitted after the whole tree is read.
/// </summary>
internal sealed class RequirementsTreeWalker(ExtractionContext context, string extractorName, CancellationToken cancellationToken)
{
    private readonly HashSet<(string Path, bool Constraint)> _read = [];
    private readonly List<(string Path, string Display)> _stack = [];
    private readonly List<(InventoryPackage Package, bool Constraint)> _pending = [];
    private readonly List<string> _indexUrls = [];
    private readonly List<string> _extraIndexUrls = [];
    private int _filesRead;
    private bool _countLimitReported;

    /// <summary>Reads the tree under <paramref name="root"/> (already parsed) and adds its packages and constraints.</summary>
    public void Run(RequirementsFile root, string rootFullPath, string rootRelativePath, bool rootIsConstraints)
    {
        _read.Add((rootFullPath, rootIsConstraints));
        ReadFile(rootFullPath, rootRelativePath, root, rootIsConstraints);
        foreach (var (package, constraint) in _pending)
        {
            var withIndexes = package with { IndexUrls = [.. _indexUrls], ExtraIndexUrls = [.. _extraIndexUrls] };
            if (constraint)
                context.AddConstraint(withIndexes);
            else
                context.AddPackage(withIndexes);
        }
    }

    private void ReadFile(string fullPath, string relativePath, RequirementsFile file, bool constraint)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _filesRead++;
        _stack.Add((fullPath, relativePath));
        var mapper = new RequirementsPackageMapper(file, relativePath, Path.GetFileName(relativePath), extractorName, fullPath);
        foreach (var entry in file.Entries)
        {
            var location = new SourceLocation(relativePath, entry.Line);
            switch (entry)
            {
                case RequirementsRequirement requirement:
                    var package = mapper.Map(requirement, out var problem);
                    if (package is null)
                        context.Report(Rules.ParseError, location, problem!);
                    else
                        _pending.Add((package, constraint));
                    break;
                case RequirementsInclude include:
                    Include(include, relativePath, location, constraint || include.IsConstraint);
                    break;
                case RequirementsOption option:
                    RecordOption(option);
                    break;
                case RequirementsError error:
                    context.Report(Rules.ParseError, location, error.Message);
                    break;
            }
        }
        _stack.RemoveAt(_stack.Count - 1);
    }

    private void RecordOption(RequirementsOption option)
    {
        // Kept as written: pip expands ${VAR} only when it installs.
        var target = option.Name switch
        {
            "--index-url" => _indexUrls,
            "--extra-index-url" => _extraIndexUrls,
            _ => null,
        };
        if (target is not null && option.Value is { Length: > 0 } value && !target.Contains(value))
            target.Add(value);
    }

    private void Include(RequirementsInclude include, string fromRelativePath, SourceLocation location, bool constraint)
    {
        var flag = include.IsConstraint ? "-c" : "-r";
        if (include.IsRemote)
        {
            context.Report(Rules.IncludeNotFound, location, $"{flag} {include.Path}: remote requirements files are not fetched, so what it declares is unknown");
            return;
        }
        if (_stack.Count > ReaderLimits.MaxIncludeDepth)
        {
            context.Report(Rules.InputLimitExceeded, location, $"{flag} {include.Path}: includes nest deeper than {ReaderLimits.MaxIncludeDepth} files; not followed");
            return;
        }
        if (_filesRead >= ReaderLimits.MaxIncludedFiles)
        {
            if (!_countLimitReported)
                context.Report(Rules.InputLimitExceeded, location, $"{flag} {include.Path}: more than {ReaderLimits.MaxIncludedFiles} files are included from {context.File.RelativePath}; the rest are not read");
            _countLimitReported = true;
            return;
        }
        var reference = include.Path.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? include.Path["file://".Length..] : include.Path;
        if (!context.TryReadRelatedText(fromRelativePath, reference, out var related, out var error))
        {
            var hint = include.HasEnvironmentVariable ? " (the path names an environment variable, which pip expands at install time)" : string.Empty;
            context.Report(Rules.IncludeNotFound, location, $"{flag} {include.Path}: {error}{hint}");
            return;
        }
        var full = Path.GetFullPath(related.FullPath);
        var onStack = _stack.FindIndex(s => s.Path == full);
        if (onStack >= 0)
        {
            var chain = string.Join(" -> ", _stack.Skip(onStack).Select(s => s.Display).Append(related.RelativePath));
            context.Report(Rules.IncludeCycle, location, $"{flag} {include.Path} includes a file already being read: {chain}");
            return;
        }
        if (!_read.Add((full, constraint)))
            return;
        ReadFile(full, related.RelativePath, RequirementsReader.Read(related.Text), constraint);
    }
}
