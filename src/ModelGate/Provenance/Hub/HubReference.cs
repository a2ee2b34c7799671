using System.Diagnostics.CodeAnalysis;

namespace ModelGate.Provenance.Hub;

/// <summary>
/// A model on the Hub as a target: <c>hf://owner/name</c> or <c>hf://owner/name@revision</c>, where the
/// revision is a branch, a tag, a ref such as <c>refs/pr/1</c>, or a commit. Without a revision the
/// repository's default branch (<c>main</c>) is meant.
/// </summary>
internal sealed record HubReference(HubRepoId Repo, string? Revision)
{
    public const string Scheme = "hf://";

    /// <summary>The branch the Hub serves when no revision is named.</summary>
    public const string DefaultRevision = "main";

    /// <summary>The revision to ask the Hub for.</summary>
    public string EffectiveRevision => Revision ?? DefaultRevision;

    /// <summary>True when the revision names a commit by its full 40-hex id, so it cannot move.</summary>
    public bool IsPinned => Revision is not null && IsCommitId(Revision);

    /// <summary>True when the text starts with <c>hf://</c> (whether or not the rest is valid).</summary>
    public static bool IsHubTarget(string target) => target.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static HubReference Parse(string value) =>
        TryParse(value, out var reference, out var error) ? reference : throw new FormatException(error);

    public static bool TryParse(string value, [NotNullWhen(true)] out HubReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (!IsHubTarget(value))
        {
            error = $"'{value}' is not a Hub reference: expected hf://owner/name[@revision]";
            return false;
        }
        var rest = value[Scheme.Length..];
        string? revision = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            revision = rest[(at + 1)..];
            rest = rest[..at];
            if (revision.Length == 0 || revision.Length > 256 || revision.Any(c => char.IsControl(c) || c == ' ')
                || revision.StartsWith('/') || revision.EndsWith('/') || revision.Contains("..", StringComparison.Ordinal))
            {
                error = $"'{value}' has an invalid revision '{revision}'";
                return false;
            }
        }
        if (!HubRepoId.TryParse(rest.TrimEnd('/'), out var repo, out var repoError))
        {
            error = repoError;
            return false;
        }
        reference = new HubReference(repo, revision);
        error = null;
        return true;
    }

    /// <summary>True for a full commit id: 40 lowercase or uppercase hex digits.</summary>
    public static bool IsCommitId(string revision) => revision.Length == 40 && revision.All(char.IsAsciiHexDigit);

    public override string ToString() => Revision is null ? $"{Scheme}{Repo}" : $"{Scheme}{Repo}@{Revision}";
}
