using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelGate.Formats.Conda;

/// <summary>
/// A minimal YAML node tree built from YamlDotNet's event parser, with each node's 1-based start line.
/// Aliases are kept as <see cref="YamlAliasNode"/> and never expanded (no "billion laughs"), explicit tags
/// are kept as <see cref="YamlTaggedNode"/> and never interpreted, and nesting is bounded by
/// <see cref="ReaderLimits.MaxDocumentDepth"/>. Only the first document of a stream is read.
/// </summary>
internal static class YamlTree
{
    private const string Format = "yaml";

    /// <summary>The first document's root, or null for an empty stream; throws <see cref="MalformedDataException"/> on a syntax error.</summary>
    public static YamlNode? Parse(string text, out bool moreDocuments)
    {
        moreDocuments = false;
        var parser = new Parser(new StringReader(text));
        try
        {
            Expect<StreamStart>(parser);
            if (parser.Current is StreamEnd)
                return null;
            Expect<DocumentStart>(parser);
            var root = ReadNode(parser, depth: 0);
            Expect<DocumentEnd>(parser);
            moreDocuments = parser.Current is DocumentStart;
            return root;
        }
        catch (YamlException ex)
        {
            var line = ex.Start.Line > 0 ? (int)ex.Start.Line : (int?)null;
            throw new MalformedDataException(Format, $"invalid YAML: {ex.Message}", line: line, inner: ex);
        }
    }

    private static void Expect<T>(Parser parser)
        where T : ParsingEvent
    {
        if (parser.Current is null)
            parser.MoveNext();
        if (parser.Current is not T)
            throw new MalformedDataException(Format, $"unexpected YAML event {parser.Current?.GetType().Name}", line: Line(parser.Current));
        parser.MoveNext();
    }

    private static int Line(ParsingEvent? e) => e is null ? 0 : (int)e.Start.Line;

    private static YamlNode ReadNode(Parser parser, int depth)
    {
        if (depth > ReaderLimits.MaxDocumentDepth)
            throw new MalformedDataException(Format, $"YAML nests deeper than {ReaderLimits.MaxDocumentDepth} levels", line: Line(parser.Current));
        var current = parser.Current ?? throw new MalformedDataException(Format, "the YAML document ended early");
        var line = Line(current);
        if (current is NodeEvent node && !node.Tag.IsEmpty && current is not AnchorAlias)
        {
            var tag = node.Tag.ToString();
            Skip(parser, depth);
            return new YamlTaggedNode(line, tag);
        }
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalarNode(line, scalar.Value) { Plain = scalar.Style == ScalarStyle.Plain };
            case AnchorAlias alias:
                parser.MoveNext();
                return new YamlAliasNode(line, alias.Value.ToString());
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (parser.Current is not SequenceEnd)
                    items.Add(ReadNode(parser, depth + 1));
                parser.MoveNext();
                return new YamlSequenceNode(line, items);
            case MappingStart:
                parser.MoveNext();
                var pairs = new List<KeyValuePair<YamlNode, YamlNode>>();
                while (parser.Current is not MappingEnd)
                {
                    var key = ReadNode(parser, depth + 1);
                    var value = ReadNode(parser, depth + 1);
                    pairs.Add(new(key, value));
                }
                parser.MoveNext();
                return new YamlMappingNode(line, pairs);
            default:
                throw new MalformedDataException(Format, $"unexpected YAML event {current.GetType().Name}", line: line);
        }
    }

    // Skips a tagged node and what it contains, without building it; depth still bounded.
    private static void Skip(Parser parser, int depth)
    {
        var level = 0;
        do
        {
            var e = parser.Current;
            if (e is SequenceStart or MappingStart)
            {
                if (depth + ++level > ReaderLimits.MaxDocumentDepth)
                    throw new MalformedDataException(Format, $"YAML nests deeper than {ReaderLimits.MaxDocumentDepth} levels", line: Line(e));
            }
            else if (e is SequenceEnd or MappingEnd)
            {
                level--;
            }
            parser.MoveNext();
        }
        while (level > 0);
    }
}

internal abstract record YamlNode(int Line);

internal sealed record YamlScalarNode(int Line, string Value) : YamlNode(Line)
{
    /// <summary>Written without quotes or block indicators, so <c>~</c>, <c>null</c> and an empty value mean null (YAML 1.2 core schema).</summary>
    public bool Plain { get; init; }
}

internal sealed record YamlSequenceNode(int Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);

internal sealed record YamlMappingNode(int Line, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Pairs) : YamlNode(Line)
{
    public YamlNode? Get(string key) => Pairs.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key).Value;
}

internal sealed record YamlAliasNode(int Line, string Anchor) : YamlNode(Line);

internal sealed record YamlTaggedNode(int Line, string Tag) : YamlNode(Line);
