using System.Buffers;
using System.Text.Json;
using ModelGate.Formats.Conda;

namespace ModelGate.Formats.Osv;

/// <summary>
/// Reads one OSV advisory written as YAML, the layout of the Python Packaging Advisory Database
/// (<c>vulns/&lt;package&gt;/&lt;ID&gt;.yaml</c>). The YAML is read with YamlDotNet's event parser only (no
/// deserialization to types) and transcoded to JSON, which <see cref="OsvJsonReader"/> then reads, so both
/// encodings obey the same field rules and error messages.
/// </summary>
/// <remarks>
/// Every scalar becomes a JSON string exactly as written: <c>fixed: 3.10</c> stays <c>"3.10"</c> (a YAML 1.1
/// loader would read the float 3.1) and <c>introduced: 0</c> stays <c>"0"</c>. Only a plain <c>~</c>,
/// <c>null</c> or empty scalar is null. Explicit tags and aliases are refused: OSV files have no use for
/// them, and refusing aliases means no alias can be expanded at all. Nesting is bounded by
/// <see cref="ReaderLimits.MaxDocumentDepth"/>, the text by <see cref="ReaderLimits.MaxAdvisoryBytes"/>.
/// </remarks>
public static class OsvYamlReader
{
    /// <exception cref="MalformedDataException">The text is not YAML, not an OSV advisory, or too large.</exception>
    public static OsvAdvisory Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if ((ulong)text.Length > ReaderLimits.MaxAdvisoryBytes)
            throw new MalformedDataException(OsvJsonReader.Format, $"the advisory is {text.Length} characters, more than the {ReaderLimits.MaxAdvisoryBytes} limit");
        var root = YamlTree.Parse(text, out var moreDocuments)
            ?? throw new MalformedDataException(OsvJsonReader.Format, "the YAML file is empty");
        if (moreDocuments)
            throw new MalformedDataException(OsvJsonReader.Format, "the YAML file holds more than one document; an advisory is one document");

        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, text.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = ReaderLimits.MaxDocumentDepth + 2 }))
        {
            try
            {
                Write(root, writer);
            }
            catch (ArgumentException ex)
            {
                // Utf8JsonWriter refuses text that is not valid UTF-16 (a lone surrogate from a "\ud800" escape).
                throw new MalformedDataException(OsvJsonReader.Format, $"the YAML holds text that cannot be encoded: {ex.Message}", inner: ex);
            }
        }
        return OsvJsonReader.Read(buffer.WrittenSpan);
    }

    private static void Write(YamlNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case YamlScalarNode { Plain: true, Value: "" or "~" or "null" or "Null" or "NULL" }:
                writer.WriteNullValue();
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                    Write(item, writer);
                writer.WriteEndArray();
                break;
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Pairs)
                {
                    if (key is not YamlScalarNode keyScalar)
                        throw new MalformedDataException(OsvJsonReader.Format, "a mapping key is not a plain string", line: key.Line);
                    // YAML 1.2, 3.2.1.1: keys of a mapping are unique.
                    if (!seen.Add(keyScalar.Value))
                        throw new MalformedDataException(OsvJsonReader.Format, $"the key '{keyScalar.Value}' appears twice in one mapping", line: key.Line);
                    writer.WritePropertyName(keyScalar.Value);
                    Write(value, writer);
                }
                writer.WriteEndObject();
                break;
            case YamlAliasNode alias:
                throw new MalformedDataException(OsvJsonReader.Format, $"YAML alias '*{alias.Anchor}' refused: OSV advisories do not use aliases", line: alias.Line);
            case YamlTaggedNode tagged:
                throw new MalformedDataException(OsvJsonReader.Format, $"YAML tag '{tagged.Tag}' refused: OSV advisories are untagged", line: tagged.Line);
            default:
                throw new MalformedDataException(OsvJsonReader.Format, "unexpected YAML node", line: node.Line);
        }
    }
}
