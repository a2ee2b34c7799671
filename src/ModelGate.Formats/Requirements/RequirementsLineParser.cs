using ModelGate.Formats.Pep508;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// Parses one logical line (comments already removed, trimmed) as pip's <c>parse_line</c> does: the words
/// before the first word starting with <c>-</c> are the requirement, the rest are options, split like a
/// shell and parsed like <c>optparse</c>.
/// </summary>
internal static class RequirementsLineParser
{
    public static void Parse(string line, int lineNumber, List<RequirementsEntry> entries)
    {
        var hasVariable = HasEnvironmentVariable(line);
        var added = entries.Count;
        ParseCore(line, lineNumber, entries);
        if (hasVariable)
        {
            for (var i = added; i < entries.Count; i++)
            {
                entries[i] = entries[i] is RequirementsError error
                    ? error with { Message = error.Message + " (the line names an environment variable, which pip expands only when it installs)", HasEnvironmentVariable = true }
                    : entries[i] with { HasEnvironmentVariable = true };
            }
        }
    }

    private static void ParseCore(string line, int lineNumber, List<RequirementsEntry> entries)
    {
        var (args, optionText) = BreakArgsOptions(line);
        var words = new List<string>();
        if (optionText.Length > 0 && !ShellWords.TrySplit(optionText, words, out var splitError))
        {
            entries.Add(new RequirementsError(lineNumber, $"cannot split the options '{Shorten(optionText)}': {splitError}"));
            return;
        }
        var options = ParseOptions(words, lineNumber, entries, out var leftovers);

        if (args.Length > 0)
        {
            var requirement = ParseRequirement(args, lineNumber, editable: false, out var error);
            if (requirement is null)
            {
                entries.Add(new RequirementsError(lineNumber, error!));
            }
            else
            {
                var hashes = new List<string>();
                var perRequirement = new List<KeyValuePair<string, string>>();
                foreach (var (name, value) in options)
                {
                    if (name == RequirementsOptions.Hash)
                    {
                        if (TryParseHash(value!, out var hash, out var hashError))
                            hashes.Add(hash);
                        else
                            entries.Add(new RequirementsError(lineNumber, hashError));
                    }
                    else if (RequirementsOptions.IsPerRequirement(name))
                    {
                        perRequirement.Add(new(name, value ?? string.Empty));
                    }
                    else
                    {
                        entries.Add(new RequirementsError(lineNumber, $"{name} is not a per-requirement option; pip ignores it after a requirement"));
                    }
                }
                var complete = hashes.Count == 0 && perRequirement.Count == 0 ? requirement : requirement with { Hashes = hashes, Options = perRequirement };
                entries.Insert(entries.Count - CountTrailingErrors(entries, lineNumber), complete);
            }
        }
        else
        {
            foreach (var (name, value) in options)
                entries.Add(OptionEntry(name, value, lineNumber));
        }

        foreach (var leftover in leftovers)
            entries.Add(new RequirementsError(lineNumber, $"unexpected '{Shorten(leftover)}' after the options; pip ignores it"));
    }

    // Errors about a requirement's options follow the requirement itself, so an entry list reads in order.
    private static int CountTrailingErrors(List<RequirementsEntry> entries, int lineNumber)
    {
        var count = 0;
        for (var i = entries.Count - 1; i >= 0 && entries[i] is RequirementsError e && e.Line == lineNumber; i--)
            count++;
        return count;
    }

    private static RequirementsEntry OptionEntry(string name, string? value, int lineNumber)
    {
        switch (name)
        {
            case RequirementsOptions.Requirement:
                return new RequirementsInclude(lineNumber, value!, IsConstraint: false);
            case RequirementsOptions.Constraint:
                return new RequirementsInclude(lineNumber, value!, IsConstraint: true);
            case RequirementsOptions.Editable:
                var editable = ParseRequirement(value!, lineNumber, editable: true, out var error);
                return editable is null ? new RequirementsError(lineNumber, error!) : editable;
            default:
                if (RequirementsOptions.IsPerRequirement(name))
                    return new RequirementsError(lineNumber, $"{name} must follow a requirement on the same line");
                return new RequirementsOption(lineNumber, name, value);
        }
    }

    /// <summary>pip's <c>break_args_options</c>: split on single spaces; options start at the first word beginning with '-'.</summary>
    private static (string Args, string Options) BreakArgsOptions(string line)
    {
        var start = 0;
        while (start <= line.Length)
        {
            if (start < line.Length && line[start] == '-')
                return (line[..start].TrimEnd(' '), line[start..]);
            var space = line.IndexOf(' ', start);
            if (space < 0)
                break;
            start = space + 1;
        }
        return (line, string.Empty);
    }

    private static List<(string Name, string? Value)> ParseOptions(List<string> words, int lineNumber, List<RequirementsEntry> entries, out List<string> leftovers)
    {
        var result = new List<(string, string?)>();
        leftovers = [];
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--")
            {
                leftovers.AddRange(words.Skip(i + 1));
                break;
            }
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                var name = eq >= 0 ? word[..eq] : word;
                var spec = RequirementsOptions.FindLong(name, out var error);
                if (spec is null)
                {
                    entries.Add(new RequirementsError(lineNumber, error!));
                    continue;
                }
                if (!spec.TakesValue)
                {
                    if (eq >= 0)
                        entries.Add(new RequirementsError(lineNumber, $"{spec.LongName} option does not take a value"));
                    else
                        result.Add((spec.LongName, null));
                    continue;
                }
                if (eq >= 0)
                    result.Add((spec.LongName, word[(eq + 1)..]));
                else if (i + 1 < words.Count)
                    result.Add((spec.LongName, words[++i]));
                else
                    entries.Add(new RequirementsError(lineNumber, $"{spec.LongName} option requires an argument"));
                continue;
            }
            if (word.Length > 1 && word[0] == '-')
            {
                var spec = RequirementsOptions.FindShort(word[1]);
                if (spec is null)
                {
                    entries.Add(new RequirementsError(lineNumber, $"no such option: -{word[1]}"));
                    continue;
                }
                // Every short option pip accepts here takes a value: "-rfile" or "-r file".
                if (word.Length > 2)
                    result.Add((spec.LongName, word[2..]));
                else if (i + 1 < words.Count)
                    result.Add((spec.LongName, words[++i]));
                else
                    entries.Add(new RequirementsError(lineNumber, $"-{word[1]} option requires an argument"));
                continue;
            }
            leftovers.Add(word);
        }
        return result;
    }

    private static bool TryParseHash(string value, out string hash, out string error)
    {
        hash = string.Empty;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"--hash '{Shorten(value)}' must be a hash name followed by a value, like --hash=sha256:abcde...";
            return false;
        }
        var algorithm = value[..colon].ToLowerInvariant();
        // pip's STRONG_HASHES: weaker algorithms are refused.
        if (algorithm is not ("sha256" or "sha384" or "sha512"))
        {
            error = $"--hash algorithm '{Shorten(value[..colon])}' is not allowed; pip accepts sha256, sha384 and sha512";
            return false;
        }
        hash = algorithm + value[colon..];
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// pip's <c>parse_req_from_line</c>/<c>parse_editable</c>: a URL, a path, or a PEP 508 requirement.
    /// </summary>
    internal static RequirementsRequirement? ParseRequirement(string text, int lineNumber, bool editable, out string? error)
    {
        error = null;
        if (DirectReference.IsUrl(text))
        {
            // For URLs the marker separator is "; " because ';' may appear in a URL.
            var sep = text.IndexOf("; ", StringComparison.Ordinal);
            var url = (sep >= 0 ? text[..sep] : text).Trim();
            var markerText = sep >= 0 ? text[(sep + 2)..].Trim() : null;
            return Reference(text, url, extras: [], markerText, lineNumber, editable, out error);
        }

        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        var beforeMarker = (semicolon >= 0 ? text[..semicolon] : text).Trim();
        var at = beforeMarker.IndexOf('@', StringComparison.Ordinal);
        var isPep508Url = at >= 0 && !DirectReference.LooksLikePath(beforeMarker[..at]);
        if (!isPep508Url && (DirectReference.LooksLikePath(beforeMarker) || DirectReference.IsArchiveName(beforeMarker) || editable))
        {
            var (path, extras) = StripExtras(beforeMarker);
            var markerText = semicolon >= 0 ? text[(semicolon + 1)..].Trim() : null;
            return Reference(text, path, extras, markerText, lineNumber, editable, out error);
        }

        if (!Requirement.TryParse(text, out var requirement, out var parseError))
        {
            error = $"'{Shorten(text)}' is not a valid requirement: {parseError}";
            return null;
        }
        var form = requirement.Url is null ? RequirementForm.Named
            : DirectReference.IsVcsUrl(requirement.Url) ? RequirementForm.Vcs
            : requirement.Url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? RequirementForm.Path
            : RequirementForm.Url;
        return new RequirementsRequirement(lineNumber, text)
        {
            Form = form,
            Name = requirement.Name,
            NameSource = RequirementNameSource.Declared,
            VersionFromFileName = requirement.Url is null || form == RequirementForm.Vcs ? null : DirectReference.VersionFor(requirement.Url, requirement.NormalizedName),
            Specifiers = requirement.Specifiers,
            Extras = requirement.Extras,
            MarkerText = requirement.MarkerText,
            Url = requirement.Url,
            Editable = editable,
        };
    }

    private static RequirementsRequirement? Reference(string text, string reference, IReadOnlyList<string> extras, string? markerText, int lineNumber, bool editable, out string? error)
    {
        error = null;
        if (markerText is not null)
        {
            try
            {
                Marker.Parse(markerText);
            }
            catch (MalformedDataException ex)
            {
                error = $"invalid environment marker '{Shorten(markerText)}': {ex.Reason}";
                return null;
            }
        }
        var isVcs = DirectReference.IsVcsUrl(reference);
        var form = isVcs ? RequirementForm.Vcs
            : DirectReference.IsUrl(reference) && !reference.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? RequirementForm.Url
            : RequirementForm.Path;
        if (editable && form == RequirementForm.Url)
        {
            error = $"'{Shorten(reference)}' is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+https://..., hg+https://..., svn+https://..., bzr+https://...)";
            return null;
        }
        if (!isVcs && DirectReference.InvalidWheelName(reference) is string wheel)
        {
            error = $"'{Shorten(wheel)}' is not a valid wheel file name (PEP 427: name-version[-build]-python-abi-platform.whl)";
            return null;
        }
        var (name, version, source) = DirectReference.Identify(reference, isVcs);
        return new RequirementsRequirement(lineNumber, text)
        {
            Form = form,
            Name = name,
            NameSource = source,
            VersionFromFileName = version,
            Extras = extras,
            MarkerText = string.IsNullOrEmpty(markerText) ? null : markerText,
            Url = reference,
            Editable = editable,
        };
    }

    /// <summary>pip's <c>_strip_extras</c>: <c>./pkg[extra1,extra2]</c>.</summary>
    private static (string Path, IReadOnlyList<string> Extras) StripExtras(string path)
    {
        if (!path.EndsWith(']'))
            return (path, []);
        var open = path.LastIndexOf('[');
        if (open <= 0)
            return (path, []);
        var extras = path[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PackageName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        return (path[..open], extras);
    }

    // pip's ENV_VAR_RE: \$\{([A-Z0-9_]+)\}.
    private static bool HasEnvironmentVariable(string line)
    {
        var i = line.IndexOf("${", StringComparison.Ordinal);
        while (i >= 0)
        {
            var j = i + 2;
            while (j < line.Length && (char.IsAsciiLetterUpper(line[j]) || char.IsAsciiDigit(line[j]) || line[j] == '_'))
                j++;
            if (j > i + 2 && j < line.Length && line[j] == '}')
                return true;
            i = line.IndexOf("${", j, StringComparison.Ordinal);
        }
        return false;
    }

    internal static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
