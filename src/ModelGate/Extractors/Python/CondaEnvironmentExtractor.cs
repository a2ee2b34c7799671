using System.Text;
using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Conda;
using ModelGate.Formats.Requirements;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// conda environment files: <c>environment.yml</c>/<c>.yaml</c>, <c>environment-*.yml</c>, <c>environment_*.yml</c>,
/// <c>*-environment.yml</c>, <c>conda.yml</c> and <c>conda-*.yml</c> (not <c>conda-lock.yml</c>, a lockfile).
/// Conda dependencies become <c>conda</c> entries; the <c>- pip:</c> list is read as a requirements file next to
/// the environment file, as conda does when it runs pip.
/// </summary>
internal sealed class CondaEnvironmentExtractor : IExtractor
{
    public const string ExtractorName = "conda/environment";

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file)
    {
        var name = file.FileName.ToLowerInvariant();
        string stem;
        if (name.EndsWith(".yml", StringComparison.Ordinal))
            stem = name[..^4];
        else if (name.EndsWith(".yaml", StringComparison.Ordinal))
            stem = name[..^5];
        else
            return false;
        return stem is "environment" or "conda"
            || stem.StartsWith("environment-", StringComparison.Ordinal)
            || stem.StartsWith("environment_", StringComparison.Ordinal)
            || stem.EndsWith("-environment", StringComparison.Ordinal)
            || (stem.StartsWith("conda-", StringComparison.Ordinal) && stem != "conda-lock");
    }

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        CondaEnvironment environment;
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;
        try
        {
            environment = CondaEnvironmentReader.Read(text);
        }
        catch (MalformedDataException ex)
        {
            var rule = ex.Reason.Contains("nests deeper", StringComparison.Ordinal) ? Rules.InputLimitExceeded : Rules.ParseError;
            context.Report(rule, context.At(ex.Line), ex.Message);
            return ValueTask.CompletedTask;
        }
        if (!environment.HasDependencies)
            return ValueTask.CompletedTask;

        foreach (var error in environment.Errors)
            context.ReportParseError(error.Line, error.Text);

        var channels = environment.Channels.Select(c => c.Text.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        foreach (var dependency in environment.Dependencies)
        {
            if (!MatchSpec.TryParse(dependency.Text, out var spec, out var error))
            {
                context.ReportParseError(dependency.Line, $"dependencies: {error}");
                continue;
            }
            context.AddPackage(new InventoryPackage
            {
                Ecosystem = Ecosystems.Conda,
                Name = spec.Name.ToLowerInvariant(),
                DeclaredName = spec.Name,
                Version = spec.ExactVersion,
                Specifier = spec.Specifier,
                Source = context.At(dependency.Line),
                Direct = true,
                Origin = PackageOrigin.Manifest,
                IndexUrls = spec.Channel is null ? channels : [spec.Channel],
                Extractor = ExtractorName,
            });
        }

        if (environment.PipLines.Count > 0)
        {
            var walker = new RequirementsTreeWalker(context, ExtractorName, cancellationToken);
            walker.Run(ReadPipSection(environment.PipLines), Path.GetFullPath(context.File.FullPath), context.File.RelativePath, rootIsConstraints: false);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// conda writes the pip items, one per line, to a requirements file beside the environment file and runs
    /// <c>pip install -r</c> on it; reading them the same way keeps pip's semantics (options, includes).
    /// Lines are then mapped back to each item's line in the YAML.
    /// </summary>
    private static RequirementsFile ReadPipSection(IReadOnlyList<CondaLine> items)
    {
        var text = new StringBuilder();
        var firstLineOfItem = new List<(int TextLine, int YamlLine)>(items.Count);
        var textLine = 1;
        foreach (var item in items)
        {
            firstLineOfItem.Add((textLine, item.Line));
            text.Append(item.Text).Append('\n');
            textLine += item.Text.Count(c => c == '\n') + 1;
        }
        var file = RequirementsReader.Read(text.ToString());
        int Map(int line)
        {
            var (start, yaml) = firstLineOfItem.FindLast(f => f.TextLine <= line);
            return yaml + (line - start);
        }
        var entries = file.Entries.Select(e => e with { Line = Map(e.Line) }).ToList();
        return RequirementsFile.Create(entries, file.Comments.Select(c => c with { Line = Map(c.Line) }).ToList());
    }
}
