namespace ModelGate.Formats.Requirements;

/// <summary>
/// What one logical line of a requirements file says. <see cref="Line"/> is the 1-based physical line
/// where the logical line starts (a line joined by trailing backslashes is numbered at its first line).
/// </summary>
public abstract record RequirementsEntry(int Line)
{
    private readonly int _lastLine;

    /// <summary>
    /// The 1-based physical line where the logical line ends: the last line joined to it by a trailing
    /// backslash (a comment line that ends a continuation counts). Equals <see cref="Line"/> for a line on its own.
    /// </summary>
    public int LastLine
    {
        get => Math.Max(_lastLine, Line);
        init => _lastLine = value;
    }

    /// <summary>
    /// The line names an environment variable as <c>${NAME}</c>. pip expands these when it installs
    /// (names of upper-case letters, digits and underscores); the text here is kept as written.
    /// </summary>
    public bool HasEnvironmentVariable { get; init; }
}

/// <summary>How a requirement names what to install.</summary>
public enum RequirementForm
{
    /// <summary>A PEP 508 requirement resolved against an index: <c>name[extras] specifiers ; marker</c>.</summary>
    Named,

    /// <summary>An archive or index-less URL: <c>https://.../pkg-1.0-py3-none-any.whl</c> or <c>name @ https://...</c>.</summary>
    Url,

    /// <summary>A version-control URL: <c>git+https://...@ref#egg=name</c>.</summary>
    Vcs,

    /// <summary>A local directory or archive: <c>./local/dir</c>, <c>file:///...</c>, <c>dist/pkg-1.0.tar.gz</c>.</summary>
    Path,
}

/// <summary>Where <see cref="RequirementsRequirement.Name"/> came from.</summary>
public enum RequirementNameSource
{
    /// <summary>Written as a PEP 508 name.</summary>
    Declared,

    /// <summary>The <c>#egg=</c> fragment of a URL.</summary>
    EggFragment,

    /// <summary>A wheel file name (PEP 427 <c>{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c>).</summary>
    WheelFileName,

    /// <summary>A source distribution file name (<c>{name}-{version}.tar.gz</c> or <c>.zip</c>).</summary>
    SdistFileName,

    /// <summary>Nothing better: the last path segment of the URL or path (a repository or folder name).</summary>
    PathSegment,

    /// <summary>No name could be derived (for example <c>-e .</c>).</summary>
    None,
}

/// <summary>A requirement line (or an <c>-e</c>/<c>--editable</c> option).</summary>
public sealed record RequirementsRequirement(int Line, string Text) : RequirementsEntry(Line)
{
    public RequirementForm Form { get; init; }

    /// <summary>The name as written or derived (see <see cref="NameSource"/>); null when none could be derived.</summary>
    public string? Name { get; init; }

    public RequirementNameSource NameSource { get; init; }

    /// <summary>A version read from a wheel or sdist file name, or null. PEP 508 clauses are in <see cref="Specifiers"/>.</summary>
    public string? VersionFromFileName { get; init; }

    /// <summary>Version clauses such as <c>==1.0</c>, without inner whitespace.</summary>
    public IReadOnlyList<string> Specifiers { get; init; } = [];

    /// <summary>The clauses joined with commas; empty when unconstrained.</summary>
    public string Specifier => string.Join(',', Specifiers);

    /// <summary>Extras, PEP 685-normalized.</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>The environment marker as written (trimmed), or null.</summary>
    public string? MarkerText { get; init; }

    /// <summary>The URL or path of a direct reference, or null for <see cref="RequirementForm.Named"/>.</summary>
    public string? Url { get; init; }

    /// <summary>Given with <c>-e</c>/<c>--editable</c>.</summary>
    public bool Editable { get; init; }

    /// <summary>Every <c>--hash</c> value, <c>algorithm:digest</c> with the algorithm lower-cased.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    /// <summary>Other per-requirement options (<c>--config-settings</c>, <c>--global-option</c>, <c>--install-option</c>) with their values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];
}

/// <summary><c>-r</c>/<c>--requirement</c> (or, when <see cref="IsConstraint"/>, <c>-c</c>/<c>--constraint</c>) naming another file.</summary>
public sealed record RequirementsInclude(int Line, string Path, bool IsConstraint) : RequirementsEntry(Line)
{
    /// <summary>pip fetches includes given as http(s)/ftp URLs; these name no local file.</summary>
    public bool IsRemote => DirectReference.IsUrl(Path) && !Path.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A global option (<c>--index-url</c>, <c>--extra-index-url</c>, <c>--no-index</c>, <c>--find-links</c>,
/// <c>--pre</c>, <c>--only-binary</c>, <c>--no-binary</c>, <c>--prefer-binary</c>, <c>--require-hashes</c>,
/// <c>--trusted-host</c>, <c>--use-feature</c>). <see cref="Name"/> is the long spelling; <see cref="Value"/>
/// is null for flags.
/// </summary>
public sealed record RequirementsOption(int Line, string Name, string? Value) : RequirementsEntry(Line);

/// <summary>A line, or part of one, that pip would reject or silently ignore.</summary>
public sealed record RequirementsError(int Line, string Message) : RequirementsEntry(Line);
