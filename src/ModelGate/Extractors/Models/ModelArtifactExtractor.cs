using System.IO.Compression;
using System.Security.Cryptography;
using ModelGate.Discovery;
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
    /// <summary>Most zip members listed to tell zip-based formats apart.</summary>
    private const int MaxZipMembersListed = 100_000;

    public const string ExtractorName = "model/artifact";

    public string Name => ExtractorName;

    /// <summary>
    /// Files with a model extension, and files without an extension whose first bytes are a model format
    /// (Hub repositories and checkpoint folders hold extension-less weights).
    /// </summary>
    public bool CanExtract(DiscoveredFile file)
    {
        if (ModelFileSniffer.HasModelExtension(file.FileName))
            return true;
        if (file.FileName.Contains('.', StringComparison.Ordinal) || file.Length < 16)
            return false;
        return ModelFileSniffer.Sniff(file.ReadPrefix(ModelFileSniffer.PrefixLength), file.FileName, file.Length) != ModelFileFormat.Unknown;
    }

    public async ValueTask ExtractAsync(ExtractionContext context, CancellationToken cancellationToken)
    {
        var file = context.File;
        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var prefix = new byte[(int)Math.Min(ModelFileSniffer.PrefixLength, stream.Length)];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var format = ModelFileSniffer.Sniff(prefix, file.FileName, stream.Length);
        if (format == ModelFileFormat.Zip)
            format = ClassifyZip(stream, file.FileName, context);
        // ".pth" is also Python's path-configuration file and ".bin"/".model"/".pb" name many things: text
        // under such a name is not a model. Names that only models use are listed even when unrecognised.
        if (format == ModelFileFormat.Unknown && IsAmbiguousExtension(file.FileName) && LooksLikeText(prefix))
            return;

        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Options.HashArtifacts)
        {
            stream.Position = 0;
            digests["sha256"] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        context.AddArtifact(new ModelArtifact(context.At(), ModelFileSniffer.Name(format), stream.Length, digests));
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

    private static ModelFileFormat ClassifyZip(FileStream stream, string fileName, ExtractionContext context)
    {
        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return ModelFileSniffer.ClassifyZip(zip.Entries.Take(MaxZipMembersListed).Select(e => e.FullName), fileName);
        }
        catch (InvalidDataException ex)
        {
            context.ReportParseError(null, $"zip archive could not be read: {ex.Message}");
            return ModelFileFormat.Zip;
        }
    }
}
