namespace ModelGate.Formats.Templates;

internal enum JinjaTokenKind
{
    Name,
    String,
    Number,
    Operator,
}

/// <summary>
/// A token inside a Jinja tag. For strings, <see cref="Value"/> is the decoded text and <see cref="Text"/>
/// the source (quotes and escapes included).
/// </summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Text, string Value, int Position)
{
    public bool Is(string op) => Kind == JinjaTokenKind.Operator && Text == op;

    public bool IsName(string name) => Kind == JinjaTokenKind.Name && Text == name;
}

internal enum JinjaTagKind
{
    Expression,
    Statement,
}

/// <summary>A <c>{{ }}</c> or <c>{% %}</c> tag: its tokens and its source span (whitespace-control marks excluded from the tokens).</summary>
internal sealed record JinjaTag(JinjaTagKind Kind, int Start, int End, IReadOnlyList<JinjaToken> Tokens);
