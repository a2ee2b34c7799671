using System.Security.Cryptography;
using ModelGate.Discovery;
using ModelGate.Formats;
using ModelGate.Formats.Archives;
using ModelGate.Formats.Pickle;
using ModelGate.Formats.ModelFiles;
using ModelGate.Inventory;

namespace ModelGate.Extractors.Models;

/// <summary>
/// Lists model files: the format their bytes show, their size and SHA-256. Recognition is by content;
/// the name only chooses which files to look at (and names ONNX and SavedModel files, which have no magic).
/// Whether a model file is safe is the artifact scanner's question, not this one's.
/// </summary>
internal sealed class ModelArtifactExtractor : IExtractor
{
    public const string ExtractorName = "model/artifact";

    public string Name => ExtractorName;

    /// <summary>
    /// Files with a model extension; and any other file whose first bytes are a model format, a pickle, or an
    /// archive or compressed stream that could hold one (Hub repositories and checkpoint folders hold
    /// extension-less weights; payloads hide under innocent names) — except source, text and document files,
    /// which a loader never unpickles, unless the user named the file as the target.
    /// </summary>
    public bool CanExtract(DiscoveredFile file)
    {
        if (ModelFileSniffer.HasModelExtension(file.FileName))
            return true;
        if ((!file.IsExplicitTarget && IsTextOrSourceName(file.FileName)) || file.Length < 8)
            return false;
        var prefix = file.ReadPrefix(ModelFileSniffer.PrefixLength);
        // Under a name that says nothing, a pickle must decode beyond its first two bytes (raw tensor data,
        // such as ONNX external data files, starts with 0x80 0x02 now and then).
        var format = ModelFileSniffer.Sniff(prefix, file.FileName, file.Length);
        return (format != ModelFileFormat.Unknown && format != ModelFileFormat.Pickle)
            || PickleProbe.LooksLikePickle(prefix)
            || SevenZipArchiveReader.IsSevenZip(prefix)
            || CompressedStream.Detect(prefix) is not (CompressionKind.None or CompressionKind.Zlib);
    }

    public async ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var file = context.File;
        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var prefix = new byte[(int)Math.Min(ModelFileSniffer.PrefixLength, stream.Length)];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var format = ModelFileSniffer.Sniff(prefix, file.FileName, stream.Length);
        if (format == ModelFileFormat.Zip)
            format = ClassifyZip(stream, file.FileName);
        // ".pth" is also Python's path-configuration file and ".bin"/".model"/".pb" name many things: text
        // under such a name is not a model. Names that only models use are listed even when unrecognised.
        if (format == ModelFileFormat.Unknown && IsAmbiguousExtension(file.FileName) && LooksLikeText(prefix))
            return;
        var formatName = format != ModelFileFormat.Unknown ? ModelFileSniffer.Name(format)
            : PickleProbe.LooksLikePickle(prefix) ? "pickle"
            : SevenZipArchiveReader.IsSevenZip(prefix) ? "7z"
            : CompressedStream.Detect(prefix) is var kind and not CompressionKind.None ? kind.ToString().ToLowerInvariant()
            : "unknown";

        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Options.HashArtifacts)
        {
            stream.Position = 0;
            digests["sha256"] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        context.AddArtifact(new ModelArtifact(context.At(), formatName, stream.Length, digests));
    }

    private static bool IsAmbiguousExtension(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".pth" or ".bin" or ".model" or ".pb" or ".sav" or ".mar" or ".dill";

    private static bool LooksLikeText(ReadOnlySpan<byte> prefix)
    {
        foreach (var b in prefix)
        {
            if (b is < 0x09 or (> 0x0D and < 0x20) or 0x7F)
                return false;
        }
        return true;
    }

    /// <summary>
    /// Tells zip-based formats apart by member names, read as PyTorch reads them (leniently): the artifact
    /// scanner reports what is irregular about the archive; listing only needs the names.
    /// </summary>
    private static ModelFileFormat ClassifyZip(FileStream stream, string fileName)
    {
        try
        {
            stream.Position = 0;
            var directory = ZipDirectoryReader.Read(stream, ArchiveLimits.Default);
            return ModelFileSniffer.ClassifyZip(directory.Entries.Select(e => e.Name), fileName);
        }
        catch (MalformedDataException)
        {
            return ModelFileFormat.Zip;
        }
    }

    // Files loaders never unpickle: source code, text, documents, web assets, images.
    private static bool IsTextOrSourceName(string name) => Path.GetExtension(name).ToLowerInvariant() is
        ".py" or ".pyi" or ".pyx" or ".txt" or ".md" or ".rst" or ".json" or ".jsonl" or ".yaml" or ".yml" or ".toml"
        or ".cfg" or ".ini" or ".lock" or ".csv" or ".tsv" or ".html" or ".htm" or ".css" or ".js" or ".ts" or ".sh"
        or ".xml" or ".ipynb" or ".in" or ".c" or ".h" or ".cc" or ".cpp" or ".hpp" or ".go" or ".rs" or ".java" or ".cs"
        or ".sql" or ".log" or ".svg" or ".png" or ".jpg" or ".jpeg" or ".gif" or ".pdf" or ".typed" or ".license" or ".whl"
        or ".jinja" or ".j2" or ".tmpl" or ".env" or ".gitignore" or ".gitattributes" or ".dockerignore";
}
