using ModelGate.Formats.Protobuf;

namespace ModelGate.Formats.TensorFlow;

/// <summary>
/// Reads a TensorFlow SavedModel's saved_model.pb and a Keras SavedModel's keras_metadata.pb through a
/// seekable stream, listing ops and functions without loading tensors (Const values are skipped).
/// fingerprint.pb carries only hashes and is not read.
/// </summary>
public static class SavedModelReader
{
    /// <summary>Format name used in <see cref="MalformedDataException.Format"/> for saved_model.pb.</summary>
    public const string FormatName = "tensorflow-savedmodel";

    /// <summary>Format name used in <see cref="MalformedDataException.Format"/> for keras_metadata.pb.</summary>
    public const string KerasMetadataFormatName = "keras-metadata";

    /// <summary>Reads saved_model.pb. Throws <see cref="MalformedDataException"/> for bad data, nothing else.</summary>
    public static SavedModelGraph Read(Stream stream, SavedModelLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        return new SavedModelParser(new ProtoStreamReader(stream, FormatName), limits).Parse();
    }

    /// <summary>
    /// Reads a frozen TensorFlow GraphDef (<c>.pb</c> written by <c>tf.io.write_graph</c> or TF1 freezing):
    /// the same nodes and function library as a SavedModel's graph, without the MetaGraphDef around them.
    /// Throws <see cref="MalformedDataException"/> for bad data and for a message that is not a graph.
    /// </summary>
    public static SavedModelGraph ReadGraphDef(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new SavedModelParser(new ProtoStreamReader(stream, "tensorflow-graphdef"), SavedModelLimits.Default).ParseGraphDefOnly();
    }

    /// <summary>Reads saved_model.pb with <see cref="SavedModelLimits.Default"/>.</summary>
    public static SavedModelGraph Read(Stream stream) => Read(stream, SavedModelLimits.Default);

    /// <summary>
    /// Reads keras_metadata.pb: SavedMetadata.nodes (field 1), each a SavedObject with its JSON metadata.
    /// Throws <see cref="MalformedDataException"/> for bad data.
    /// </summary>
    public static IReadOnlyList<KerasSavedObjectMetadata> ReadKerasMetadata(Stream stream, SavedModelLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var r = new ProtoStreamReader(stream, KerasMetadataFormatName);
        var objects = new List<KerasSavedObjectMetadata>();
        while (r.TryReadTag(r.Length, out var field, out var wire))
        {
            if (field != 1 || wire != ProtoWireType.LengthDelimited)
            {
                r.Skip(field, wire, r.Length);
                continue;
            }
            if (objects.Count >= limits.MaxKerasObjects)
                throw r.Error($"more than {limits.MaxKerasObjects} saved objects", r.Position);
            var end = r.ReadLengthDelimitedEnd(r.Length);
            int nodeId = 0;
            string path = "", identifier = "", metadata = "";
            while (r.TryReadTag(end, out var f, out var w))
            {
                switch (f, w)
                {
                    case (2, ProtoWireType.Varint): nodeId = unchecked((int)r.ReadVarint(end)); break;
                    case (3, ProtoWireType.LengthDelimited): path = r.ReadString(end, limits.MaxNameBytes); break;
                    case (4, ProtoWireType.LengthDelimited): identifier = r.ReadString(end, limits.MaxNameBytes); break;
                    case (5, ProtoWireType.LengthDelimited): metadata = r.ReadString(end, limits.MaxMetadataBytes); break;
                    default: r.Skip(f, w, end); break;
                }
            }
            objects.Add(new KerasSavedObjectMetadata(nodeId, path, identifier, metadata));
        }
        return objects;
    }

    /// <summary>Reads keras_metadata.pb with <see cref="SavedModelLimits.Default"/>.</summary>
    public static IReadOnlyList<KerasSavedObjectMetadata> ReadKerasMetadata(Stream stream) => ReadKerasMetadata(stream, SavedModelLimits.Default);
}
