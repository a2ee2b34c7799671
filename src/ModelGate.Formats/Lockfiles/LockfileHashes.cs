namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// Collects file hashes as <c>algorithm:hex</c> with the algorithm lowercased (pip's
/// <c>--hash=sha256:...</c> form), dropping repeats and keeping first-seen order.
/// </summary>
internal sealed class LockfileHashes
{
    private readonly List<string> _hashes = [];
    private HashSet<string>? _seen;

    public IReadOnlyList<string> ToList() => _hashes.Count == 0 ? [] : _hashes.ToArray();

    /// <summary>Adds an <c>algorithm:hex</c> string; false when it has no algorithm or no value.</summary>
    public bool TryAdd(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        var algorithm = text.AsSpan(0, colon);
        var value = text.AsSpan(colon + 1);
        if (!IsToken(algorithm) || !IsToken(value))
            return TryAdd(text[..colon], text[(colon + 1)..]);
        // The common case, already "sha256:<hex>", is kept without copying.
        var hash = algorithm.ContainsAnyInRange('A', 'Z') ? algorithm.ToString().ToLowerInvariant() + text[colon..] : text;
        if (IsNew(hash))
            _hashes.Add(hash);
        return true;
    }

    /// <summary>Adds an algorithm/value pair (PEP 751 <c>hashes = { sha256 = "..." }</c>).</summary>
    public bool TryAdd(string algorithm, string value)
    {
        algorithm = algorithm.Trim();
        value = value.Trim();
        if (algorithm.Length == 0 || value.Length == 0 || !IsToken(algorithm.AsSpan()) || !IsToken(value.AsSpan()))
            return false;
        var hash = algorithm.ToLowerInvariant() + ":" + value;
        if (IsNew(hash))
            _hashes.Add(hash);
        return true;
    }

    /// <summary>A package has a handful of files: a linear scan, and a set only for long lists.</summary>
    private bool IsNew(string hash)
    {
        if (_seen is not null)
            return _seen.Add(hash);
        if (_hashes.Contains(hash))
            return false;
        if (_hashes.Count >= 16)
            _seen = new HashSet<string>(_hashes, StringComparer.Ordinal) { hash };
        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                return false;
        }
        return true;
    }
}
