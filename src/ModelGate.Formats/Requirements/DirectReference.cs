using ModelGate.Formats.Pep508;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// What pip can tell about a URL or path requirement without fetching it: whether it is a URL, a VCS
/// URL or a path, and the project name and version its <c>#egg=</c> fragment or file name gives.
/// </summary>
internal static class DirectReference
{
    // pip's is_url(): http, https, file, ftp and the VCS schemes ("git+https", "hg+ssh", "svn+svn", "bzr+ftp", ...).
    private static readonly string[] VcsPrefixes = ["git+", "hg+", "svn+", "bzr+"];

    // pip's ARCHIVE_EXTENSIONS (wheel, zip, tar and its compressed forms).
    private static readonly string[] SdistExtensions = [".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar", ".zip"];

    public static bool IsVcsUrl(string text) =>
        VcsPrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)) && text.Contains(':', StringComparison.Ordinal);

    public static bool IsUrl(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return false;
        var scheme = text.AsSpan(0, colon);
        if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("file", StringComparison.OrdinalIgnoreCase) || scheme.Equals("ftp", StringComparison.OrdinalIgnoreCase))
            return true;
        return IsVcsUrl(text);
    }

    public static bool IsArchiveName(string path)
    {
        var p = StripQueryAndFragment(path);
        return p.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || SdistExtensions.Any(e => p.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>pip's <c>_looks_like_path</c>: a path separator in it, or a leading dot.</summary>
    public static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text.StartsWith('.');

    /// <summary>The project name in a <c>#egg=name</c> fragment (up to <c>&amp;</c>), or null.</summary>
    public static string? EggName(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
            return null;
        foreach (var part in url[(hash + 1)..].Split('&'))
        {
            if (part.StartsWith("egg=", StringComparison.Ordinal))
            {
                var name = part[4..];
                var bracket = name.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0)
                    name = name[..bracket];
                return PackageName.IsValid(name) ? name : null;
            }
        }
        return null;
    }

    /// <summary>Name, version and where they came from for a URL or path reference.</summary>
    public static (string? Name, string? Version, RequirementNameSource Source) Identify(string reference, bool isVcs)
    {
        var egg = EggName(reference);
        var segment = LastSegment(reference, isVcs);
        if (segment is not null && !isVcs)
        {
            var (name, version, source) = FromFileName(segment);
            if (name is not null)
            {
                // An explicit #egg= names the project; a matching file name still gives the version.
                if (egg is not null)
                    return (egg, PackageName.Normalize(egg) == PackageName.Normalize(name) ? version : null, RequirementNameSource.EggFragment);
                return (name, version, source);
            }
        }
        if (egg is not null)
            return (egg, null, RequirementNameSource.EggFragment);
        return string.IsNullOrEmpty(segment) || segment is "." or ".."
            ? (null, null, RequirementNameSource.None)
            : (segment, null, RequirementNameSource.PathSegment);
    }

    /// <summary>The file name when the reference ends in <c>.whl</c> but is not a PEP 427 wheel name (pip refuses it), else null.</summary>
    public static string? InvalidWheelName(string reference)
    {
        var segment = LastSegment(reference, isVcs: false);
        return segment is not null && segment.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && FromFileName(segment).Name is null ? segment : null;
    }

    /// <summary>The version a wheel or sdist file name gives when it names the same project, or null.</summary>
    public static string? VersionFor(string url, string normalizedName)
    {
        var segment = LastSegment(url, isVcs: false);
        if (segment is null)
            return null;
        var (name, version, _) = FromFileName(segment);
        return name is not null && PackageName.Normalize(name) == normalizedName ? version : null;
    }

    private static (string? Name, string? Version, RequirementNameSource Source) FromFileName(string fileName)
    {
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            // PEP 427: {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl;
            // the components themselves never contain '-' (it is escaped to '_').
            var parts = fileName[..^4].Split('-');
            if (parts.Length is 5 or 6 && PackageName.IsValid(parts[0]) && parts[1].Length > 0)
                return (parts[0], parts[1], RequirementNameSource.WheelFileName);
            return (null, null, RequirementNameSource.None);
        }
        foreach (var extension in SdistExtensions)
        {
            if (!fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                continue;
            var stem = fileName[..^extension.Length];
            // {name}-{version}: legacy names may contain '-', versions start with a digit, so the
            // first '-' followed by a digit separates them ("django-rest-framework-3.1").
            for (var i = 1; i < stem.Length - 1; i++)
            {
                if (stem[i] == '-' && char.IsAsciiDigit(stem[i + 1]) && PackageName.IsValid(stem.AsSpan(0, i)))
                    return (stem[..i], stem[(i + 1)..], RequirementNameSource.SdistFileName);
            }
            return (null, null, RequirementNameSource.None);
        }
        return (null, null, RequirementNameSource.None);
    }

    private static string? LastSegment(string reference, bool isVcs)
    {
        var path = StripQueryAndFragment(reference).TrimEnd('/', '\\');
        var slash = path.LastIndexOfAny(['/', '\\']);
        var segment = slash >= 0 ? path[(slash + 1)..] : path;
        if (isVcs)
        {
            // git+https://host/org/repo.git@v1.0: the segment is the repository, "@ref" the revision.
            var at = segment.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
                segment = segment[..at];
            if (segment.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
                segment = segment[..^4];
        }
        if (segment.Contains('%', StringComparison.Ordinal))
        {
            try
            {
                segment = Uri.UnescapeDataString(segment);
            }
            catch (UriFormatException)
            {
                // Leave a malformed escape as written.
            }
        }
        return segment.Length == 0 ? null : segment;
    }

    private static string StripQueryAndFragment(string reference)
    {
        var end = reference.IndexOfAny(['#', '?']);
        return end >= 0 ? reference[..end] : reference;
    }
}
