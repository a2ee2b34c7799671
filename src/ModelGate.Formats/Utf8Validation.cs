using System.Text;
using System.Text.Unicode;

namespace ModelGate.Formats;

/// <summary>
/// Where UTF-8 text stops being UTF-8. System.Text.Json checks string contents only when a string is read, and
/// then throws <see cref="InvalidOperationException"/> from deep inside a reader; checking the whole input once,
/// before parsing, turns that into a refusal that names the byte.
/// </summary>
public static class Utf8Validation
{
    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence; -1 when all of it is valid.</summary>
    public static long FirstInvalidByte(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
            return -1;
        var offset = 0;
        while (offset < text.Length && Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            offset += consumed;
        return offset;
    }
}
