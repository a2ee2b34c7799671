using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ModelGate.Signatures.Tuf;

/// <summary>
/// The bytes TUF signatures cover: the "signed" object in OLPC canonical JSON as securesystemslib's
/// <c>encode_canonical</c> writes it (the encoder python-tuf signs and verifies with): object keys sorted by code
/// point, no whitespace, strings escaping only <c>\</c> and <c>"</c> (everything else, control characters and
/// non-ASCII included, written as raw UTF-8), integers only (a fraction or exponent is not canonical JSON),
/// <c>true</c>, <c>false</c>, <c>null</c>.
/// </summary>
internal static class TufCanonicalJson
{
    /// <exception cref="TufException">A number that is not an integer, or a string that is not valid Unicode.</exception>
    public static byte[] Encode(JsonElement element, string file)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        Write(element, output, file, "$");
        return output.WrittenSpan.ToArray();
    }

    private static void Write(JsonElement element, ArrayBufferWriter<byte> output, string file, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, file, path);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index > 0)
                        output.Write(","u8);
                    Write(item, output, file, $"{path}[{index}]");
                    index++;
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(TufJson.StringValue(element, file, path), output);
                break;
            case JsonValueKind.Number:
                WriteInteger(element, output, file, path);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new TufException($"{file}: {path} is not a JSON value");
        }
    }

    private static void WriteObject(JsonElement element, ArrayBufferWriter<byte> output, string file, string path)
    {
        var members = new List<(byte[] Name, string Text, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
        {
            var name = TufJson.PropertyName(property, file, path);
            members.Add((Encoding.UTF8.GetBytes(name), name, property.Value));
        }
        // UTF-8 byte order is code point order, which is how Python's sorted() orders str keys.
        members.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (members[i].Name.AsSpan().SequenceEqual(members[i - 1].Name))
                    throw new TufException($"{file}: {path} has the member \"{members[i].Text}\" twice");
                output.Write(","u8);
            }
            WriteString(members[i].Text, output);
            output.Write(":"u8);
            Write(members[i].Value, output, file, $"{path}.{members[i].Text}");
        }
        output.Write("}"u8);
    }

    private static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var bytes = output.GetSpan(Encoding.UTF8.GetMaxByteCount(escaped.Length));
        output.Advance(Encoding.UTF8.GetBytes(escaped, bytes));
        output.Write("\""u8);
    }

    private static void WriteInteger(JsonElement element, ArrayBufferWriter<byte> output, string file, string path)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().ContainsAny('.', 'e', 'E') || !element.TryGetInt64(out var value))
            throw new TufException($"{file}: {path} is the number {ServerTextShort(raw)}; canonical JSON allows only integers within 64 bits");
        output.Write(Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string ServerTextShort(string raw) => Net.ServerText.Quote(raw, 40);
}
