using System.Text;
using System.Text.RegularExpressions;

namespace ModelGate.Formats.Templates;

/// <summary>
/// Statically inspects a Jinja chat template (GGUF <c>tokenizer.chat_template</c>, <c>tokenizer_config.json</c>)
/// for the server-side template injection of CVE-2024-34359: templates rendered in a non-sandboxed jinja2
/// Environment can climb from any object to Python internals (<c>''.__class__.__mro__</c>,
/// <c>cycler.__init__.__globals__.os.popen</c>). The checks follow jinja2's SandboxedEnvironment
/// (<c>is_safe_attribute</c>: no attribute starting with <c>_</c>) plus the spellings that hide such names.
/// Nothing is rendered.
/// </summary>
public static partial class ChatTemplateInspector
{
    /// <summary>Most findings returned for one template; a hostile template could otherwise produce one per byte.</summary>
    public const int MaxFindings = 1000;

    // Globals jinja2 and Flask put in every context whose attributes reach function globals or app state.
    private static readonly HashSet<string> GadgetGlobals = new(StringComparer.Ordinal)
    {
        "cycler", "joiner", "namespace", "lipsum", "self", "config", "request", "url_for", "get_flashed_messages",
        "range", "dict", "session", "g",
    };

    // These have no use in a chat template at all: any reference is a finding.
    private static readonly HashSet<string> AlwaysGadgets = new(StringComparer.Ordinal)
    {
        "lipsum", "self", "config", "request", "url_for", "get_flashed_messages",
    };

    private static readonly HashSet<string> DangerousAttributes = new(StringComparer.Ordinal)
    {
        "popen", "system", "spawnl", "spawnv", "execl", "execv", "execve", "check_output", "check_call", "call", "run",
        "import_module", "load_module", "os", "subprocess", "builtins", "eval", "exec", "getattr", "globals", "locals", "modules",
    };

    private static readonly HashSet<string> DangerousFunctions = new(StringComparer.Ordinal)
    {
        "eval", "exec", "__import__", "import_module", "getattr", "setattr", "compile", "globals", "locals", "vars",
    };

    private static readonly HashSet<string> LoaderStatements = new(StringComparer.Ordinal) { "import", "from", "include", "extends" };

    [GeneratedRegex(@"__[A-Za-z0-9]|[A-Za-z0-9]__")]
    private static partial Regex DunderPattern();

    // \xHH, \uHHHH, \UHHHHHHHH, \NNN (octal) and \N{...} escapes in a string literal's source.
    [GeneratedRegex(@"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{1,3}|N\{[^}]*\})")]
    private static partial Regex EscapePattern();

    /// <summary>Every suspicious construct in <paramref name="template"/>, in source order.</summary>
    public static IReadOnlyList<TemplateFinding> Inspect(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var lines = new LineMap(template);
        var findings = new List<TemplateFinding>();
        foreach (var tag in JinjaTokenizer.Tokenize(template))
        {
            var snippet = Snippet(template, tag);
            void Add(TemplateFindingKind kind, int position, string message)
            {
                if (findings.Count >= MaxFindings)
                    return;
                var (line, column) = lines.Locate(position);
                findings.Add(new TemplateFinding(kind, message, line, column, snippet));
            }
            InspectTag(tag, Add);
            if (findings.Count >= MaxFindings)
                break;
        }
        return findings;
    }

    private static void InspectTag(JinjaTag tag, Action<TemplateFindingKind, int, string> add)
    {
        var t = tag.Tokens;
        if (tag.Kind == JinjaTagKind.Statement && t.Count > 0 && t[0].Kind == JinjaTokenKind.Name && LoaderStatements.Contains(t[0].Text))
            add(TemplateFindingKind.LoaderStatement, t[0].Position, $"'{{% {t[0].Text} %}}' loads other templates; chat templates have no loader");

        for (var i = 0; i < t.Count; i++)
        {
            var token = t[i];
            var previous = i > 0 ? t[i - 1] : default;
            var next = i + 1 < t.Count ? t[i + 1] : default;
            var afterDot = i > 0 && previous.Is(".");
            switch (token.Kind)
            {
                case JinjaTokenKind.Name:
                    InspectName(t, i, afterDot, previous, next, add);
                    break;
                case JinjaTokenKind.String:
                    InspectString(t, i, previous, next, add);
                    break;
                case JinjaTokenKind.Operator when token.Text is "~" or "+":
                    InspectConcatenation(t, i, add);
                    break;
            }
        }
    }

    private static void InspectName(IReadOnlyList<JinjaToken> t, int i, bool afterDot, JinjaToken previous, JinjaToken next,
        Action<TemplateFindingKind, int, string> add)
    {
        var token = t[i];
        var name = token.Text;
        if (afterDot)
        {
            if (name.StartsWith('_'))
                add(TemplateFindingKind.UnderscoreAttribute, token.Position, $"attribute '{name}' starts with '_'; the jinja2 sandbox refuses it");
            if (DangerousAttributes.Contains(name))
                add(TemplateFindingKind.DangerousCall, token.Position, $"attribute '{name}' reaches code execution");
            return;
        }
        if (previous.Is("|") && name == "attr")
        {
            InspectAttrFilter(t, i, add);
            return;
        }
        if (previous.Is("|") && name is "join" or "format")
            return;
        if (name.StartsWith("__", StringComparison.Ordinal))
            add(TemplateFindingKind.DunderName, token.Position, $"name '{name}' is a Python dunder");
        if (DangerousFunctions.Contains(name) && next.Is("("))
            add(TemplateFindingKind.DangerousCall, token.Position, $"call to '{name}' runs or imports code");
        if (AlwaysGadgets.Contains(name) && !next.Is("="))
            add(TemplateFindingKind.GadgetGlobal, token.Position, $"'{name}' is a global whose attributes reach Python internals; chat templates never need it");
        else if (GadgetGlobals.Contains(name) && (next.Is(".") || next.Is("[") || (next.Is("|") && i + 2 < t.Count && t[i + 2].IsName("attr"))))
            add(TemplateFindingKind.GadgetGlobal, token.Position, $"attribute access on the global '{name}' reaches Python internals");
    }

    private static void InspectAttrFilter(IReadOnlyList<JinjaToken> t, int i, Action<TemplateFindingKind, int, string> add)
    {
        var token = t[i];
        if (i + 3 < t.Count && t[i + 1].Is("(") && t[i + 2].Kind == JinjaTokenKind.String && t[i + 3].Is(")"))
        {
            var value = t[i + 2].Value;
            if (value.StartsWith('_'))
                add(TemplateFindingKind.UnderscoreAttribute, token.Position, $"|attr('{Shorten(value)}') reads an attribute starting with '_'");
            return;
        }
        add(TemplateFindingKind.DynamicAttribute, token.Position, "|attr with a computed name: the attribute read cannot be known");
    }

    private static void InspectString(IReadOnlyList<JinjaToken> t, int i, JinjaToken previous, JinjaToken next,
        Action<TemplateFindingKind, int, string> add)
    {
        var token = t[i];
        var value = token.Value;
        if (DunderPattern().IsMatch(value) && value.Contains("__", StringComparison.Ordinal))
            add(TemplateFindingKind.DunderString, token.Position, $"string '{Shorten(value)}' holds a dunder name");
        else if (previous.Is("[") && next.Is("]") && value.StartsWith('_'))
            add(TemplateFindingKind.UnderscoreAttribute, token.Position, $"subscript ['{Shorten(value)}'] reads a name starting with '_'");
        foreach (Match escape in EscapePattern().Matches(token.Text))
        {
            var decoded = DecodeOne(escape.Value);
            if (decoded is { Length: 1 } && (char.IsAsciiLetterOrDigit(decoded[0]) || decoded[0] is '_' or '.'))
            {
                add(TemplateFindingKind.EscapedName, token.Position + escape.Index, $"escape '{escape.Value}' spells '{decoded}', hiding a name from plain reading");
                break;
            }
        }
        if (value.Contains("%c", StringComparison.Ordinal))
            add(TemplateFindingKind.StringBuiltName, token.Position, "'%c' formatting builds characters from numbers");
        if (value.Length > 0 && value.All(c => c == '_') && next.Is("*"))
            add(TemplateFindingKind.StringBuiltName, token.Position, "repeating '_' builds a dunder");
        if (previous.Is("[") && IsJoinedList(t, i))
        {
            var joined = JoinedList(t, i);
            if (joined.StartsWith('_') || joined.Contains("__", StringComparison.Ordinal))
                add(TemplateFindingKind.StringBuiltName, token.Position, $"|join of literals builds '{Shorten(joined)}'");
        }
    }

    // A list literal of strings only, right after '[' at i-1, closed by ']' and followed by |join.
    private static bool IsJoinedList(IReadOnlyList<JinjaToken> t, int i)
    {
        var j = i;
        while (j < t.Count && (t[j].Kind == JinjaTokenKind.String || t[j].Is(",")))
            j++;
        return j + 2 < t.Count && t[j].Is("]") && t[j + 1].Is("|") && t[j + 2].IsName("join")
            && (i < 2 || !(t[i - 2].Kind is JinjaTokenKind.Name || t[i - 2].Is(")") || t[i - 2].Is("]")));
    }

    private static string JoinedList(IReadOnlyList<JinjaToken> t, int i)
    {
        var text = new StringBuilder();
        for (var j = i; j < t.Count && !t[j].Is("]"); j++)
        {
            if (t[j].Kind == JinjaTokenKind.String)
                text.Append(t[j].Value);
        }
        return text.ToString();
    }

    // A run of string literals joined by ~ or + whose whole spells a dunder or a private name.
    private static void InspectConcatenation(IReadOnlyList<JinjaToken> t, int op, Action<TemplateFindingKind, int, string> add)
    {
        if (op == 0 || t[op - 1].Kind != JinjaTokenKind.String || op + 1 >= t.Count || t[op + 1].Kind != JinjaTokenKind.String)
            return;
        // Only the first operator of a run reports.
        if (op >= 2 && t[op - 2].Is(t[op].Text) && op >= 3 && t[op - 3].Kind == JinjaTokenKind.String)
            return;
        var start = op - 1;
        var text = new StringBuilder(t[start].Value);
        var j = op;
        while (j + 1 < t.Count && (t[j].Is("~") || t[j].Is("+")) && t[j + 1].Kind == JinjaTokenKind.String)
        {
            text.Append(t[j + 1].Value);
            j += 2;
        }
        var joined = text.ToString();
        if (joined.Contains("__", StringComparison.Ordinal) || (joined.StartsWith('_') && joined.Length > 1))
            add(TemplateFindingKind.StringBuiltName, t[start].Position, $"concatenation builds '{Shorten(joined)}'");
    }

    private static string? DecodeOne(string escape)
    {
        var body = escape[1..];
        try
        {
            return body[0] switch
            {
                'x' or 'u' or 'U' => char.ConvertFromUtf32(Convert.ToInt32(body[1..], 16)),
                'N' => body.Equals("N{LOW LINE}", StringComparison.OrdinalIgnoreCase) ? "_" : null,
                _ => ((char)Convert.ToInt32(body, 8)).ToString(),
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Snippet(string template, JinjaTag tag)
    {
        var text = template.AsSpan(tag.Start, Math.Min(tag.End - tag.Start, 160)).ToString().ReplaceLineEndings(" ");
        return tag.End - tag.Start > 160 ? text + "..." : text;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private sealed class LineMap
    {
        private readonly List<int> starts = [0];

        public LineMap(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                    starts.Add(i + 1);
            }
        }

        public (int Line, int Column) Locate(int position)
        {
            var index = starts.BinarySearch(position);
            if (index < 0)
                index = ~index - 1;
            return (index + 1, position - starts[index] + 1);
        }
    }
}
