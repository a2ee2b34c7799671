using ModelGate.Discovery;
using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.Ini;
using ModelGate.Formats.Pep508;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Python;

/// <summary>
/// setuptools' declarative config, <c>setup.cfg</c>: <c>[options] install_requires</c>, <c>setup_requires</c>,
/// <c>tests_require</c> and every key of <c>[options.extras_require]</c>.
/// </summary>
internal sealed class SetupCfgExtractor : IExtractor
{
    public const string ExtractorName = "python/setup-cfg";

    private static readonly RequirementsExtractor RequirementsFiles = new();

    public string Name => ExtractorName;

    public bool CanExtract(DiscoveredFile file) => string.Equals(file.FileName, "setup.cfg", StringComparison.OrdinalIgnoreCase);

    public ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        if (!context.TryReadText(out var text))
            return ValueTask.CompletedTask;

        var document = IniReader.Read(text);
        foreach (var error in document.Errors)
            context.ReportParseError(error.Line, error.Message);

        if (document.Section("options") is { } options)
        {
            Read(context, options.Option("install_requires"), group: null);
            Read(context, options.Option("setup_requires"), group: "setup");
            Read(context, options.Option("tests_require"), group: "test");
        }
        if (document.Section("options.extras_require") is { } extras)
        {
            foreach (var option in extras.Options)
                Read(context, option, "optional:" + PackageName.Normalize(option.Key));
        }
        return ValueTask.CompletedTask;
    }

    private static void Read(ExtractionContext context, IniOption? option, string? group)
    {
        if (option is null)
            return;
        var label = group is null ? option.Key : $"{option.Key} ({group})";
        if (option.Values.Count > 0 && option.Values[0].Text.StartsWith("file:", StringComparison.Ordinal))
        {
            // setuptools 62.6+ reads the list from the named files; they are not followed from here.
            var files = option.Values[0].Text[5..].Trim();
            var claimed = files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(f => RequirementsFiles.CanExtract(new DiscoveredFile(f, f, 0)));
            if (!claimed)
                context.Report(Rules.IncludeNotFound, context.At(option.Values[0].Line),
                    $"{label} is read from 'file: {files}', which is not followed from setup.cfg and is not named like a requirements file, so these dependencies are not inventoried");
            return;
        }

        foreach (var (line, item, fromSplit) in Items(option))
        {
            if (!Requirement.TryParse(item, out var requirement, out var error))
            {
                var hint = fromSplit && LooksLikeMarker(item)
                    ? " (setuptools splits a one-line value on ';'; put a requirement with a marker on its own indented line)"
                    : string.Empty;
                context.ReportParseError(line, $"{label}: '{Shorten(item)}' is not a valid requirement: {error}{hint}");
                continue;
            }
            context.AddPackage(new InventoryPackage
            {
                Ecosystem = Ecosystems.PyPI,
                Name = requirement.NormalizedName,
                DeclaredName = requirement.Name,
                Version = requirement.Url is null ? RequirementsPackageMapper.PinnedVersion(requirement.Specifiers) : null,
                Specifier = requirement.Specifier,
                Source = context.At(line),
                Direct = true,
                Origin = PackageOrigin.Manifest,
                Group = group,
                Extras = requirement.Extras,
                Marker = requirement.MarkerText,
                Url = requirement.Url,
                Extractor = ExtractorName,
            });
        }
    }

    /// <summary>
    /// setuptools' <c>_parse_requirements_list</c>: a value on several lines has one requirement per line; a
    /// value written on the key's line alone is split on ';'. Lines starting with '#' are dropped. An inline
    /// " # comment" is dropped too (setuptools would pass it on and fail; the requirement before it is what
    /// the author meant).
    /// </summary>
    private static IEnumerable<(int Line, string Text, bool FromSplit)> Items(IniOption option)
    {
        foreach (var value in option.Values)
        {
            IEnumerable<string> pieces = option.IsSingleLine ? value.Text.Split(';') : [value.Text];
            foreach (var piece in pieces)
            {
                var text = StripInlineComment(piece).Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                    continue;
                yield return (value.Line, text, option.IsSingleLine);
            }
        }
    }

    private static string StripInlineComment(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '#' && char.IsWhiteSpace(text[i - 1]))
                return text[..i];
        }
        return text;
    }

    private static bool LooksLikeMarker(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
            end++;
        return MarkerEnvironment.KnownVariables.Contains(text[..end]);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
