namespace ModelGate.Policy;

/// <summary>
/// Path globs for waivers: <c>**</c> any run of characters including '/', <c>*</c> any run without '/',
/// <c>?</c> one character other than '/'; everything else literal. Matched by dynamic programming, so time is
/// bounded by pattern length times path length whatever the pattern.
/// </summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string path)
    {
        // reachable[j]: the pattern prefix consumed so far can end just before path[j].
        var reachable = new bool[path.Length + 1];
        reachable[0] = true;
        var i = 0;
        while (i < pattern.Length)
        {
            var next = new bool[path.Length + 1];
            if (pattern[i] == '*')
            {
                var crossesSlash = i + 1 < pattern.Length && pattern[i + 1] == '*';
                i += crossesSlash ? 2 : 1;
                // "**/" also matches no folder at all, so "**/x" matches "x".
                var optionalSlash = crossesSlash && i < pattern.Length && pattern[i] == '/';
                var carry = false;
                for (var j = 0; j <= path.Length; j++)
                {
                    carry = reachable[j] || (carry && (crossesSlash || path[j - 1] != '/'));
                    next[j] = carry;
                }
                if (optionalSlash)
                {
                    var afterSlash = new bool[path.Length + 1];
                    for (var j = 0; j < path.Length; j++)
                        afterSlash[j + 1] = next[j] && path[j] == '/';
                    for (var j = 0; j <= path.Length; j++)
                        afterSlash[j] |= reachable[j];
                    next = afterSlash;
                    i++;
                }
            }
            else
            {
                var c = pattern[i];
                for (var j = 0; j < path.Length; j++)
                    next[j + 1] = reachable[j] && (c == '?' ? path[j] != '/' : path[j] == c);
                i++;
            }
            reachable = next;
        }
        return reachable[path.Length];
    }
}
