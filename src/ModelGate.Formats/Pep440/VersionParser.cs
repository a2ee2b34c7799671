namespace ModelGate.Formats.Pep440;

/// <summary>
/// Hand-written parser for the permissive PEP 440 grammar (Version specifiers spec, Appendix: Parsing version
/// strings with regular expressions), case-insensitive, surrounded by optional whitespace:
/// <code>
/// v? (N!)? N(.N)*
///    ([-_.]? (a|b|c|rc|alpha|beta|pre|preview) [-_.]? N?)?
///    ( -N | [-_.]? (post|rev|r) [-_.]? N? )?
///    ([-_.]? dev [-_.]? N?)?
///    (+ [a-z0-9]+ ([-_.][a-z0-9]+)*)?
/// </code>
/// Each part is taken greedily (the longest spelling, all digits, the trailing separator); no later part can
/// start with a digit or need a separator the earlier part took, so this accepts exactly what the regular
/// expression accepts and splits it the same way.
/// </summary>
internal static class VersionParser
{
    public static VersionParseError TryParse(ReadOnlySpan<char> input, string? original, out PythonVersion? version, out int errorIndex)
    {
        version = null;
        errorIndex = 0;
        if (input.Length > ReaderLimits.MaxRequirementLength)
            return VersionParseError.TooLong;

        var offset = 0;
        var end = input.Length;
        while (offset < end && IsWhitespace(input[offset]))
            offset++;
        while (end > offset && IsWhitespace(input[end - 1]))
            end--;
        if (offset == end)
            return VersionParseError.Empty;
        var s = input[offset..end];

        // PEP 440, Preceding v character.
        var pos = s[0] is 'v' or 'V' ? 1 : 0;

        var numberStart = pos;
        pos = SkipDigits(s, pos);
        if (pos == numberStart)
            return Fail(VersionParseError.ExpectedDigit, offset + pos, out errorIndex);

        // PEP 440, Version epochs: E!X.Y.
        var epoch = VersionNumber.Zero;
        if (pos < s.Length && s[pos] == '!')
        {
            epoch = VersionNumber.FromDigits(s[numberStart..pos]);
            numberStart = ++pos;
            pos = SkipDigits(s, pos);
            if (pos == numberStart)
                return Fail(VersionParseError.ExpectedDigit, offset + pos, out errorIndex);
        }

        // PEP 440, Final releases: N(.N)*.
        var releaseStart = numberStart;
        var head = new ReleaseHead();
        head[0] = VersionNumber.FromDigits(s[numberStart..pos]);
        var count = 1;
        var tailIsZero = true;
        while (pos + 1 < s.Length && s[pos] == '.' && char.IsAsciiDigit(s[pos + 1]))
        {
            if (count == ReaderLimits.MaxReleaseSegments)
                return VersionParseError.TooManyReleaseSegments;
            var segmentStart = pos + 1;
            pos = SkipDigits(s, segmentStart);
            if (count < PythonVersion.PackedReleaseSegments)
                head[count] = VersionNumber.FromDigits(s[segmentStart..pos]);
            else
                tailIsZero &= !s[segmentStart..pos].ContainsAnyExcept('0');
            count++;
        }
        var release = s[releaseStart..pos];

        // PEP 440, Pre-release separators, spelling and implicit number.
        var preKind = PythonVersion.NoPre;
        var pre = VersionNumber.Zero;
        var p = SkipSeparator(s, pos);
        var labelLength = MatchPreLabel(s, p, out var kind);
        if (labelLength > 0)
        {
            preKind = kind;
            pos = ReadOptionalNumber(s, p + labelLength, out pre);
        }

        // PEP 440, Post-releases: implicit "-N", or a separator, post|rev|r, an optional number.
        var hasPost = false;
        var post = VersionNumber.Zero;
        if (pos + 1 < s.Length && s[pos] == '-' && char.IsAsciiDigit(s[pos + 1]))
        {
            hasPost = true;
            var digitsStart = pos + 1;
            pos = SkipDigits(s, digitsStart);
            post = VersionNumber.FromDigits(s[digitsStart..pos]);
        }
        else
        {
            p = SkipSeparator(s, pos);
            labelLength = MatchPostLabel(s, p);
            if (labelLength > 0)
            {
                hasPost = true;
                pos = ReadOptionalNumber(s, p + labelLength, out post);
            }
        }

        // PEP 440, Developmental releases: a separator, dev, an optional number.
        var hasDev = false;
        var dev = VersionNumber.Zero;
        p = SkipSeparator(s, pos);
        if (MatchesWord(s, p, "dev"))
        {
            hasDev = true;
            pos = ReadOptionalNumber(s, p + 3, out dev);
        }

        // PEP 440, Local version identifiers.
        string? local = null;
        if (pos < s.Length && s[pos] == '+')
        {
            if (!LocalVersionLabel.TryNormalize(s[(pos + 1)..], out local, out var localError))
                return Fail(VersionParseError.InvalidLocalLabel, offset + pos + 1 + localError, out errorIndex);
            pos = s.Length;
        }

        if (pos != s.Length)
            return Fail(VersionParseError.UnexpectedCharacter, offset + pos, out errorIndex);

        ReadOnlySpan<VersionNumber> headNumbers = head;
        version = PythonVersion.Create(
            original ?? input.ToString(), epoch, headNumbers[..Math.Min(count, PythonVersion.PackedReleaseSegments)], count, tailIsZero,
            release, null, preKind, pre, hasPost, post, hasDev, dev, local);
        return VersionParseError.None;
    }

    /// <summary>PEP 440, Leading and Trailing Whitespace: space, \t, \n, \r, \f and \v.</summary>
    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    internal static ReadOnlySpan<char> TrimWhitespace(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsWhitespace(text[start]))
            start++;
        while (end > start && IsWhitespace(text[end - 1]))
            end--;
        return text[start..end];
    }

    private static VersionParseError Fail(VersionParseError error, int index, out int errorIndex)
    {
        errorIndex = index;
        return error;
    }

    private static int SkipDigits(ReadOnlySpan<char> s, int pos)
    {
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            pos++;
        return pos;
    }

    private static int SkipSeparator(ReadOnlySpan<char> s, int pos) =>
        pos < s.Length && s[pos] is '.' or '-' or '_' ? pos + 1 : pos;

    /// <summary>After a label: an optional separator, then optional digits (0 when absent).</summary>
    private static int ReadOptionalNumber(ReadOnlySpan<char> s, int pos, out VersionNumber number)
    {
        pos = SkipSeparator(s, pos);
        var start = pos;
        pos = SkipDigits(s, pos);
        number = pos == start ? VersionNumber.Zero : VersionNumber.FromDigits(s[start..pos]);
        return pos;
    }

    private static int MatchPreLabel(ReadOnlySpan<char> s, int pos, out sbyte kind)
    {
        kind = PythonVersion.NoPre;
        if (pos >= s.Length)
            return 0;
        switch (s[pos] | 0x20)
        {
            case 'a':
                kind = (sbyte)PreReleaseKind.Alpha;
                return MatchesWord(s, pos, "alpha") ? 5 : 1;
            case 'b':
                kind = (sbyte)PreReleaseKind.Beta;
                return MatchesWord(s, pos, "beta") ? 4 : 1;
            case 'c':
                kind = (sbyte)PreReleaseKind.ReleaseCandidate;
                return 1;
            case 'r' when MatchesWord(s, pos, "rc"):
                kind = (sbyte)PreReleaseKind.ReleaseCandidate;
                return 2;
            case 'p' when MatchesWord(s, pos, "pre"):
                kind = (sbyte)PreReleaseKind.ReleaseCandidate;
                return MatchesWord(s, pos, "preview") ? 7 : 3;
            default:
                return 0;
        }
    }

    private static int MatchPostLabel(ReadOnlySpan<char> s, int pos)
    {
        if (pos >= s.Length)
            return 0;
        return (s[pos] | 0x20) switch
        {
            'p' => MatchesWord(s, pos, "post") ? 4 : 0,
            'r' => MatchesWord(s, pos, "rev") ? 3 : 1,
            _ => 0,
        };
    }

    /// <summary>ASCII case-insensitive match of a lowercase word at <paramref name="pos"/>.</summary>
    private static bool MatchesWord(ReadOnlySpan<char> s, int pos, string word)
    {
        if (pos + word.Length > s.Length)
            return false;
        for (var i = 0; i < word.Length; i++)
        {
            if ((s[pos + i] | 0x20) != word[i])
                return false;
        }
        return true;
    }
}
