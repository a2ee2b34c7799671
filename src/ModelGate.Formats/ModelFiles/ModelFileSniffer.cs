using System.Buffers.Binary;

namespace ModelGate.Formats.ModelFiles;

/// <summary>
/// Recognises model file formats from a file's first bytes and its name. Cheap and bounded: it reads only
/// the prefix it is given (<see cref="PrefixLength"/> bytes are enough) and never parses further.
/// Zip-based formats are told apart by member names, which the caller lists from the central directory.
/// </summary>
public static class ModelFileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants.</summary>
    public const int PrefixLength = 512;

    private static readonly string[] ModelExtensions =
    [
        ".pt", ".pth", ".bin", ".ckpt", ".pkl", ".pickle", ".joblib", ".npy", ".npz", ".safetensors", ".gguf",
        ".h5", ".hdf5", ".keras", ".onnx", ".pb", ".tflite", ".model", ".mar", ".dill", ".sav",
    ];

    // Byte arrays, not u8 literals: "\x89"u8 encodes U+0089 as the two bytes C2 89.
    private static ReadOnlySpan<byte> Hdf5Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> NumPyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>True when the name alone suggests a model file worth sniffing.</summary>
    public static bool HasModelExtension(string fileName) =>
        ModelExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || fileName == "saved_model.pb";

    /// <summary>The format the prefix shows, or <see cref="ModelFileFormat.Unknown"/>.</summary>
    /// <param name="prefix">The file's first bytes (up to <see cref="PrefixLength"/>).</param>
    /// <param name="fileName">The file's name, used only for formats without a magic number.</param>
    /// <param name="fileLength">The whole file's length, to check length fields against.</param>
    public static ModelFileFormat Sniff(ReadOnlySpan<byte> prefix, string fileName, long fileLength)
    {
        if (prefix.StartsWith("GGUF"u8))
            return ModelFileFormat.Gguf;
        if (prefix.StartsWith(Hdf5Signature))
            return ModelFileFormat.Hdf5;
        if (prefix.StartsWith(NumPyMagic))
            return ModelFileFormat.NumPy;
        if (prefix.StartsWith("PK\x03\x04"u8) || prefix.StartsWith("PK\x05\x06"u8))
            return ModelFileFormat.Zip;
        if (prefix.Length >= 8 && prefix[4..8].SequenceEqual("TFL3"u8))
            return ModelFileFormat.TensorFlowLite;
        if (IsTar(prefix))
            return ModelFileFormat.Tar;
        if (IsSafetensors(prefix, fileLength))
            return ModelFileFormat.Safetensors;
        if (IsPickle(prefix))
            return fileName.EndsWith(".joblib", StringComparison.OrdinalIgnoreCase) ? ModelFileFormat.Joblib : ModelFileFormat.Pickle;
        if (fileName.EndsWith(".joblib", StringComparison.OrdinalIgnoreCase) && IsCompressionMagic(prefix))
            return ModelFileFormat.Joblib;
        if (fileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && prefix.Length > 0 && IsProtobufFieldStart(prefix[0]))
            return ModelFileFormat.Onnx;
        if (fileName == "saved_model.pb" && prefix.Length > 0 && IsProtobufFieldStart(prefix[0]))
            return ModelFileFormat.TensorFlowSavedModel;
        return ModelFileFormat.Unknown;
    }

    /// <summary>Tells zip-based formats apart by their member names (from the central directory).</summary>
    public static ModelFileFormat ClassifyZip(IEnumerable<string> memberNames, string fileName)
    {
        var names = memberNames.ToList();
        // torch.save writes "<folder>/data.pkl", "<folder>/data/<n>", "<folder>/version"; the folder name varies.
        var hasDataPickle = names.Any(n => n.EndsWith("/data.pkl", StringComparison.Ordinal) || n == "data.pkl");
        if (hasDataPickle)
            return names.Any(n => n.Contains("/code/", StringComparison.Ordinal) || n.StartsWith("code/", StringComparison.Ordinal))
                ? ModelFileFormat.TorchScript
                : ModelFileFormat.PyTorchZip;
        if (names.Contains("config.json") && names.Any(n => n.EndsWith(".weights.h5", StringComparison.Ordinal) || n == "metadata.json"))
            return ModelFileFormat.KerasZip;
        if (names.Count > 0 && names.All(n => n.EndsWith(".npy", StringComparison.Ordinal) || n.EndsWith('/')))
            return ModelFileFormat.NumPyZip;
        return fileName.EndsWith(".keras", StringComparison.OrdinalIgnoreCase) ? ModelFileFormat.KerasZip : ModelFileFormat.Zip;
    }

    /// <summary>The report spelling of a format, e.g. <c>pytorch-zip</c>.</summary>
    public static string Name(ModelFileFormat format) => format switch
    {
        ModelFileFormat.Pickle => "pickle",
        ModelFileFormat.PyTorchZip => "pytorch-zip",
        ModelFileFormat.TorchScript => "torchscript",
        ModelFileFormat.Joblib => "joblib",
        ModelFileFormat.NumPy => "numpy",
        ModelFileFormat.NumPyZip => "numpy-npz",
        ModelFileFormat.Safetensors => "safetensors",
        ModelFileFormat.Gguf => "gguf",
        ModelFileFormat.Hdf5 => "hdf5",
        ModelFileFormat.KerasZip => "keras",
        ModelFileFormat.Onnx => "onnx",
        ModelFileFormat.TensorFlowSavedModel => "tensorflow-savedmodel",
        ModelFileFormat.TensorFlowLite => "tflite",
        ModelFileFormat.Zip => "zip",
        ModelFileFormat.Tar => "tar",
        _ => "unknown",
    };

    // safetensors: u64 little-endian header size N, then N bytes of JSON starting with '{', within the file.
    private static bool IsSafetensors(ReadOnlySpan<byte> prefix, long fileLength)
    {
        if (prefix.Length < 9)
            return false;
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        return headerLength >= 2 && headerLength <= (ulong)Math.Max(0, fileLength - 8) && prefix[8] == (byte)'{';
    }

    // Pickle protocol 2+ starts with PROTO (0x80) and the protocol number; protocol 0/1 pickles of models
    // start with MARK '(' , EMPTY_DICT '}' , EMPTY_LIST ']' or GLOBAL 'c' followed by a module name.
    private static bool IsPickle(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 2 && prefix[0] == 0x80 && prefix[1] is >= 2 and <= 5)
            return true;
        if (prefix.Length >= 3 && prefix[0] == (byte)'c' && char.IsAsciiLetter((char)prefix[1]))
        {
            var newline = prefix.IndexOf((byte)'\n');
            return newline > 1 && newline < 100 && IsDottedName(prefix[1..newline]);
        }
        return false;
    }

    private static bool IsDottedName(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.'))
                return false;
        }
        return true;
    }

    // POSIX ustar: "ustar" at offset 257.
    private static bool IsTar(ReadOnlySpan<byte> prefix) => prefix.Length >= 262 && prefix[257..262].SequenceEqual("ustar"u8);

    private static bool IsCompressionMagic(ReadOnlySpan<byte> prefix) =>
        prefix.StartsWith("\x1f\x8b"u8) || prefix.StartsWith("BZh"u8) || prefix.StartsWith("\xfd7zXZ\0"u8)
        || prefix.StartsWith("\x04\x22\x4d\x18"u8) || (prefix.Length >= 2 && prefix[0] == 0x78 && (prefix[0] * 256 + prefix[1]) % 31 == 0);

    // A protobuf message starts with a field key: field number >= 1 and a wire type of 0, 1, 2 or 5.
    private static bool IsProtobufFieldStart(byte b) => b >> 3 != 0 && (b & 7) is 0 or 1 or 2 or 5;
}
