namespace ModelGate.Formats.Keras;

/// <summary>
/// Python's json.dumps writes non-finite floats as the bare words NaN, Infinity and -Infinity, which JSON
/// (RFC 8259) does not allow; Keras configs carry them (e.g. an unbounded clip value). Outside strings they are
/// overwritten with a number of the same length ("0" and spaces) so a standard reader accepts the document.
/// </summary>
internal static class PythonJsonLiterals
{
    /// <summary>A copy with the literals replaced, or null when there are none.</summary>
    public static byte[]? Replace(ReadOnlySpan<byte> json)
    {
        byte[]? copy = null;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                    i++;
                else if (b == (byte)'"')
                    inString = false;
                continue;
            }
            if (b == (byte)'"')
            {
                inString = true;
                continue;
            }
            var length = json[i..].StartsWith("-Infinity"u8) ? 9 : json[i..].StartsWith("Infinity"u8) ? 8 : json[i..].StartsWith("NaN"u8) ? 3 : 0;
            if (length == 0)
                continue;
            copy ??= json.ToArray();
            copy[i] = (byte)'0';
            copy.AsSpan(i + 1, length - 1).Fill((byte)' ');
            i += length - 1;
        }
        return copy;
    }
}
