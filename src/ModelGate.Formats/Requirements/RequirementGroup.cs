using System.Text;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// The physical lines of one logical requirement line (pip's <c>join_lines</c>: each line but the last ends
/// in a backslash; the last may be a comment line, which ends a continuation), edited in place. A line set
/// to null is removed. Positions are found on the same terms the reader uses: a comment starts at a
/// <c>#</c> at the start or after whitespace (pip's <c>COMMENT_RE</c>), trailing backslashes are not
/// content, and the requirement ends at the first <c>;</c> or at the first word that starts with
/// <c>-</c> (pip's <c>break_args_options</c>).
/// </summary>
internal sealed class RequirementGroup
{
    private const string Indent = "    ";

    private readonly bool _lastIsComment;
    private readonly bool _originalLastCodeContinues;

    public RequirementGroup(int firstLine, List<string> lines)
    {
        FirstLine = firstLine;
        Lines = [.. lines];
        _lastIsComment = lines.Count > 1 && lines[^1].AsSpan().TrimStart().StartsWith("#");
        _originalLastCodeContinues = lines[CodeLineCount - 1].EndsWith('\\');
    }

    public int FirstLine { get; }

    public List<string?> Lines { get; }

    /// <summary>Index in <see cref="Lines"/> after which <see cref="Inserted"/> goes; -1 for none.</summary>
    public int InsertAfter { get; private set; } = -1;

    public List<string> Inserted { get; } = [];

    private int CodeLineCount => _lastIsComment ? Lines.Count - 1 : Lines.Count;

    /// <summary>The <c>==</c>/<c>===</c> clauses of the requirement part, where they stand.</summary>
    public List<PinClause> FindPinClauses()
    {
        var clauses = new List<PinClause>();
        var comment = FindComment();
        var prev = '\0';
        for (var i = 0; i < CodeLineCount; i++)
        {
            if (Lines[i] is not string content)
                continue;
            var end = ActiveEnd(i, content, comment);
            for (var j = 0; j < end; j++)
            {
                var c = content[j];
                if (c == ';' || (c == '-' && prev == ' '))
                    return clauses;
                if (c == '=' && j + 1 < end && content[j + 1] == '=' && prev is not ('<' or '>' or '!' or '=' or '~'))
                {
                    var operatorLength = j + 2 < end && content[j + 2] == '=' ? 3 : 2;
                    var k = j + operatorLength;
                    while (k < end && content[k] is ' ' or '\t')
                        k++;
                    var versionStart = k;
                    while (k < end && !char.IsWhiteSpace(content[k]) && content[k] is not (',' or ';' or ')' or '#' or '\\'))
                        k++;
                    clauses.Add(new PinClause(i, j, operatorLength, versionStart, k - versionStart));
                    prev = content[k - 1];
                    j = k - 1;
                    continue;
                }
                prev = c;
            }
        }
        return clauses;
    }

    public void Replace(PinClause clause, string newVersion)
    {
        var content = Lines[clause.Line]!;
        Lines[clause.Line] = string.Concat(content.AsSpan(0, clause.VersionStart), newVersion, content.AsSpan(clause.VersionStart + clause.VersionLength));
    }

    public static string VersionText(string content, PinClause clause) => content.Substring(clause.VersionStart, clause.VersionLength);

    public static string OperatorText(string content, PinClause clause) => content.Substring(clause.OperatorStart, clause.OperatorLength);

    /// <summary>
    /// Removes every <c>--hash</c> option (<c>--hash=v</c> or <c>--hash v</c>, or an unambiguous prefix as
    /// optparse allows) from the active part of the lines; a line left with nothing but whitespace and its
    /// backslash is removed. Returns the number removed, or -1 when an option's value stands on another line.
    /// </summary>
    public int RemoveHashes()
    {
        var removed = 0;
        for (var i = 0; i < CodeLineCount; i++)
        {
            if (Lines[i] is not string content)
                continue;
            var words = Words(content, ActiveEnd(i, content, FindComment()));
            var spans = new List<(int Start, int End)>();
            for (var k = 0; k < words.Count; k++)
            {
                var (start, end) = words[k];
                var word = content[start..end];
                if (!word.StartsWith("--", StringComparison.Ordinal))
                    continue;
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                var spec = RequirementsOptions.FindLong(eq >= 0 ? word[..eq] : word, out _);
                if (spec?.LongName != RequirementsOptions.Hash)
                    continue;
                if (eq < 0)
                {
                    if (k + 1 >= words.Count)
                        return -1;
                    end = words[++k].End;
                }
                spans.Add((start, end));
            }
            if (spans.Count == 0)
                continue;
            for (var s = spans.Count - 1; s >= 0; s--)
                content = Cut(content, spans[s].Start, spans[s].End);
            removed += spans.Count;
            Lines[i] = i > 0 && content.TrimEnd('\\').AsSpan().IsWhiteSpace() ? null : content;
        }
        return removed;
    }

    /// <summary>
    /// The last remaining code line keeps a trailing backslash only when the original last code line had
    /// one (it continued into a comment line or the end of the file); otherwise the backslash would now
    /// join the next requirement to this one.
    /// </summary>
    public void FixContinuation()
    {
        var last = LastCodeLine();
        var content = Lines[last]!;
        if (content.EndsWith('\\') && !_originalLastCodeContinues)
            Lines[last] = content.TrimEnd('\\').TrimEnd(' ', '\t');
    }

    /// <summary>
    /// pip-compile's layout: the requirement line ends in <c> \</c>, each hash follows on its own line as
    /// <c>    --hash=algo:hex</c>, all but the last ending in <c> \</c>. An inline comment on the last code line
    /// would swallow the continuation (pip joins lines before it strips comments), so it moves below the
    /// hashes as its own line, indented like pip-compile's <c># via</c> annotations. Returns the moved comment,
    /// or null; throws <see cref="InvalidOperationException"/> when a comment starts before the last code line
    /// (a continued comment, whose meaning would change).
    /// </summary>
    public string? AppendHashes(IReadOnlyList<string> hashes)
    {
        var last = LastCodeLine();
        var content = Lines[last]!;
        string? moved = null;
        if (FindComment() is { } comment)
        {
            if (comment.Line != last)
                throw new InvalidOperationException($"the comment on line {FirstLine + comment.Line} is continued by a backslash onto the next line");
            moved = content[comment.Column..].TrimEnd();
            content = content[..comment.Column];
        }
        content = content.TrimEnd(' ', '\t').TrimEnd('\\').TrimEnd(' ', '\t');
        Lines[last] = content + " \\";
        InsertAfter = last;
        for (var k = 0; k < hashes.Count; k++)
            Inserted.Add(Indent + "--hash=" + hashes[k] + (k < hashes.Count - 1 ? " \\" : ""));
        if (moved is not null)
            Inserted.Add(Indent + moved);
        return moved;
    }

    /// <summary>The group as text on its own (lines joined by <c>\n</c>), for re-reading to verify an edit.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i] is not string content)
                continue;
            sb.Append(content).Append('\n');
            if (i == InsertAfter)
            {
                foreach (var line in Inserted)
                    sb.Append(line).Append('\n');
            }
        }
        return sb.ToString();
    }

    private int LastCodeLine()
    {
        for (var i = CodeLineCount - 1; i > 0; i--)
        {
            if (Lines[i] is not null)
                return i;
        }
        return 0;
    }

    private (int Line, int Column)? FindComment()
    {
        var prev = '\0';
        for (var i = 0; i < CodeLineCount; i++)
        {
            if (Lines[i] is not string content)
                continue;
            var end = content.EndsWith('\\') ? content.TrimEnd('\\').Length : content.Length;
            for (var j = 0; j < end; j++)
            {
                if (content[j] == '#' && (j > 0 ? char.IsWhiteSpace(content[j - 1]) : prev == '\0' || char.IsWhiteSpace(prev)))
                    return (i, j);
            }
            if (end > 0)
                prev = content[end - 1];
        }
        return null;
    }

    private static int ActiveEnd(int line, string content, (int Line, int Column)? comment)
    {
        if (comment is { } c && c.Line < line)
            return 0;
        if (comment is { } d && d.Line == line)
            return d.Column;
        return content.EndsWith('\\') ? content.TrimEnd('\\').Length : content.Length;
    }

    // Whitespace-separated words; a quoted stretch belongs to its word (shlex keeps it together).
    private static List<(int Start, int End)> Words(string content, int end)
    {
        var words = new List<(int, int)>();
        var j = 0;
        while (j < end)
        {
            while (j < end && char.IsWhiteSpace(content[j]))
                j++;
            if (j >= end)
                break;
            var start = j;
            while (j < end && !char.IsWhiteSpace(content[j]))
            {
                if (content[j] is '\'' or '"')
                {
                    var close = content.IndexOf(content[j], j + 1);
                    j = close < 0 || close >= end ? end : close + 1;
                }
                else
                {
                    j++;
                }
            }
            words.Add((start, j));
        }
        return words;
    }

    // An option that begins its line takes the whitespace after it; otherwise the whitespace before it, so
    // "pkg==1.0 --hash=x" becomes "pkg==1.0" and "    --hash=x --config-settings=y" keeps its indentation.
    private static string Cut(string content, int start, int end)
    {
        if (content.AsSpan(0, start).IsWhiteSpace())
        {
            while (end < content.Length && content[end] is ' ' or '\t')
                end++;
        }
        else
        {
            while (start > 0 && content[start - 1] is ' ' or '\t')
                start--;
        }
        return string.Concat(content.AsSpan(0, start), content.AsSpan(end));
    }
}

/// <summary>Where a <c>==V</c> or <c>===V</c> clause stands: the group's line index, then columns.</summary>
internal readonly record struct PinClause(int Line, int OperatorStart, int OperatorLength, int VersionStart, int VersionLength);
