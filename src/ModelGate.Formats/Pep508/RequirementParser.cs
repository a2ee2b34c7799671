namespace ModelGate.Formats.Pep508;

/// <summary>
/// Recursive-descent parser for the PEP 508 grammar (packaging.python.org, "Dependency specifiers"),
/// including the legacy marker variable spellings (<c>os.name</c>, <c>sys.platform</c>, ...) that
/// real metadata still carries. Error offsets are 0-based columns.
/// </summary>
internal ref struct RequirementParser
{
    private const string Format = "pep508";
    private readonly string _text;
    private int _pos;
    private int _depth;

    public RequirementParser(string text)
    {
        if (text.Length > ReaderLimits.MaxRequirementLength)
            throw new MalformedDataException(Format, $"requirement is {text.Length} characters long; the limit is {ReaderLimits.MaxRequirementLength}");
        _text = text;
        _pos = 0;
        _depth = 0;
    }

    public Requirement ParseRequirement()
    {
        SkipWhitespace();
        var name = ReadName();
        SkipWhitespace();
        var extras = Peek() == '[' ? ReadExtras() : [];
        SkipWhitespace();

        string? url = null;
        IReadOnlyList<string> specifiers = [];
        if (Peek() == '@')
        {
            _pos++;
            SkipWhitespace();
            url = ReadUrl();
            // The URL ends at whitespace; a marker after a URL must be separated from it by whitespace,
            // because ';' is a legal URL character.
            var hadSpace = SkipWhitespace();
            if (!AtEnd && (!hadSpace || Peek() != ';'))
                throw Error($"expected end of requirement or ' ;' marker after the URL, found '{Peek()}'");
        }
        else if (Peek() == '(')
        {
            _pos++;
            specifiers = ReadVersionMany();
            SkipWhitespace();
            Expect(')');
        }
        else if (IsComparisonStart(Peek()))
        {
            specifiers = ReadVersionMany();
        }

        SkipWhitespace();
        MarkerExpression? marker = null;
        string? markerText = null;
        if (Peek() == ';')
        {
            _pos++;
            var markerStart = _pos;
            marker = ParseMarkerOr();
            SkipWhitespace();
            markerText = _text[markerStart.._pos].Trim();
        }

        SkipWhitespace();
        if (!AtEnd)
            throw Error($"unexpected '{Peek()}'");
        return new Requirement(_text, name, extras, specifiers, url, marker, markerText);
    }

    /// <summary>Parses a stand-alone marker expression, as found in lockfiles' <c>marker</c> fields.</summary>
    public MarkerExpression ParseMarkerOnly()
    {
        var marker = ParseMarkerOr();
        SkipWhitespace();
        if (!AtEnd)
            throw Error($"unexpected '{Peek()}' in marker");
        return marker;
    }

    private readonly bool AtEnd => _pos >= _text.Length;

    private readonly char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool SkipWhitespace()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
            _pos++;
        return _pos > start;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw Error(AtEnd ? $"expected '{c}' but the requirement ended" : $"expected '{c}', found '{Peek()}'");
        _pos++;
    }

    private readonly MalformedDataException Error(string message) => new(Format, $"column {_pos + 1}: {message}", offset: _pos);

    private string ReadName()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '_' or '.'))
            _pos++;
        var name = _text.AsSpan(start, _pos - start);
        if (name.IsEmpty)
            throw Error(AtEnd ? "expected a package name" : $"expected a package name, found '{Peek()}'");
        if (!PackageName.IsValid(name))
        {
            // Point at the offending character: the first one when it is not a letter or digit, else the last.
            _pos = char.IsAsciiLetterOrDigit(name[0]) ? _pos - 1 : start;
            throw Error($"'{name}' is not a valid package name: it must start and end with a letter or digit");
        }
        return name.ToString();
    }

    private List<string> ReadExtras()
    {
        Expect('[');
        var extras = new List<string>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return extras;
        }
        while (true)
        {
            SkipWhitespace();
            var extra = PackageName.Normalize(ReadName());
            if (!extras.Contains(extra))
                extras.Add(extra);
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect(']');
            return extras;
        }
    }

    private string ReadUrl()
    {
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]))
            _pos++;
        if (_pos == start)
            throw Error("expected a URL after '@'");
        return _text[start.._pos];
    }

    private static bool IsComparisonStart(char c) => c is '<' or '>' or '=' or '!' or '~';

    private List<string> ReadVersionMany()
    {
        var clauses = new List<string>();
        while (true)
        {
            SkipWhitespace();
            var op = ReadVersionOperator() ?? throw Error(AtEnd ? "expected a version operator" : $"expected a version operator, found '{Peek()}'");
            SkipWhitespace();
            var start = _pos;
            // PEP 508 version: letters, digits and - _ . * + ! ; '===' allows any non-space, non-comma run.
            while (_pos < _text.Length && (op == "===" ? !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not (',' or ';' or ')') : IsVersionChar(_text[_pos])))
                _pos++;
            if (_pos == start)
                throw Error($"expected a version after '{op}'");
            clauses.Add(op + _text[start.._pos]);
            SkipWhitespace();
            if (Peek() != ',')
                return clauses;
            _pos++;
        }
    }

    private static bool IsVersionChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*' or '+' or '!';

    private string? ReadVersionOperator()
    {
        // Longest match first: '===' before '==', '<=' before '<'.
        ReadOnlySpan<string> operators = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];
        foreach (var op in operators)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return op;
            }
        }
        return null;
    }

    private MarkerExpression ParseMarkerOr()
    {
        var left = ParseMarkerAnd();
        while (TryKeyword("or"))
            left = new MarkerOr(left, ParseMarkerAnd());
        return left;
    }

    private MarkerExpression ParseMarkerAnd()
    {
        var left = ParseMarkerAtom();
        while (TryKeyword("and"))
            left = new MarkerAnd(left, ParseMarkerAtom());
        return left;
    }

    private MarkerExpression ParseMarkerAtom()
    {
        SkipWhitespace();
        if (Peek() == '(')
        {
            if (++_depth > ReaderLimits.MaxMarkerDepth)
                throw Error($"marker nests deeper than {ReaderLimits.MaxMarkerDepth} parentheses");
            _pos++;
            var inner = ParseMarkerOr();
            SkipWhitespace();
            Expect(')');
            _depth--;
            return inner;
        }
        var left = ReadMarkerValue();
        SkipWhitespace();
        var op = ReadMarkerOperator();
        SkipWhitespace();
        var right = ReadMarkerValue();
        return new MarkerComparison(left, op, right);
    }

    private bool TryKeyword(string keyword)
    {
        var save = _pos;
        SkipWhitespace();
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0)
        {
            var after = _pos + keyword.Length;
            // "and"/"or" must stand alone: "(", whitespace, a quote or the end may follow.
            if (after >= _text.Length || _text[after] is ' ' or '\t' or '(' or '"' or '\'')
            {
                _pos = after;
                return true;
            }
        }
        _pos = save;
        return false;
    }

    private string ReadMarkerOperator()
    {
        var op = ReadVersionOperator();
        if (op is not null)
            return op;
        if (TryKeyword("in"))
            return "in";
        if (TryKeyword("not"))
        {
            if (TryKeyword("in"))
                return "not in";
            throw Error("expected 'in' after 'not'");
        }
        throw Error(AtEnd ? "expected a marker operator but the marker ended" : $"expected a marker operator, found '{Peek()}'");
    }

    private MarkerValue ReadMarkerValue()
    {
        var c = Peek();
        if (c is '"' or '\'')
        {
            var start = _pos + 1;
            var end = _text.IndexOf(c, start);
            if (end < 0)
                throw Error("unterminated string in marker");
            _pos = end + 1;
            return new MarkerValue(_text[start..end], IsVariable: false);
        }
        var nameStart = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.'))
            _pos++;
        var name = _text[nameStart.._pos];
        if (name.Length == 0)
            throw Error(AtEnd ? "expected a marker variable or string but the marker ended" : $"expected a marker variable or string, found '{Peek()}'");
        var canonical = CanonicalVariable(name);
        if (canonical is null)
        {
            _pos = nameStart;
            throw Error($"unknown marker variable '{name}'");
        }
        return new MarkerValue(canonical, IsVariable: true);
    }

    // Legacy dotted spellings accepted by pip, mapped onto the PEP 508 names.
    private static string? CanonicalVariable(string name) => name switch
    {
        "os.name" => "os_name",
        "sys.platform" => "sys_platform",
        "platform.version" => "platform_version",
        "platform.machine" => "platform_machine",
        "platform.python_implementation" or "python_implementation" => "platform_python_implementation",
        _ when MarkerEnvironment.KnownVariables.Contains(name) => name,
        _ => null,
    };
}
