using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ModelGate.Formats.CycloneDx;

/// <summary>
/// A package URL (purl-spec, "PURL specification" and "PURL types"):
/// <c>pkg:type/namespace/name@version?qualifiers#subpath</c>, decoded, with the type rules ModelGate relies on
/// applied (pypi names lowercased with '_' as '-'; huggingface versions lowercased).
/// </summary>
public sealed record PackageUrl
{
    /// <summary>Longest purl parsed; real ones are a few hundred characters.</summary>
    public const int MaxLength = 4096;

    public required string Type { get; init; }

    /// <summary>The decoded namespace segments joined with '/'; null when absent.</summary>
    public string? Namespace { get; init; }

    public required string Name { get; init; }

    public string? Version { get; init; }

    /// <summary>Qualifiers with lowercase keys, in key order; empty values dropped (purl-spec: "qualifiers").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Qualifiers { get; init; } = [];

    public string? Subpath { get; init; }

    /// <summary>A purl for a PyPI release: the name normalized as the pypi type requires.</summary>
    public static PackageUrl PyPI(string name, string? version) =>
        new() { Type = "pypi", Name = NormalizeName("pypi", name), Version = version };

    /// <summary>Parses <paramref name="text"/>; false with a reason when it is not a purl.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PackageUrl? purl, out string error)
    {
        purl = null;
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty purl";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"purl longer than {MaxLength} characters";
            return false;
        }
        // The scheme is "pkg:"; slashes after it are ignored (purl-spec: "scheme").
        if (!text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            error = "a purl starts with 'pkg:'";
            return false;
        }
        var rest = text[4..].TrimStart('/');

        string? subpath = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var segments = rest[(hash + 1)..].Split('/')
                .Where(s => s.Length > 0 && s != "." && s != "..")
                .Select(Decode);
            var joined = string.Join('/', segments);
            subpath = joined.Length == 0 ? null : joined;
            rest = rest[..hash];
        }

        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    error = $"qualifier '{pair}' has no key=value form";
                    return false;
                }
                var key = pair[..equals].ToLowerInvariant();
                if (!IsQualifierKey(key))
                {
                    error = $"qualifier key '{key}' is not valid";
                    return false;
                }
                var value = Decode(pair[(equals + 1)..]);
                if (value.Length == 0)
                    continue;
                if (!qualifiers.TryAdd(key, value))
                {
                    error = $"qualifier '{key}' appears twice";
                    return false;
                }
            }
            rest = rest[..question];
        }

        rest = rest.Trim('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            error = rest.Length == 0 ? "purl has no type" : "purl has no name";
            return false;
        }
        var type = rest[..slash].ToLowerInvariant();
        if (!IsType(type))
        {
            error = $"type '{type}' is not valid (ASCII letters, digits, '.', '+', '-', not starting with a digit)";
            return false;
        }
        rest = rest[(slash + 1)..];

        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Decode(rest[(at + 1)..]);
            if (version.Length == 0)
                version = null;
            rest = rest[..at];
        }

        rest = rest.Trim('/');
        var lastSlash = rest.LastIndexOf('/');
        var name = Decode(lastSlash < 0 ? rest : rest[(lastSlash + 1)..]);
        if (name.Length == 0)
        {
            error = "purl has no name";
            return false;
        }
        string? ns = null;
        if (lastSlash > 0)
        {
            var parts = rest[..lastSlash].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToArray();
            if (parts.Any(p => p.Contains('/', StringComparison.Ordinal)))
            {
                error = "a namespace segment contains an encoded '/'";
                return false;
            }
            ns = parts.Length == 0 ? null : string.Join('/', parts);
        }

        purl = new PackageUrl
        {
            Type = type,
            Namespace = NormalizeNamespace(type, ns),
            Name = NormalizeName(type, name),
            Version = NormalizeVersion(type, version),
            Qualifiers = [.. qualifiers],
            Subpath = subpath,
        };
        return true;
    }

    /// <summary>The canonical form: normalized, percent-encoded, qualifiers sorted by key.</summary>
    public override string ToString()
    {
        var b = new StringBuilder("pkg:").Append(Type).Append('/');
        if (Namespace is not null)
        {
            foreach (var segment in Namespace.Split('/'))
                b.Append(Encode(segment)).Append('/');
        }
        b.Append(Encode(Name));
        if (Version is not null)
            b.Append('@').Append(Encode(Version));
        if (Qualifiers.Count > 0)
        {
            b.Append('?');
            var first = true;
            foreach (var (key, value) in Qualifiers.OrderBy(q => q.Key, StringComparer.Ordinal))
            {
                if (!first)
                    b.Append('&');
                first = false;
                b.Append(key).Append('=').Append(Encode(value, keepSlash: true));
            }
        }
        if (Subpath is not null)
            b.Append('#').Append(string.Join('/', Subpath.Split('/').Select(s => Encode(s))));
        return b.ToString();
    }

    private static string NormalizeName(string type, string name) => type switch
    {
        // purl-types "pypi": lowercased, '_' replaced with '-'. PEP 503 also folds runs of '.', '-', '_'.
        "pypi" => Pep503(name),
        "github" or "bitbucket" => name.ToLowerInvariant(),
        _ => name,
    };

    private static string? NormalizeNamespace(string type, string? ns) => type switch
    {
        "github" or "bitbucket" => ns?.ToLowerInvariant(),
        _ => ns,
    };

    // purl-types "huggingface": the version is the commit id, lowercased.
    private static string? NormalizeVersion(string type, string? version) =>
        type == "huggingface" ? version?.ToLowerInvariant() : version;

    private static string Pep503(string name)
    {
        var b = new StringBuilder(name.Length);
        var separator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                separator = true;
                continue;
            }
            if (separator && b.Length > 0)
                b.Append('-');
            separator = false;
            b.Append(char.ToLowerInvariant(c));
        }
        return b.ToString();
    }

    private static bool IsType(string type) =>
        type.Length > 0 && !char.IsAsciiDigit(type[0]) && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-');

    private static bool IsQualifierKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Percent-decoding as UTF-8; a malformed escape is kept as written.</summary>
    private static string Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
            return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Percent-encodes all but unreserved characters and ':' (purl-spec: "character encoding").</summary>
    private static string Encode(string text, bool keepSlash = false)
    {
        var b = new StringBuilder(text.Length);
        foreach (var value in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)value;
            if (value < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' || (keepSlash && c == '/')))
                b.Append(c);
            else
                b.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }
}
