using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelGate.Policy;

/// <summary>
/// A YAML document read into plain nodes with their positions, from YamlDotNet's event parser: no type tags,
/// no object construction, at most <see cref="MaxDepth"/> levels and <see cref="MaxAliases"/> aliases, one document.
/// </summary>
internal static class PolicyYaml
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 16;
    public const int MaxAliases = 8;

    /// <exception cref="PolicyException">Syntax errors, tags, too deep, too many aliases, duplicate keys, several documents.</exception>
    public static YNode Read(string yaml, string file)
    {
        if (Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
            throw PolicyException.At(file, 1, 1, $"the policy is larger than {MaxBytes / (1024 * 1024)} MiB");
        var state = new ReadState(file);
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                throw PolicyException.At(file, 1, 1, "the policy is empty");
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart next)
                throw PolicyException.At(file, (int)next.Start.Line, (int)next.Start.Column, "a policy is one YAML document; found a second one");
            parser.Consume<StreamEnd>();
            return root;
        }
        catch (YamlException ex)
        {
            throw PolicyException.At(file, (int)ex.Start.Line, (int)ex.Start.Column, $"YAML syntax error: {Clean(ex.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some malformed plain scalars in flow
            // collections (found by the policy-file fuzz target); the last element read is the best place to name.
            throw PolicyException.At(file, state.Line, state.Column, "YAML syntax error after this point: the document cannot be parsed");
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the position is already ours.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static YNode ReadNode(IParser parser, ReadState state, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the document");
        var line = (int)current.Start.Line;
        var column = (int)current.Start.Column;
        (state.Line, state.Column) = (line, column);
        if (depth > MaxDepth)
            throw PolicyException.At(state.File, line, column, $"nested deeper than {MaxDepth} levels");
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            if (++state.Aliases > MaxAliases)
                throw PolicyException.At(state.File, line, column, $"more than {MaxAliases} aliases");
            return state.Anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw PolicyException.At(state.File, line, column, $"alias *{alias.Value.Value} names no anchor");
        }
        if (current is NodeEvent node && !node.Tag.IsEmpty)
            throw PolicyException.At(state.File, line, column, $"type tags are not allowed in a policy (found {node.Tag.Value})");
        YNode result;
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                result = new YNode(YNodeKind.Scalar, line, column) { Value = scalar.Value, Plain = scalar.Style == ScalarStyle.Plain };
                break;
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, state, depth + 1));
                result = new YNode(YNodeKind.Sequence, line, column) { Items = items };
                break;
            case MappingStart:
                parser.MoveNext();
                var pairs = new List<KeyValuePair<YNode, YNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, state, depth + 1);
                    if (key.Kind != YNodeKind.Scalar)
                        throw PolicyException.At(state.File, key.Line, key.Column, "a key must be a plain name");
                    if (!seen.Add(key.Value))
                        throw PolicyException.At(state.File, key.Line, key.Column, $"duplicate key '{key.Value}'");
                    pairs.Add(new(key, ReadNode(parser, state, depth + 1)));
                }
                result = new YNode(YNodeKind.Mapping, line, column) { Pairs = pairs };
                break;
            default:
                throw PolicyException.At(state.File, line, column, $"unexpected YAML element {current.GetType().Name}");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
            state.Anchors[anchored.Anchor.Value] = result;
        return result;
    }

    private sealed class ReadState(string file)
    {
        public string File { get; } = file;

        public int Aliases { get; set; }

        /// <summary>Where the last element read starts, for errors the parser cannot place itself.</summary>
        public int Line { get; set; } = 1;

        public int Column { get; set; } = 1;

        public Dictionary<string, YNode> Anchors { get; } = new(StringComparer.Ordinal);
    }
}

internal enum YNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}

/// <summary>One YAML node and where it starts (1-based line and column).</summary>
internal sealed record YNode(YNodeKind Kind, int Line, int Column)
{
    public string Value { get; init; } = "";

    /// <summary>An unquoted scalar (so <c>~</c> and an empty value mean null).</summary>
    public bool Plain { get; init; }

    public IReadOnlyList<YNode> Items { get; init; } = [];

    public IReadOnlyList<KeyValuePair<YNode, YNode>> Pairs { get; init; } = [];

    public bool IsNull => Kind == YNodeKind.Scalar && Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}
