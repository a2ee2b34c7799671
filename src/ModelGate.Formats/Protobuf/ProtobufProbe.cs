namespace ModelGate.Formats.Protobuf;

/// <summary>
/// Checks that a stream is one well-formed protobuf message at the wire level: every top-level field has a
/// valid key and a length inside the stream, to the last byte. Protobuf has no magic number, so this is how
/// files such as SentencePiece tokenizer models (<c>tokenizer.model</c>) and TensorFlow's <c>fingerprint.pb</c>
/// are told from opaque bytes. It says nothing about the schema.
/// </summary>
public static class ProtobufProbe
{
    /// <summary>True when the whole stream, from its current position, parses as protobuf fields.</summary>
    /// <param name="minFields">Fields required (an empty or one-byte stream proves nothing).</param>
    public static bool IsWellFormedMessage(Stream seekable, int minFields = 2)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        var reader = new ProtoStreamReader(seekable, "protobuf");
        var end = reader.Length;
        var fields = 0;
        try
        {
            while (reader.TryReadTag(end, out var fieldNumber, out var wireType))
            {
                // Groups (wire types 3 and 4) died with proto2's old syntax; no file we probe uses them.
                if (wireType is ProtoWireType.StartGroup or ProtoWireType.EndGroup)
                    return false;
                reader.Skip(fieldNumber, wireType, end);
                fields++;
            }
            return fields >= minFields && reader.Position == end;
        }
        catch (MalformedDataException)
        {
            return false;
        }
    }
}
