using ModelGate.Formats.Osv;
using ModelGate.Formats.Pep440;

namespace ModelGate.Advisories;

/// <summary>One <c>affected[]</c> entry for a PyPI package, prepared for evaluation.</summary>
internal sealed class CompiledAffected
{
    private CompiledAffected(OsvAffected source, CompiledRange[] ranges, PythonVersion?[] parsedVersions)
    {
        Source = source;
        Ranges = ranges;
        ParsedVersions = parsedVersions;
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
    public bool ListsVersion(string text, PythonVersion? valid)
    {
        for (var i = 0; i < ParsedVersions.Count; i++)
        {
            var listed = ParsedVersions[i];
            if (valid is not null && listed is not null ? valid.Equals(listed) : string.Equals(text, Source.Versions[i], StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
