using System.Text;
using ModelGate.Artifacts;
using ModelGate.Formats;
using ModelGate.Formats.Archives;
using ModelGate.Formats.Gguf;
using ModelGate.Formats.Hdf5;
using ModelGate.Formats.Keras;
using ModelGate.Formats.NumPy;
using ModelGate.Formats.Onnx;
using ModelGate.Formats.Pickle;
using ModelGate.Formats.Protobuf;
using ModelGate.Formats.Safetensors;
using ModelGate.Formats.Templates;
using ModelGate.Formats.TensorFlow;

namespace ModelGate.Fuzzing;

/// <summary>One fuzz target: runs a reader on <paramref name="data"/>; <paramref name="nameHint"/> is a file name for targets that look at names.</summary>
internal delegate void FuzzTarget(byte[] data, string nameHint);

/// <summary>
/// The fuzz targets, one per reader. Each runs the reader over the whole input (and reads every member a
/// container lists); only <see cref="MalformedDataException"/> is an expected outcome: any other exception is
/// a reader bug. The <c>scanner</c> target may not throw at all.
/// </summary>
internal static class Targets
{
    /// <summary>Members read from containers are cut here: the fuzzer looks for crashes, not for slow inflation.</summary>
    private const long MaxMemberBytes = 16L * 1024 * 1024;

    private static readonly ArchiveLimits FuzzArchiveLimits = new() { MaxEntryUncompressedBytes = MaxMemberBytes };

    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal)
    {
        ["pickle"] = Reader(Pickle),
        ["zip"] = Reader(Zip),
        ["tar"] = Reader(Tar),
        ["gzip"] = Reader(Compressed),
        ["compressed"] = Reader(Compressed),
        ["7z"] = Reader(SevenZip),
        ["safetensors"] = Reader(Safetensors),
        ["gguf"] = Reader(Gguf),
        ["npy"] = Reader(Npy),
        ["chat-template"] = Reader(ChatTemplate),
        ["protobuf"] = Reader(Protobuf),
        ["onnx"] = Reader(Onnx),
        ["savedmodel"] = Reader(SavedModel),
        ["keras-config"] = Reader(KerasConfig),
        ["hdf5"] = Reader(Hdf5),
        ["cyclonedx"] = Reader(CycloneDx),
        ["scanner"] = Scanner,
        ["lock-file"] = LockFile,
        ["hub-model-info"] = HubModelInfo,
        ["policy-file"] = PolicyFile,
        ["json-report"] = JsonReport,
        ["tuf-metadata"] = TufMetadata,
        ["model-card"] = Reader(ModelCard),
        ["model-config"] = Reader(ModelConfig),
        ["sigstore-bundle"] = SigstoreBundle,
        ["trusted-root"] = TrustedRoot,
    };

    /// <summary>
    /// Targets whose only allowed failure is <see cref="MalformedDataException"/> (all but <c>scanner</c>). They
    /// let it out so the campaign can count refusals; <see cref="Swallowing"/> wraps them for AFL and libFuzzer.
    /// </summary>
    public static bool MayRefuse(string name) => name is not ("scanner" or "lock-file" or "hub-model-info" or "policy-file" or "json-report" or "tuf-metadata" or "sigstore-bundle" or "trusted-root");

    /// <summary>The target as AFL and libFuzzer run it: <see cref="MalformedDataException"/>, the readers' one failure, is swallowed.</summary>
    public static FuzzTarget Swallowing(string name, FuzzTarget target) => !MayRefuse(name) ? target : (data, nameHint) =>
    {
        try
        {
            target(data, nameHint);
        }
        catch (MalformedDataException)
        {
            // The documented way for a reader to refuse hostile bytes.
        }
    };

    private static FuzzTarget Reader(Action<byte[]> read) => (data, _) => read(data);

    private static MemoryStream Open(byte[] data) => new(data, writable: false);

    private static void CycloneDx(byte[] data)
    {
        var bom = Formats.CycloneDx.CycloneDxReader.Read(data);
        foreach (var component in bom.Components)
            _ = component.PackageUrl?.ToString();
    }

    private static void Pickle(byte[] data)
    {
        using var stream = Open(data);
        _ = PickleAnalyzer.Analyze(stream, new PickleAnalysisOptions { RecordListing = true });
    }

    private static void Zip(byte[] data)
    {
        using var stream = Open(data);
        var directory = ZipDirectoryReader.Read(stream, FuzzArchiveLimits);
        foreach (var entry in directory.Entries.Concat(directory.UnlistedLocalEntries))
        {
            if (entry.IsDirectory)
                continue;
            try
            {
                using var member = ZipEntryReader.Open(stream, entry, FuzzArchiveLimits);
                member.CopyTo(Stream.Null);
            }
            catch (MalformedDataException)
            {
                // One bad member; go on with the next, as the scanner does.
            }
        }
    }

    private static void Tar(byte[] data)
    {
        using var stream = Open(data);
        foreach (var entry in TarArchiveReader.ReadEntries(stream, FuzzArchiveLimits))
        {
            if (!entry.HasData)
                continue;
            using var member = entry.Open();
            member.CopyTo(Stream.Null);
        }
    }

    private static void Compressed(byte[] data)
    {
        var kind = CompressedStream.Detect(data.AsSpan(0, Math.Min(data.Length, CompressedStream.PrefixLength)));
        if (kind == CompressionKind.None)
            return;
        using var stream = Open(data);
        using var decoded = CompressedStream.Open(stream, kind, MaxMemberBytes, ArchiveLimits.Default.MaxCompressionRatio);
        decoded.CopyTo(Stream.Null);
    }

    private static void SevenZip(byte[] data)
    {
        using var stream = Open(data);
        using var archive = SevenZipArchiveReader.Open(stream, FuzzArchiveLimits);
        foreach (var entry in archive.Entries)
        {
            if (entry.IsDirectory || entry.IsEncrypted)
                continue;
            try
            {
                using var member = archive.OpenEntry(entry, MaxMemberBytes);
                member.CopyTo(Stream.Null);
            }
            catch (MalformedDataException)
            {
                // One bad member; go on with the next.
            }
        }
    }

    private static void Safetensors(byte[] data)
    {
        using var stream = Open(data);
        _ = SafetensorsReader.Read(stream);
    }

    private static void Gguf(byte[] data)
    {
        using var stream = Open(data);
        _ = GgufReader.Read(stream, GgufLimits.Default);
    }

    private static void Npy(byte[] data)
    {
        using var stream = Open(data);
        _ = NpyReader.ReadHeader(stream);
    }

    private static void ChatTemplate(byte[] data) => _ = ChatTemplateInspector.Inspect(Encoding.UTF8.GetString(data));

    private static void Protobuf(byte[] data)
    {
        using var stream = Open(data);
        _ = ProtobufProbe.IsWellFormedMessage(stream);
    }

    private static void Onnx(byte[] data)
    {
        using var stream = Open(data);
        _ = OnnxReader.Read(stream);
    }

    private static void SavedModel(byte[] data)
    {
        using (var stream = Open(data))
            _ = SavedModelReader.Read(stream);
        using (var stream = Open(data))
            _ = SavedModelReader.ReadKerasMetadata(stream);
    }

    private static void KerasConfig(byte[] data)
    {
        _ = KerasConfigInspector.Inspect(data);
        _ = KerasConfigInspector.Inspect(Encoding.UTF8.GetString(data));
    }

    private static void Hdf5(byte[] data)
    {
        using var stream = Open(data);
        _ = Hdf5AttributeReader.ReadRootAttributes(stream);
    }

    /// <summary>The whole engine walk over one file; it must never throw (every failure is an MG2004 finding).</summary>
    private static void Scanner(byte[] data, string nameHint)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"modelgate-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.IsNullOrEmpty(nameHint) ? "input.bin" : Path.GetFileName(nameHint));
        File.WriteAllBytes(path, data);
        try
        {
            var (_, findings) = ArtifactScanner.ScanFile(path, Path.GetFileName(path), sha256: null, ArtifactScanSettings.Default);
            // The scanner turns a reader's unexpected exception into an MG2004 finding; for the fuzzer that is still a reader bug.
            if (findings.FirstOrDefault(f => f.Message.Contains("reader failed unexpectedly", StringComparison.Ordinal)) is { } bug)
                throw new ReaderBugException(bug.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The lock file reader: <see cref="Provenance.Locks.LockFileException"/> is its refusal; anything else is a bug.</summary>
    private static void LockFile(byte[] data, string nameHint)
    {
        try
        {
            _ = Provenance.Locks.ModelLockFile.Parse(data, nameHint);
        }
        catch (Provenance.Locks.LockFileException)
        {
            // The documented refusal.
        }
    }

    /// <summary>The Hub's model-info parser: a protocol <see cref="Provenance.Hub.HubException"/> is its refusal.</summary>
    private static void HubModelInfo(byte[] data, string nameHint)
    {
        try
        {
            _ = Provenance.Hub.HubModelInfoParser.Parse(data, Provenance.Hub.HubRepoId.Parse("acme/model"), nameHint, 1 << 20);
        }
        catch (Provenance.Hub.HubException)
        {
            // The documented refusal.
        }
    }

    /// <summary>
    /// The TUF metadata readers (all four roles) and, for a root, the check of its own signature threshold (which
    /// imports every key it lists): <see cref="Signatures.Tuf.TufException"/> is their refusal.
    /// </summary>
    private static void TufMetadata(byte[] data, string nameHint)
    {
        var limits = Signatures.Tuf.TufLimits.Default;
        foreach (var read in (Action[])[
            () =>
            {
                var root = Signatures.Tuf.TufMetadataReader.ReadRoot(data, nameHint, limits);
                Signatures.Tuf.TufIntegrity.RequireThreshold(root.Metadata, root, Signatures.Tuf.TufRoot.RootRole, "itself");
            },
            () => _ = Signatures.Tuf.TufMetadataReader.ReadTimestamp(data, nameHint, limits),
            () => _ = Signatures.Tuf.TufMetadataReader.ReadSnapshot(data, nameHint, limits),
            () => _ = Signatures.Tuf.TufMetadataReader.ReadTargets(data, nameHint, limits),
        ])
        {
            try
            {
                read();
            }
            catch (Signatures.Tuf.TufException)
            {
                // The documented refusal.
            }
        }
    }

    /// <summary>The model-card reader takes any text: broken YAML or Markdown is recorded on the card, never thrown.</summary>
    private static void ModelCard(byte[] data) => _ = ModelGate.Formats.ModelCards.ModelCardReader.Read(Encoding.UTF8.GetString(data));

    private static void ModelConfig(byte[] data) => _ = ModelGate.Formats.ModelCards.ModelConfigReader.Read(data);

    /// <summary>The Sigstore bundle reader: <see cref="Signatures.Sigstore.SigstoreVerificationException"/> (check bundle-format) is its refusal.</summary>
    private static void SigstoreBundle(byte[] data, string nameHint)
    {
        try
        {
            _ = Signatures.Sigstore.SigstoreBundleReader.Read(data, nameHint);
        }
        catch (Signatures.Sigstore.SigstoreVerificationException)
        {
            // The documented refusal.
        }
    }

    /// <summary>The trusted-root reader: <see cref="Signatures.Sigstore.SigstoreVerificationException"/> (check trusted-root) is its refusal.</summary>
    private static void TrustedRoot(byte[] data, string nameHint)
    {
        try
        {
            _ = Signatures.Sigstore.TrustedRootReader.Read(data, nameHint);
        }
        catch (Signatures.Sigstore.SigstoreVerificationException)
        {
            // The documented refusal.
        }
    }

    /// <summary>The policy file reader (YAML, then CEL compilation): <see cref="Policy.PolicyException"/> is its refusal.</summary>
    private static void PolicyFile(byte[] data, string nameHint)
    {
        try
        {
            _ = Policy.PolicyFile.Parse(Encoding.UTF8.GetString(data), nameHint);
        }
        catch (Policy.PolicyException)
        {
            // The documented refusal.
        }
    }

    /// <summary>The JSON report reader behind <c>policy test</c>: <see cref="InvalidDataException"/> is its refusal.</summary>
    private static void JsonReport(byte[] data, string nameHint)
    {
        try
        {
            _ = Reporting.Json.JsonReportReader.Parse(data, nameHint);
        }
        catch (InvalidDataException)
        {
            // The documented refusal (MalformedDataException derives from it too).
        }
    }
}

/// <summary>A reader bug that the scanner caught and reported as a finding.</summary>
internal sealed class ReaderBugException(string message) : Exception(message);
