using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelGate.Formats.ModelCards;

/// <summary>
/// The front matter read into plain nodes with YamlDotNet's event parser: nothing is constructed from type
/// tags (a tagged node is dropped and reported), aliases are never expanded, nesting and node count are bounded.
/// </summary>
internal static class CardYaml
{
    public const int MaxDepth = 32;
    public const int MaxNodes = 100_000;

    /// <summary>The root node, or null for an empty document. <paramref name="ignored"/> names the first tagged or aliased node dropped.</summary>
    /// <exception cref="CardYamlException">A syntax error or a bound exceeded, with its position.</exception>
    public static CardNode? Parse(string yaml, int firstLine, out string? ignored)
    {
        var state = new State(firstLine);
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                ignored = null;
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = Read(parser, state, 0);
            parser.Consume<DocumentEnd>();
            ignored = state.Ignored;
            return root;
        }
        catch (YamlException ex)
        {
            throw new CardYamlException(firstLine - 1 + (int)ex.Start.Line, (int)ex.Start.Column, Clean(ex.Message));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed flow collections and on global
            // tags that are not URIs (TagName's constructor).
            throw new CardYamlException(state.Line, state.Column, "the YAML cannot be parsed after this point");
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the position is given separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static CardNode? Read(IParser parser, State state, int depth)
    {
        var current = parser.Current ?? throw new CardYamlException(state.Line, state.Column, "the YAML document ended early");
        state.Line = state.FirstLine - 1 + (int)current.Start.Line;
        state.Column = (int)current.Start.Column;
        if (depth > MaxDepth)
            throw new CardYamlException(state.Line, state.Column, $"nested deeper than {MaxDepth} levels");
        if (++state.Nodes > MaxNodes)
            throw new CardYamlException(state.Line, state.Column, $"more than {MaxNodes} YAML nodes");
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            state.Ignored ??= $"line {state.Line}, column {state.Column}: alias *{alias.Value.Value} is not expanded; its value is ignored";
            return null;
        }
        if (current is NodeEvent node && !node.Tag.IsEmpty && !IsPlainStringTag(node.Tag.Value))
        {
            state.Ignored ??= $"line {state.Line}, column {state.Column}: type tag {node.Tag.Value} is not honoured; its value is ignored";
            Skip(parser, state, depth);
            return null;
        }
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new CardNode(state.Line) { Scalar = scalar.Value, Plain = scalar.Style == ScalarStyle.Plain };
            case SequenceStart:
            {
                var line = state.Line;
                parser.MoveNext();
                var items = new List<CardNode>();
                while (parser.Current is not SequenceEnd)
                {
                    if (Read(parser, state, depth + 1) is { } item)
                        items.Add(item);
                }
                parser.MoveNext();
                return new CardNode(line) { Items = items };
            }
            case MappingStart:
            {
                var line = state.Line;
                parser.MoveNext();
                var pairs = new List<KeyValuePair<string, CardNode>>();
                while (parser.Current is not MappingEnd)
                {
                    var key = Read(parser, state, depth + 1);
                    var value = Read(parser, state, depth + 1);
                    if (key?.Scalar is { } name && value is not null)
                        pairs.Add(new(name, value));
                }
                parser.MoveNext();
                return new CardNode(line) { Pairs = pairs };
            }
            default:
                throw new CardYamlException(state.Line, state.Column, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    // "!!str" only says the scalar is a string: harmless, and honoured as such.
    private static bool IsPlainStringTag(string tag) => tag is "tag:yaml.org,2002:str" or "!!str";

    // Skips a tagged node and what it contains without building it; depth still bounded.
    private static void Skip(IParser parser, State state, int depth)
    {
        var level = 0;
        do
        {
            var e = parser.Current ?? throw new CardYamlException(state.Line, state.Column, "the YAML document ended early");
            if (e is SequenceStart or MappingStart)
            {
                if (depth + ++level > MaxDepth)
                    throw new CardYamlException(state.Line, state.Column, $"nested deeper than {MaxDepth} levels");
            }
            else if (e is SequenceEnd or MappingEnd)
            {
                level--;
            }
            parser.MoveNext();
        }
        while (level > 0);
    }

    private sealed class State(int firstLine)
    {
        public int FirstLine { get; } = firstLine;

        public int Line { get; set; } = firstLine;

        public int Column { get; set; } = 1;

        public int Nodes { get; set; }

        public string? Ignored { get; set; }
    }
}

/// <summary>A front-matter node: a scalar, a sequence or a mapping (string keys only), with its 1-based line in the card.</summary>
internal sealed class CardNode(int line)
{
    public int Line { get; } = line;

    public string? Scalar { get; init; }

    /// <summary>Written without quotes, so <c>~</c>, <c>null</c> and an empty value mean null.</summary>
    public bool Plain { get; init; }

    public IReadOnlyList<CardNode>? Items { get; init; }

    public IReadOnlyList<KeyValuePair<string, CardNode>>? Pairs { get; init; }

    public CardNode? Get(string key)
    {
        if (Pairs is null)
            return null;
        foreach (var pair in Pairs)
        {
            if (pair.Key == key)
                return pair.Value;
        }
        return null;
    }

    /// <summary>The scalar's text, or null for a YAML null or a non-scalar.</summary>
    public string? Text => Scalar is null || (Plain && Scalar is "" or "~" or "null" or "Null" or "NULL") ? null : Scalar;
}

/// <summary>A front-matter syntax error at a 1-based line and column of the card.</summary>
internal sealed class CardYamlException(int line, int column, string reason) : Exception($"line {line}, column {column}: {reason}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Reason { get; } = reason;
}
