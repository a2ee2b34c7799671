namespace ModelGate.Artifacts.Pickle;

/// <summary>
/// One catalogue pattern (syntax at the top of <c>dangerous-callables.txt</c>): <c>module.name</c>,
/// <c>module.*</c>, <c>module.**</c>, <c>module.**:Class</c> or <c>*.name</c>. Matched against the
/// alias-normalised dotted full name.
/// </summary>
internal sealed record CallablePattern(string Text, CallablePatternKind Kind, string Target)
{
    public static CallablePattern Parse(string text)
    {
        if (text.EndsWith(".**:Class", StringComparison.Ordinal))
            return new(text, CallablePatternKind.ClassesInTree, text[..^".**:Class".Length]);
        if (text.EndsWith(".**", StringComparison.Ordinal))
            return new(text, CallablePatternKind.Tree, text[..^3]);
        if (text.EndsWith(".*", StringComparison.Ordinal))
            return new(text, CallablePatternKind.Module, text[..^2]);
        if (text.StartsWith("*.", StringComparison.Ordinal))
            return new(text, CallablePatternKind.Suffix, text[2..]);
        if (text.EndsWith('*'))
            return new(text, CallablePatternKind.Prefix, text[..^1]);
        if (text.Length == 0 || text.Contains(' ', StringComparison.Ordinal) || text.Contains('*', StringComparison.Ordinal) || !text.Contains('.', StringComparison.Ordinal))
            throw new FormatException($"bad callable pattern '{text}'");
        return new(text, CallablePatternKind.Exact, text);
    }

    /// <summary>True when the pattern covers <paramref name="module"/>.<paramref name="name"/> (<paramref name="fullName"/>).</summary>
    /// <param name="underExact">For dangerous entries, an exact pattern also covers attributes under the name.</param>
    public bool Matches(string module, string name, string fullName, bool underExact) => Kind switch
    {
        CallablePatternKind.Exact => fullName == Target || (underExact && IsUnder(fullName, Target)),
        CallablePatternKind.Module => module == Target || (IsUnder(Target, module) && IsUnder(fullName, Target)),
        CallablePatternKind.Tree => fullName == Target || IsUnder(fullName, Target) || module == Target || IsUnder(module, Target),
        CallablePatternKind.ClassesInTree => (module == Target || IsUnder(module, Target) || IsUnder(fullName, Target)) && IsClassName(name),
        CallablePatternKind.Suffix => fullName.EndsWith("." + Target, StringComparison.Ordinal),
        CallablePatternKind.Prefix => fullName.StartsWith(Target, StringComparison.Ordinal),
        _ => false,
    };

    private static bool IsUnder(string name, string prefix) =>
        name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal);

    private static bool IsClassName(string name)
    {
        // Private classes keep the capital after their underscores (_BinMapper, _CFNode); dunders never match.
        var last = name[(name.LastIndexOf('.') + 1)..].TrimStart('_');
        return last.Length > 0 && char.IsAsciiLetterUpper(last[0]) && !name.Contains("__", StringComparison.Ordinal);
    }
}

/// <summary>The pattern forms of the callable catalogue.</summary>
internal enum CallablePatternKind
{
    Exact,
    Module,
    Tree,
    ClassesInTree,
    Suffix,
    Prefix,
}
