using ModelGate.Findings;
using ModelGate.Formats;
using ModelGate.Formats.ModelFiles;

namespace ModelGate.Artifacts;

/// <summary>
/// Scans one model file and everything nested in it by static analysis: it recognises each part by its
/// bytes, hands it to the inspector for its format, and recurses into containers within the walk's
/// limits. It never loads, imports or runs anything. A part that cannot be analysed gets an MG2004
/// finding and the walk goes on with the rest (a walker that gives up on a whole archive fails open).
/// </summary>
internal static class ArtifactScanner
{
    /// <summary>Scans the file at <paramref name="fullPath"/>, reported under <paramref name="relativePath"/>.</summary>
    public static (IReadOnlyList<ArtifactResult> Results, IReadOnlyList<Finding> Findings) ScanFile(
        string fullPath, string relativePath, string? sha256, ArtifactScanSettings settings)
    {
        var walk = new ArtifactWalk(relativePath, settings, fullPath);
        var root = new ArtifactNode(walk, relativePath, Path.GetFileName(fullPath), 0, 0) { Recognised = true };
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
            root.Size = stream.Length;
            Scan(root, stream, isFile: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            root.NotAnalysed($"could not be read: {ex.Message}");
        }
        return ArtifactWalk.Collect(root, sha256);
    }

    /// <summary>Scans one part (the file or a member) from the start of <paramref name="stream"/>.</summary>
    /// <param name="isFile">The part is the file the extractor listed (not a member), so "no known format" is an error, not just data.</param>
    internal static void Scan(ArtifactNode node, Stream stream, bool isFile = false)
    {
        if (node.Depth > node.Walk.Limits.MaxDepth)
        {
            node.NotAnalysed($"nested more than {node.Walk.Limits.MaxDepth} containers deep; not analysed further");
            return;
        }
        Guard(node, () => Dispatch(node, stream, isFile));
    }

    /// <summary>
    /// Runs one inspection step of <paramref name="node"/>, turning every way it can fail into an MG2004
    /// finding on that node, so the walk goes on with the next member.
    /// </summary>
    internal static void Guard(ArtifactNode node, Action inspect)
    {
        try
        {
            inspect();
        }
        catch (MalformedDataException ex)
        {
            node.NotAnalysed($"{ex.Format}: {ex.Reason}", ex.Offset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            node.NotAnalysed($"could not be read: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A reader bug must not end the walk, nor let the part pass as clean.
            node.NotAnalysed($"reader failed unexpectedly ({ex.GetType().Name}: {ex.Message}); please report it");
        }
    }

    private static void Dispatch(ArtifactNode node, Stream input, bool isFile)
    {
        var (prefix, stream) = StreamPrefix.Read(input, ModelFileSniffer.PrefixLength);
        var size = node.Size > 0 ? node.Size : long.MaxValue;
        var format = ModelFileSniffer.Sniff(prefix, node.Name, size);
        // Inside an archive, member bytes that merely start with PROTO's two bytes (tensor data now and then)
        // are data unless the opcodes after them decode too.
        if (format == ModelFileFormat.Pickle && !isFile && !HasPickleName(node.Name) && !Inspectors.PickleInspector.LooksLikePickle(prefix))
            format = ModelFileFormat.Unknown;
        switch (format)
        {
            case ModelFileFormat.Pickle:
            case ModelFileFormat.Joblib when !Inspectors.CompressedInspector.IsCompressed(prefix, node.Name):
                Inspectors.PickleInspector.Inspect(node, stream, format == ModelFileFormat.Joblib ? "joblib" : "pickle");
                return;
            case ModelFileFormat.Joblib:
                Inspectors.CompressedInspector.Inspect(node, stream, prefix);
                return;
            case ModelFileFormat.Zip:
                Inspectors.ZipInspector.Inspect(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.Tar:
                Inspectors.TarInspector.Inspect(node, stream);
                return;
            case ModelFileFormat.NumPy:
                Inspectors.NumPyInspector.Inspect(node, stream);
                return;
            case ModelFileFormat.Safetensors:
                Inspectors.SafetensorsInspector.Inspect(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.Gguf:
                Inspectors.GgufInspector.Inspect(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.Hdf5:
                Inspectors.KerasInspector.InspectHdf5(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.Onnx:
                Inspectors.OnnxInspector.Inspect(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.TensorFlowSavedModel:
                Inspectors.SavedModelInspector.Inspect(node, SeekableSpool.From(stream, node));
                return;
            case ModelFileFormat.TensorFlowLite:
                node.Format = ModelFileSniffer.Name(format);
                node.Recognised = true;
                node.NotAnalysed("TensorFlow Lite flatbuffers are recognised but not analysed (custom operators are not checked)");
                return;
        }

        // A safetensors file whose header length lies past the end is not sniffed as one; let the reader say why.
        if (node.Name.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) && prefix.Length >= 8)
        {
            Inspectors.SafetensorsInspector.Inspect(node, SeekableSpool.From(stream, node));
            return;
        }
        if (Inspectors.CompressedInspector.IsCompressed(prefix, node.Name))
        {
            Inspectors.CompressedInspector.Inspect(node, stream, prefix);
            return;
        }
        if (Inspectors.SevenZipInspector.IsSevenZip(prefix))
        {
            Inspectors.SevenZipInspector.Inspect(node, SeekableSpool.From(stream, node));
            return;
        }
        if (Inspectors.PickleInspector.LooksLikePickle(prefix))
        {
            Inspectors.PickleInspector.Inspect(node, stream, "pickle");
            return;
        }
        // Members of unknown format are data (a README, a tensor blob) unless named like a protobuf graph.
        if (!isFile && !node.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase))
            return;
        var seekable = SeekableSpool.From(stream, node);
        if (node.Name == "keras_metadata.pb")
        {
            Inspectors.KerasInspector.InspectKerasMetadata(node, seekable);
            return;
        }
        // Protobuf data files without code (SentencePiece tokenizer.model, TensorFlow fingerprint.pb) have no
        // magic number; a file that parses to its last byte as protobuf fields is such data.
        if (Formats.Protobuf.ProtobufProbe.IsWellFormedMessage(seekable))
        {
            // ONNX under another name: a ModelProto opens with ir_version (field 1, varint: byte 0x08) and
            // declares opset imports; the ONNX checks apply whatever the file is called.
            if (prefix.Length > 0 && prefix[0] == 0x08 && Inspectors.OnnxInspector.TryInspectRenamed(node, seekable))
                return;
            // A .pb that parses as a GraphDef is a frozen TensorFlow graph: its ops are checked like a SavedModel's.
            if (node.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase) && node.Name != "fingerprint.pb"
                && Inspectors.SavedModelInspector.TryInspectFrozenGraph(node, seekable))
                return;
            node.Format = node.Name == "fingerprint.pb" ? "tensorflow-fingerprint" : "protobuf";
            node.Recognised = true;
            return;
        }
        if (isFile)
            node.NotAnalysed("the bytes are not a model format ModelGate recognises, so what loading it would do is unknown");
    }

    private static bool HasPickleName(string name) =>
        name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pickle", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".joblib", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pt", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".pth", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dill", StringComparison.OrdinalIgnoreCase);
}
