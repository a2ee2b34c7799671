using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Pep508;
using ModelGate.Formats.Requirements;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// pip requirements files and pip-tools inputs: <c>requirements*.txt</c>, <c>*requirements*.txt</c>,
/// <c>*requirements*.in</c>, any <c>.txt</c>/<c>.in</c> in a folder named <c>requirements/</c>, and
/// constraints files (<c>constraints*.txt</c>, <c>*-constraints.txt</c>), which are read as constraints.
/// <c>-r</c>/<c>-c</c> includes are followed relative to the including file.
/// </summary>
internal sealed class RequirementsExtractor : IExtractor
{
    public const string ExtractorName = "python/requirements";

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file)
    {
        var name = file.FileName.ToLowerInvariant();
        if (IsConstraintsFileName(name))
            return true;
        if (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal))
        {
            if (name.Contains("requirements", StringComparison.Ordinal))
                return true;
            var folder = file.RelativeDirectory;
            var slash = folder.LastIndexOf('/');
            return string.Equals(slash >= 0 ? folder[(slash + 1)..] : folder, "requirements", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = context.ReadText();
        }
        catch (MalformedDataException ex)
        {
            ReportUnreadable(context, context.At(ex.Line), ex);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Report(Rules.UnreadableInput, context.At(), $"{context.File.RelativePath} could not be read: {ex.Message}");
            return ValueTask.CompletedTask;
        }

        var isConstraints = IsConstraintsFileName(context.File.FileName.ToLowerInvariant());
        var walk = new RequirementsTreeWalker(context, cancellationToken);
        walk.Run(text, isConstraints);
        return ValueTask.CompletedTask;
    }

    internal static void ReportUnreadable(ExtractionContext context, SourceLocation location, MalformedDataException ex)
    {
        var rule = ex.Reason.Contains("larger than", StringComparison.Ordinal) ? Rules.InputLimitExceeded : Rules.ParseError;
        context.Report(rule, location, ex.Message);
    }

    private static bool IsConstraintsFileName(string lowerName) =>
        lowerName.EndsWith(".txt", StringComparison.Ordinal)
        && (lowerName.StartsWith("constraints", StringComparison.Ordinal) || lowerName.EndsWith("-constraints.txt", StringComparison.Ordinal));

    /// <summary>
    /// Reads one requirements tree: the root file and every file it includes, each once. pip's options
    /// (index URLs) are global to the tree, so packages are emitted after the whole tree is read.
    /// </summary>
    private sealed class RequirementsTreeWalker(ExtractionContext context, CancellationToken cancellationToken)
    {
        private readonly HashSet<(string Path, bool Constraint)> _read = [];
        private readonly List<(string Path, string Display)> _stack = [];
        private readonly List<(InventoryPackage Package, bool Constraint)> _pending = [];
        private readonly List<string> _indexUrls = [];
        private readonly List<string> _extraIndexUrls = [];
        private int _filesRead;
        private bool _countLimitReported;

        public void Run(string rootText, bool rootIsConstraints)
        {
            _read.Add((Path.GetFullPath(context.File.FullPath), rootIsConstraints));
            ReadFile(Path.GetFullPath(context.File.FullPath), context.File.RelativePath, rootText, rootIsConstraints);
            foreach (var (package, constraint) in _pending)
            {
                var withIndexes = package with { IndexUrls = [.. _indexUrls], ExtraIndexUrls = [.. _extraIndexUrls] };
                if (constraint)
                    context.AddConstraint(withIndexes);
                else
                    context.AddPackage(withIndexes);
            }
        }

        private void ReadFile(string fullPath, string relativePath, string text, bool constraint)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _filesRead++;
            _stack.Add((fullPath, relativePath));
            var file = RequirementsReader.Read(text);
            var mapper = new RequirementsPackageMapper(file, relativePath, context.File.RelativePath == relativePath ? context.File.FileName : Path.GetFileName(relativePath));
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
            ReadFile(full, related.RelativePath, related.Text, constraint);
        }
    }
}
