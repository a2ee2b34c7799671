using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// A Hub model repository id: <c>namespace/name</c>, or a bare <c>name</c> for the few legacy repositories
/// without a namespace (<c>gpt2</c>). Validated as the Hub validates ids: letters, digits, '-', '_' and '.',
/// not starting or ending with '-' or '.', no "--" or "..", at most 96 characters per part.
/// </summary>
internal sealed record HubRepoId
{
    private const int MaxPartLength = 96;

    private HubRepoId(string? owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    /// <summary>The user or organization; null for a legacy id without one.</summary>
    public string? Owner { get; }

    public string Name { get; }

    /// <summary>
    /// The folder huggingface_hub gives the repository in its cache: <c>models--{owner}--{name}</c> (the '/'
    /// becomes "--", which ids cannot contain themselves).
    /// </summary>
    public string CacheFolderName => Owner is null ? $"models--{Name}" : $"models--{Owner}--{Name}";

    public static HubRepoId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryParse(string value, [NotNullWhen(true)] out HubRepoId? id) => TryParse(value, out id, out _);

    public static bool TryParse(string value, [NotNullWhen(true)] out HubRepoId? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            error = $"'{value}' is not a Hub repository id: expected owner/name";
            return false;
        }
        foreach (var part in parts)
        {
            if (!IsValidPart(part))
            {
                error = $"'{value}' is not a Hub repository id: '{part}' must be 1-{MaxPartLength} letters, digits, '-', '_' or '.', "
                    + "not start or end with '-' or '.', and not contain '--' or '..'";
                return false;
            }
        }
        id = parts.Length == 2 ? new HubRepoId(parts[0], parts[1]) : new HubRepoId(null, parts[0]);
        error = null;
        return true;
    }

    /// <summary>The id from a cache folder name (<c>models--org--name</c>), or null when it is not one.</summary>
    public static HubRepoId? FromCacheFolderName(string folderName)
    {
        const string Prefix = "models--";
        if (!folderName.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = folderName[Prefix.Length..];
        var separator = rest.IndexOf("--", StringComparison.Ordinal);
        var candidate = separator < 0 ? rest : string.Concat(rest.AsSpan(0, separator), "/", rest.AsSpan(separator + 2));
        return TryParse(candidate, out var id) ? id : null;
    }

    private static bool IsValidPart(string part)
    {
        if (part.Length is 0 or > MaxPartLength)
            return false;
        if (part[0] is '-' or '.' || part[^1] is '-' or '.')
            return false;
        if (part.Contains("--", StringComparison.Ordinal) || part.Contains("..", StringComparison.Ordinal))
            return false;
        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                return false;
        }
        return true;
    }

    public override string ToString() => Owner is null ? Name : $"{Owner}/{Name}";
}
