namespace ModelGate.Formats.Requirements;

/// <summary>
/// The options pip accepts in a requirements file (pip's <c>req_file.SUPPORTED_OPTIONS</c> and
/// <c>SUPPORTED_OPTIONS_REQ</c>), by long name, with their short spellings and whether they take a value.
/// </summary>
internal static class RequirementsOptions
{
    public const string IndexUrl = "--index-url";
    public const string ExtraIndexUrl = "--extra-index-url";
    public const string Requirement = "--requirement";
    public const string Constraint = "--constraint";
    public const string Editable = "--editable";
    public const string Hash = "--hash";

    /// <summary>Options that apply to the whole install (pip: <c>SUPPORTED_OPTIONS</c>).</summary>
    public static readonly IReadOnlyList<OptionSpec> Global =
    [
        new(IndexUrl, 'i', TakesValue: true),
        new(ExtraIndexUrl, null, TakesValue: true),
        new("--no-index", null, TakesValue: false),
        new(Constraint, 'c', TakesValue: true),
        new(Requirement, 'r', TakesValue: true),
        new(Editable, 'e', TakesValue: true),
        new("--find-links", 'f', TakesValue: true),
        new("--no-binary", null, TakesValue: true),
        new("--only-binary", null, TakesValue: true),
        new("--prefer-binary", null, TakesValue: false),
        new("--require-hashes", null, TakesValue: false),
        new("--pre", null, TakesValue: false),
        new("--trusted-host", null, TakesValue: true),
        new("--use-feature", null, TakesValue: true),
    ];

    /// <summary>Options that belong to the requirement on the same line (pip: <c>SUPPORTED_OPTIONS_REQ</c>).</summary>
    public static readonly IReadOnlyList<OptionSpec> PerRequirement =
    [
        new(Hash, null, TakesValue: true),
        new("--config-settings", 'C', TakesValue: true),
        new("--global-option", null, TakesValue: true),
        // Removed in pip 23.1 but still found in older files; kept so those read without an error.
        new("--install-option", null, TakesValue: true),
    ];

    private static readonly OptionSpec[] AllOptions = [.. Global, .. PerRequirement];

    public static bool IsPerRequirement(string longName) => PerRequirement.Any(o => o.LongName == longName);

    public static OptionSpec? FindShort(char c) => Array.Find(AllOptions, o => o.ShortName == c);

    /// <summary>
    /// pip parses these lines with <c>optparse</c>, which accepts any unambiguous prefix of a long option
    /// (<c>--extra-index</c> is <c>--extra-index-url</c>).
    /// </summary>
    public static OptionSpec? FindLong(string name, out string? error)
    {
        error = null;
        var exact = Array.Find(AllOptions, o => o.LongName == name);
        if (exact is not null)
            return exact;
        var matches = AllOptions.Where(o => o.LongName.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1)
            return matches[0];
        error = matches.Count == 0
            ? $"no such option: {name}"
            : $"ambiguous option: {name} ({string.Join(", ", matches.Select(m => m.LongName))}?)";
        return null;
    }
}

internal sealed record OptionSpec(string LongName, char? ShortName, bool TakesValue);
