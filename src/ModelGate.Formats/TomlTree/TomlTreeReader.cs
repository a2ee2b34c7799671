using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace ModelGate.Formats.TomlTree;

/// <summary>
/// Reads a TOML document into <see cref="TomlNode"/>s that remember their lines. Tomlyn parses and
/// validates (TOML 1.0: no key defined twice, no table reopened); this only folds its syntax tree
/// into tables the way TOML defines them (dotted keys, <c>[a.b]</c> headers, <c>[[a]]</c> arrays).
/// </summary>
public static class TomlTreeReader
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="MalformedDataException"/> with the first error's line.</summary>
    public static TomlNode Parse(string text, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        DocumentSyntax document;
        try
        {
            var options = new TomlSerializerOptions { MaxDepth = ReaderLimits.MaxDocumentDepth };
            document = SyntaxParser.Parse(text, options, format, validate: true);
        }
        catch (TomlException ex)
        {
            // Tomlyn throws (rather than reporting a diagnostic) when nesting passes MaxDepth.
            throw new MalformedDataException(format, $"invalid TOML: {ex.Message}", line: ex.Line > 0 ? ex.Line : null, inner: ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
        {
            throw new MalformedDataException(format, $"invalid TOML: {ex.Message}", inner: ex);
        }

        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new MalformedDataException(format, $"invalid TOML: {first.Message}", line: first.Span.Start.Line + 1);
        }

        var builder = new Builder(format);
        return builder.Build(document);
    }

    private sealed class Builder(string format)
    {
        private readonly TomlNode _root = new(TomlNodeKind.Table, 1);

        public TomlNode Build(DocumentSyntax document)
        {
            foreach (var kv in document.KeyValues)
                AddKeyValue(_root, kv);
            foreach (var table in document.Tables)
            {
                var line = LineOf(table);
                var keys = KeyParts(table.Name, line);
                var target = table is TableArraySyntax ? OpenTableArray(keys, line) : OpenTable(keys, line);
                foreach (var kv in table.Items)
                    AddKeyValue(target, kv);
            }
            return _root;
        }

        private TomlNode OpenTable(List<string> keys, int line)
        {
            var parent = Walk(keys, line);
            var last = keys[^1];
            if (parent.TryGet(last, out var existing))
            {
                if (!existing.IsTable || !existing.Implicit || existing.IsInline)
                    throw Error($"table [{string.Join('.', keys)}] is defined twice", line);
                existing.Implicit = false;
                existing.Line = line;
                return existing;
            }
            var table = new TomlNode(TomlNodeKind.Table, line);
            parent.Add(last, table);
            return table;
        }

        private TomlNode OpenTableArray(List<string> keys, int line)
        {
            var parent = Walk(keys, line);
            var last = keys[^1];
            if (!parent.TryGet(last, out var array))
            {
                array = new TomlNode(TomlNodeKind.Array, line) { IsTableArray = true };
                parent.Add(last, array);
            }
            else if (!array.IsTableArray)
            {
                throw Error($"[[{string.Join('.', keys)}]] reuses a key that is not an array of tables", line);
            }
            var table = new TomlNode(TomlNodeKind.Table, line);
            array.AddItem(table);
            return table;
        }

        // TOML 1.0 "Table": every key of a header but the last names a table (created if missing) or the
        // last table of an array of tables.
        private TomlNode Walk(List<string> keys, int line)
        {
            var node = _root;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                if (!node.TryGet(keys[i], out var next))
                {
                    next = new TomlNode(TomlNodeKind.Table, line) { Implicit = true };
                    node.Add(keys[i], next);
                }
                if (next.IsTableArray && next.Items.Count > 0)
                    next = next.Items[^1];
                if (!next.IsTable || next.IsInline)
                    throw Error($"key '{keys[i]}' is not a table", line);
                node = next;
            }
            return node;
        }

        private void AddKeyValue(TomlNode table, KeyValueSyntax kv)
        {
            var line = LineOf(kv);
            if (kv.Key is null || kv.Value is null)
                throw Error("incomplete key/value", line);
            var keys = KeyParts(kv.Key, line);
            var node = table;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                if (!node.TryGet(keys[i], out var next))
                {
                    // A dotted key defines the intermediate tables (TOML 1.0 "Keys"); they start where it is written.
                    next = new TomlNode(TomlNodeKind.Table, line) { Implicit = true };
                    node.Add(keys[i], next);
                }
                if (!next.IsTable || next.IsInline)
                    throw Error($"key '{keys[i]}' is not a table", line);
                node = next;
            }
            if (node.TryGet(keys[^1], out _))
                throw Error($"key '{string.Join('.', keys)}' is defined twice", line);
            node.Add(keys[^1], Convert(kv.Value, line, depth: 1));
        }

        private TomlNode Convert(ValueSyntax value, int line, int depth)
        {
            if (depth > ReaderLimits.MaxDocumentDepth)
                throw Error($"values nest deeper than {ReaderLimits.MaxDocumentDepth} levels", line);
            switch (value)
            {
                case StringValueSyntax s:
                    return new TomlNode(TomlNodeKind.String, line, s.Value ?? string.Empty);
                case IntegerValueSyntax i:
                    return new TomlNode(TomlNodeKind.Integer, line, i.Token?.Text);
                case FloatValueSyntax f:
                    return new TomlNode(TomlNodeKind.Float, line, f.Token?.Text);
                case BooleanValueSyntax b:
                    return new TomlNode(TomlNodeKind.Boolean, line, b.Value ? "true" : "false");
                case DateTimeValueSyntax d:
                    return new TomlNode(TomlNodeKind.DateTime, line, d.Token?.Text);
                case ArraySyntax a:
                {
                    var array = new TomlNode(TomlNodeKind.Array, line) { IsInline = true };
                    foreach (var item in a.Items)
                    {
                        if (item.Value is null)
                            continue;
                        array.AddItem(Convert(item.Value, LineOf(item.Value), depth + 1));
                    }
                    return array;
                }
                case InlineTableSyntax t:
                {
                    var table = new TomlNode(TomlNodeKind.Table, line) { IsInline = true };
                    foreach (var item in t.Items)
                    {
                        if (item.KeyValue is null)
                            continue;
                        AddInlineKeyValue(table, item.KeyValue, depth + 1);
                    }
                    return table;
                }
                default:
                    throw Error($"unsupported TOML value '{value.Kind}'", line);
            }
        }

        private void AddInlineKeyValue(TomlNode table, KeyValueSyntax kv, int depth)
        {
            var line = LineOf(kv);
            if (kv.Key is null || kv.Value is null)
                throw Error("incomplete key/value in an inline table", line);
            var keys = KeyParts(kv.Key, line);
            var node = table;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                if (!node.TryGet(keys[i], out var next))
                {
                    next = new TomlNode(TomlNodeKind.Table, line) { Implicit = true };
                    node.Add(keys[i], next);
                }
                if (!next.IsTable || (next.IsInline && !next.Implicit))
                    throw Error($"key '{keys[i]}' is not a table", line);
                node = next;
            }
            if (node.TryGet(keys[^1], out _))
                throw Error($"key '{string.Join('.', keys)}' is defined twice", line);
            node.Add(keys[^1], Convert(kv.Value, line, depth));
        }

        private List<string> KeyParts(KeySyntax? key, int line)
        {
            if (key?.Key is null)
                throw Error("missing key", line);
            var parts = new List<string> { KeyText(key.Key, line) };
            foreach (var dotted in key.DotKeys)
            {
                if (dotted.Key is null)
                    throw Error("missing key after '.'", line);
                parts.Add(KeyText(dotted.Key, line));
            }
            return parts;
        }

        private string KeyText(BareKeyOrStringValueSyntax key, int line) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? throw Error("empty key", line),
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => throw Error("unsupported key", line),
        };

        private static int LineOf(SyntaxNode node) => node.Span.Start.Line + 1;

        private MalformedDataException Error(string message, int line) => new(format, message, line: line);
    }
}
