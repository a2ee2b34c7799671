using System.Text;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// Reads a pip requirements file ("Requirements File Format", pip's <c>req_file.py</c>) in one linear
/// pass: lines are split like Python's <c>splitlines</c> for <c>\n</c>, <c>\r\n</c> and <c>\r</c>, joined on a
/// trailing backslash, stripped of comments, and each logical line is parsed into entries. Bad lines
/// become <see cref="RequirementsError"/> entries; reading never stops early and never throws.
/// </summary>
public static class RequirementsReader
{
    public static RequirementsFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<RequirementsEntry>();
        var comments = new List<RequirementsComment>();
        var joiner = new LineJoiner(entries, comments);
        var pos = 0;
        var lineNumber = 0;
        while (pos < text.Length)
        {
            var rest = text.AsSpan(pos);
            var end = rest.IndexOfAny('\r', '\n');
            ReadOnlySpan<char> line;
            if (end < 0)
            {
                line = rest;
                pos = text.Length;
            }
            else
            {
                line = rest[..end];
                pos += end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            }
            lineNumber++;
            joiner.Add(line, lineNumber);
        }
        joiner.Flush();
        return new RequirementsFile(entries, comments);
    }

    /// <summary>
    /// pip's <c>join_lines</c>: a line ending in <c>\</c> continues on the next one (the backslashes at both
    /// ends are stripped, other whitespace is kept); a comment line ends the continuation and is part of it,
    /// which is how pip-compile's <c># via</c> after a run of <c>--hash</c> lines is read.
    /// </summary>
    private sealed class LineJoiner(List<RequirementsEntry> entries, List<RequirementsComment> comments)
    {
        private readonly StringBuilder _joined = new();
        private readonly List<(int Offset, int Line)> _segments = [];
        private int _primary;
        private bool _joining;
        private bool _tooLong;
        private long _length;
        private int _lastAdded;

        public void Add(ReadOnlySpan<char> line, int lineNumber)
        {
            var isComment = IsCommentLine(line);
            if (!line.EndsWith('\\') || isComment)
            {
                if (_joining)
                {
                    Append(line, lineNumber, isComment);
                    Flush();
                }
                else if (line.Length <= ReaderLimits.MaxLogicalLineLength)
                {
                    // The common case, a line on its own: no joining buffer needed.
                    _primary = lineNumber;
                    ProcessLogicalLine(line.ToString(), []);
                }
                else
                {
                    _primary = lineNumber;
                    Append(line, lineNumber, isComment);
                    Flush();
                }
                return;
            }
            if (!_joining)
            {
                _joining = true;
                _primary = lineNumber;
            }
            Append(line.Trim('\\'), lineNumber, isComment: false);
        }

        public void Flush()
        {
            if (_segments.Count == 0 && !_tooLong)
            {
                _joining = false;
                return;
            }
            if (_tooLong)
            {
                entries.Add(new RequirementsError(_primary,
                    $"logical line is {_length} characters long; the limit is {ReaderLimits.MaxLogicalLineLength}, so it was not read")
                { LastLine = _lastAdded });
            }
            else
            {
                ProcessLogicalLine(_joined.ToString(), _segments);
            }
            _joined.Clear();
            _segments.Clear();
            _joining = false;
            _tooLong = false;
            _length = 0;
        }

        private void Append(ReadOnlySpan<char> segment, int lineNumber, bool isComment)
        {
            // A comment line inside a continuation is prefixed with a space so it is still a comment
            // once joined (pip does the same).
            var extra = isComment && _joining ? 1 : 0;
            _lastAdded = lineNumber;
            _length += segment.Length + extra;
            if (_tooLong || _length > ReaderLimits.MaxLogicalLineLength)
            {
                _tooLong = true;
                return;
            }
            _segments.Add((_joined.Length, lineNumber));
            if (extra == 1)
                _joined.Append(' ');
            _joined.Append(segment);
        }

        private void ProcessLogicalLine(string text, List<(int Offset, int Line)> segments)
        {
            var commentStart = FindComment(text);
            var content = text;
            if (commentStart >= 0)
            {
                comments.Add(new RequirementsComment(LineAt(segments, commentStart), text[(commentStart + 1)..]));
                content = text[..commentStart];
            }
            content = content.Trim();
            if (content.Length == 0)
                return;
            var first = entries.Count;
            RequirementsLineParser.Parse(content, _primary, entries);
            var last = segments.Count > 0 ? segments[^1].Line : _primary;
            if (last != _primary)
            {
                for (var i = first; i < entries.Count; i++)
                    entries[i] = entries[i] with { LastLine = last };
            }
        }

        private int LineAt(List<(int Offset, int Line)> segments, int offset)
        {
            var line = _primary;
            foreach (var (start, number) in segments)
            {
                if (start > offset)
                    break;
                line = number;
            }
            return line;
        }

        // pip's COMMENT_RE, (^|\s+)#.*$: a '#' at the start or after whitespace starts a comment; one inside
        // a word (a URL's "#egg=" fragment) does not.
        private static int FindComment(string text)
        {
            var i = text.IndexOf('#', StringComparison.Ordinal);
            while (i >= 0)
            {
                if (i == 0 || char.IsWhiteSpace(text[i - 1]))
                    return i;
                i = text.IndexOf('#', i + 1);
            }
            return -1;
        }

        private static bool IsCommentLine(ReadOnlySpan<char> line)
        {
            var trimmed = line.TrimStart();
            return trimmed.Length > 0 && trimmed[0] == '#';
        }
    }
}
