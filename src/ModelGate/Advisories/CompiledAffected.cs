using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>One <c>affected[]</c> entry for a PyPI package, prepared for evaluation.</summary>
internal sealed class CompiledAffected
{
    private readonly HashSet<PythonVersion> _validListed;
    private readonly HashSet<string> _legacyListed;

    private CompiledAffected(OsvAffected source, CompiledRange[] ranges, PythonVersion?[] parsedVersions)
    {
        Source = source;
        Ranges = ranges;
        ParsedVersions = parsedVersions;
        _validListed = [.. parsedVersions.OfType<PythonVersion>()];
        _legacyListed = new HashSet<string>(source.Versions.Where((_, i) => parsedVersions[i] is null), StringComparer.Ordinal);
    }

    public OsvAffected Source { get; }

    /// <summary>The ECOSYSTEM and SEMVER ranges; GIT ranges (commit hashes) and unknown types cannot be evaluated on a version and are left out.</summary>
    public IReadOnlyList<CompiledRange> Ranges { get; }

    /// <summary><see cref="OsvAffected.Versions"/> parsed where they are valid PEP 440, null where not.</summary>
    public IReadOnlyList<PythonVersion?> ParsedVersions { get; }

    public static CompiledAffected Compile(OsvAffected affected)
    {
        var ranges = affected.Ranges
            .Where(r => r.Type is "ECOSYSTEM" or "SEMVER")
            .Select(CompiledRange.Compile)
            .ToArray();
        var parsed = affected.Versions
            .Select(v => PythonVersion.TryParse(v, out var p) ? p : null)
            .ToArray();
        return new CompiledAffected(affected, ranges, parsed);
    }

    /// <summary>
    /// osv-schema, Evaluation: <c>IncludedInVersions</c>. Listed and audited versions compare by PEP 440
    /// equality when both are valid (<c>1.0</c> lists <c>1.0.0</c>), else as exact strings.
    /// </summary>
    public bool ListsVersion(string text, PythonVersion? valid) =>
        // A valid audited version cannot be spelled exactly like a listed string that is not valid, so
        // each side needs only its own set.
        valid is not null ? _validListed.Contains(valid) : _legacyListed.Contains(text);
}
