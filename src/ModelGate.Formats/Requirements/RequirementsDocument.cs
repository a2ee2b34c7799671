using System.Text;

namespace ModelGate.Formats.Requirements;

/// <summary>
/// A requirements file's physical lines, each with its own terminator, plus what <see cref="RequirementsReader"/>
/// read from them. Lines are split exactly as the reader splits them (<c>\r\n</c>, <c>\r</c>, <c>\n</c>) so
/// the reader's line numbers index this list; edits replace, remove or add lines and <see cref="Render"/>
/// puts back every untouched byte, every terminator, and the presence or absence of the final one.
/// </summary>
internal sealed class RequirementsDocument
{
    private readonly List<string> _content = [];
    private readonly List<string> _terminators = [];
    private readonly string?[] _replaced;
    private readonly bool[] _removed;
    private readonly List<string>?[] _inserted;
    private readonly Dictionary<int, RequirementsRequirement> _requirements = [];
    private readonly List<RequirementsEntry> _entries;
    private readonly HashSet<int> _edited = [];

    public RequirementsDocument(string text)
    {
        Original = text;
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.AsSpan(pos).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                _content.Add(text[pos..]);
                _terminators.Add(string.Empty);
                break;
            }
            _content.Add(text.Substring(pos, end));
            var length = text[pos + end] == '\r' && pos + end + 1 < text.Length && text[pos + end + 1] == '\n' ? 2 : 1;
            _terminators.Add(text.Substring(pos + end, length));
            pos += end + length;
        }
        NewLine = _terminators.FirstOrDefault(t => t.Length > 0) ?? "\n";
        _replaced = new string?[_content.Count];
        _removed = new bool[_content.Count];
        _inserted = new List<string>?[_content.Count];
        _entries = [.. RequirementsReader.Read(text).Entries];
        foreach (var entry in _entries)
        {
            if (entry is RequirementsRequirement requirement)
                _requirements.TryAdd(requirement.Line, requirement);
        }
    }

    public string Original { get; }

    /// <summary>The terminator new lines get: the file's first one (pip-compile writes one style throughout), or <c>\n</c>.</summary>
    public string NewLine { get; }

    public int LineCount => _content.Count;

    /// <summary>The original content (without terminator) of a 1-based line.</summary>
    public string this[int line] => _content[line - 1];

    /// <summary>
    /// The requirement whose logical line starts on <paramref name="line"/> and is named <paramref name="packageName"/>
    /// (PEP 503 comparison); otherwise null and <paramref name="why"/> says what is there instead.
    /// </summary>
    public RequirementsRequirement? Find(int line, string packageName, out string why)
    {
        why = string.Empty;
        if (line < 1 || line > _content.Count)
        {
            why = $"line {line} is outside the file ({_content.Count} lines)";
            return null;
        }
        if (!_requirements.TryGetValue(line, out var requirement))
        {
            var container = _entries.FirstOrDefault(e => e.Line < line && e.LastLine >= line);
            why = container is not null
                ? $"line {line} continues the logical line that starts on line {container.Line}; an edit names the line where a requirement starts"
                : _entries.OfType<RequirementsError>().FirstOrDefault(e => e.Line == line) is { } error
                    ? $"line {line} holds no requirement pip can read ({error.Message})"
                    : $"line {line} holds no requirement";
            return null;
        }
        if (requirement.Name is null || !string.Equals(Pep508.PackageName.Normalize(requirement.Name), Pep508.PackageName.Normalize(packageName), StringComparison.Ordinal))
        {
            why = $"line {line} names {requirement.Name ?? "no package"}, not {packageName}";
            return null;
        }
        if (_edited.Contains(line))
        {
            why = $"line {line} was already changed by an earlier edit in the same run";
            return null;
        }
        return requirement;
    }

    /// <summary>The physical lines of a requirement's logical line, ready to edit.</summary>
    public RequirementGroup Group(RequirementsRequirement requirement)
    {
        var lines = new List<string>();
        for (var line = requirement.Line; line <= requirement.LastLine; line++)
            lines.Add(_content[line - 1]);
        return new RequirementGroup(requirement.Line, lines);
    }

    /// <summary>Takes a group's edited lines into the document.</summary>
    public void Commit(RequirementGroup group)
    {
        _edited.Add(group.FirstLine);
        for (var i = 0; i < group.Lines.Count; i++)
        {
            var index = group.FirstLine - 1 + i;
            var content = group.Lines[i];
            if (content is null)
                _removed[index] = true;
            else if (!string.Equals(content, _content[index], StringComparison.Ordinal))
                _replaced[index] = content;
            if (group.InsertAfter == i)
                _inserted[index] = [.. group.Inserted];
        }
    }

    public string Render()
    {
        var sb = new StringBuilder(Original.Length + 256);
        var lastTerminatorLength = 0;
        for (var i = 0; i < _content.Count; i++)
        {
            if (_removed[i])
                continue;
            sb.Append(_replaced[i] ?? _content[i]);
            if (_inserted[i] is { Count: > 0 } inserted)
            {
                foreach (var line in inserted)
                    sb.Append(NewLine).Append(line);
            }
            sb.Append(_terminators[i]);
            lastTerminatorLength = _terminators[i].Length;
        }
        // A file that ended without a terminator still does when its last line was removed.
        if (_terminators.Count > 0 && _terminators[^1].Length == 0 && lastTerminatorLength > 0)
            sb.Length -= lastTerminatorLength;
        return sb.ToString();
    }
}
