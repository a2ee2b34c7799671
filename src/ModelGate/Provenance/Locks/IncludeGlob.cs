namespace ModelGate.Provenance.Locks;

/// <summary>
/// Include patterns matched the way huggingface_hub matches <c>allow_patterns</c> (utils/_paths.py,
/// <c>filter_repo_objects</c>): Python's <c>fnmatch.fnmatch</c> over the whole '/'-separated path, so
/// <c>*</c> and <c>?</c> also match '/', <c>[seq]</c> and <c>[!seq]</c> are character sets, an unclosed
/// <c>[</c> is literal, and a pattern ending with '/' matches everything under that folder. Case-sensitive,
/// as fnmatch is on POSIX. Matching is iterative (no regular expressions, no exponential backtracking).
/// </summary>
internal sealed class IncludeGlob
{
    private readonly Token[] _tokens;

    private IncludeGlob(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
    }

    public string Pattern { get; }

    public static IncludeGlob Parse(string pattern)
    {
        // huggingface_hub's _add_wildcard_to_directories: "folder/" means "folder/*".
        var effective = pattern.EndsWith('/') ? pattern + "*" : pattern;
        return new IncludeGlob(pattern, Tokenize(effective));
    }

    /// <summary>True when there are no patterns (everything is included) or one of them matches.</summary>
    public static bool MatchesAny(IReadOnlyList<string> patterns, string path)
    {
        if (patterns.Count == 0)
            return true;
        foreach (var pattern in patterns)
        {
            if (Parse(pattern).IsMatch(path))
                return true;
        }
        return false;
    }

    /// <summary>True when there are no globs or one of them matches; for many paths, parse the patterns once.</summary>
    public static bool MatchesAny(IReadOnlyList<IncludeGlob> globs, string path)
    {
        if (globs.Count == 0)
            return true;
        foreach (var glob in globs)
        {
            if (glob.IsMatch(path))
                return true;
        }
        return false;
    }

    public bool IsMatch(string path)
    {
        var tokens = _tokens;
        int t = 0, p = 0;
        int starToken = -1, starPath = 0;
        while (p < path.Length)
        {
            if (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
            {
                starToken = t++;
                starPath = p;
            }
            else if (t < tokens.Length && tokens[t].Matches(path[p]))
            {
                t++;
                p++;
            }
            else if (starToken >= 0)
            {
                // A '*' matches any run of characters, so retrying from the latest star is enough.
                t = starToken + 1;
                p = ++starPath;
            }
            else
            {
                return false;
            }
        }
        while (t < tokens.Length && tokens[t].Kind == TokenKind.Star)
            t++;
        return t == tokens.Length;
    }

    public override string ToString() => Pattern;

    private static Token[] Tokenize(string pattern)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i++];
            switch (c)
            {
                case '*':
                    if (tokens.Count == 0 || tokens[^1].Kind != TokenKind.Star)
                        tokens.Add(new Token(TokenKind.Star, default, null, false));
                    break;
                case '?':
                    tokens.Add(new Token(TokenKind.Any, default, null, false));
                    break;
                case '[':
                    tokens.Add(ParseSet(pattern, ref i));
                    break;
                default:
                    tokens.Add(new Token(TokenKind.Literal, c, null, false));
                    break;
            }
        }
        return [.. tokens];
    }

    /// <summary>
    /// A set after '[' as fnmatch.translate reads it: an optional '!', then a ']' right at the start is a
    /// member, then up to the next ']'. Without a closing ']' the '[' is a literal character.
    /// </summary>
    private static Token ParseSet(string pattern, ref int i)
    {
        var j = i;
        if (j < pattern.Length && pattern[j] == '!')
            j++;
        if (j < pattern.Length && pattern[j] == ']')
            j++;
        while (j < pattern.Length && pattern[j] != ']')
            j++;
        if (j >= pattern.Length)
            return new Token(TokenKind.Literal, '[', null, false);

        var body = pattern.AsSpan(i, j - i);
        i = j + 1;
        var negated = body.Length > 0 && body[0] == '!';
        if (negated)
            body = body[1..];
        var ranges = new List<(char Low, char High)>();
        for (var k = 0; k < body.Length; k++)
        {
            // "a-z" is a range unless the '-' is the set's last character; a reversed range matches nothing (fnmatch drops it).
            if (k + 2 < body.Length && body[k + 1] == '-')
            {
                if (body[k] <= body[k + 2])
                    ranges.Add((body[k], body[k + 2]));
                k += 2;
            }
            else
            {
                ranges.Add((body[k], body[k]));
            }
        }
        return new Token(TokenKind.Set, default, [.. ranges], negated);
    }

    private enum TokenKind
    {
        Literal,
        Any,
        Star,
        Set,
    }

    private readonly record struct Token(TokenKind Kind, char Literal, (char Low, char High)[]? Ranges, bool Negated)
    {
        public bool Matches(char c)
        {
            switch (Kind)
            {
                case TokenKind.Literal:
                    return c == Literal;
                case TokenKind.Any:
                    return true;
                case TokenKind.Set:
                    var inSet = false;
                    foreach (var (low, high) in Ranges!)
                    {
                        if (c >= low && c <= high)
                        {
                            inSet = true;
                            break;
                        }
                    }
                    return inSet != Negated;
                default:
                    return false;
            }
        }
    }
}
