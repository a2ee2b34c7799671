namespace ModelGate.Formats;

/// <summary>
/// The one exception every reader throws for bad data: it names the format and where in the input the
/// problem is, so the extractor can turn it into a diagnostic that points at the file and place.
/// Derives from <see cref="FormatException"/> (System.IO.InvalidDataException is sealed), which is also what
/// <see cref="ISpanParsable{TSelf}"/> callers expect from a failed Parse.
/// </summary>
public sealed class MalformedDataException : FormatException
{
    public MalformedDataException(string format, string message, long? offset = null, int? line = null, Exception? inner = null)
        : base(Describe(format, message, offset, line), inner)
    {
        Format = format;
        Reason = message;
        Offset = offset;
        Line = line;
    }

    /// <summary>The format being read, for example "pep508" or "poetry.lock".</summary>
    public string Format { get; }

    /// <summary>The specific reason, without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in a binary input, when known.</summary>
    public long? Offset { get; }

    /// <summary>1-based line in a text input, when known.</summary>
    public int? Line { get; }

    private static string Describe(string format, string message, long? offset, int? line) =>
        (offset, line) switch
        {
            (_, int l) => $"{format}: line {l}: {message}",
            (long o, _) => $"{format}: offset {o}: {message}",
            _ => $"{format}: {message}",
        };
}
