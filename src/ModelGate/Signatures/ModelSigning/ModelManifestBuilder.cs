using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using ModelGate.Provenance.Digests;

namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Builds the manifest of a model folder (or single file) as model_signing's serializers do: walk the folder
/// without following links, leave out ignored paths, hash each regular file (files method) or each
/// <c>shard_size</c> range of it (shards method). Hashing is the only cost that grows with the model: whole files
/// go through <see cref="FileHasher"/> (parallel, largest first), shards are read with positioned reads in
/// parallel.
/// </summary>
internal static class ModelManifestBuilder
{
    /// <param name="modelPath">The model folder, or one model file.</param>
    /// <param name="options">The serialization to reproduce.</param>
    /// <param name="ignorePaths">Paths left out, relative to the model (POSIX); the options' own ignore paths are added.</param>
    /// <param name="alwaysInclude">Paths hashed even when an ignore rule matches them: what a signature lists is always checked.</param>
    /// <param name="limits">Bounds on the walk.</param>
    /// <param name="cancellationToken">Cancels the walk and the hashing.</param>
    public static async Task<ModelManifest> BuildAsync(
        string modelPath, SerializationOptions options, IEnumerable<string> ignorePaths, IReadOnlySet<string>? alwaysInclude, ModelSigningLimits limits, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(modelPath).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0)
            full = Path.DirectorySeparatorChar.ToString();
        var modelName = Path.GetFileName(full);
        List<(string Name, string FullPath)> files;
        if (File.Exists(full) && !Directory.Exists(full))
        {
            if (!options.AllowSymlinks && new FileInfo(full).LinkTarget is not null)
                throw Refused(full, "is a symbolic link and the serialization does not allow symbolic links");
            files = [(ResourceNames.WholeModel, full)];
        }
        else if (Directory.Exists(full))
        {
            if (!options.AllowSymlinks && new DirectoryInfo(full).LinkTarget is not null)
                throw Refused(full, "is a symbolic link and the serialization does not allow symbolic links");
            var ignore = ignorePaths.Concat(options.IgnorePaths).Select(ResourceNames.NormalizeIgnore).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var walk = new Walk(full, ResolveReal(full), options.AllowSymlinks, ignore, alwaysInclude ?? new HashSet<string>(), limits);
            walk.Folder(full, string.Empty, 0, cancellationToken);
            files = walk.Files;
        }
        else
        {
            throw Refused(full, "does not exist");
        }
        if (files.Count == 0)
            throw Refused(full, "holds no regular files after applying the ignore paths");

        var resources = options.IsShards
            ? await HashShardsAsync(files, options, limits, cancellationToken).ConfigureAwait(false)
            : await HashFilesAsync(files, cancellationToken).ConfigureAwait(false);
        resources.Sort(new ResourceOrder(options.IsShards));
        return new ModelManifest(modelName, options, resources);
    }

    private static async Task<List<ManifestResource>> HashFilesAsync(List<(string Name, string FullPath)> files, CancellationToken cancellationToken)
    {
        var digests = await FileHasher.HashFilesAsync([.. files.Select(f => f.FullPath)], DigestKinds.Sha256, null, cancellationToken).ConfigureAwait(false);
        return [.. files.Select((f, i) => new ManifestResource(f.Name, ModelSigningFormat.Sha256, digests[i].Sha256!))];
    }

    private static async Task<List<ManifestResource>> HashShardsAsync(List<(string Name, string FullPath)> files, SerializationOptions options, ModelSigningLimits limits, CancellationToken cancellationToken)
    {
        var shardSize = options.ShardSize!.Value;
        var shards = new List<(ShardName Name, string FullPath)>();
        foreach (var (name, fullPath) in files)
        {
            var length = new FileInfo(fullPath).Length;
            // model_signing file_shard._endpoints: [0, s), [s, 2s), ..., last one ends at the file's length.
            // An empty file is the empty shard name:0:0 (model_signing 1.1 io.ShardedFileHasher: "equal to start
            // means an empty shard, as used for an empty file").
            var count = length == 0 ? 1 : ((length - 1) / shardSize) + 1;
            if (shards.Count + count > limits.MaxResources)
                throw Refused(fullPath, $"splits the model into more than {limits.MaxResources} shards of {shardSize} bytes");
            for (long start = 0, i = 0; i < count; i++, start += shardSize)
                shards.Add((new ShardName(name, start, Math.Min(start + shardSize, length)), fullPath));
        }
        var results = new ManifestResource[shards.Count];
        var options2 = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(Enumerable.Range(0, shards.Count).OrderByDescending(i => shards[i].Name.End - shards[i].Name.Start), options2, async (i, ct) =>
        {
            var (shard, fullPath) = shards[i];
            results[i] = new ManifestResource(shard.ToString(), options.HashType, await HashRangeAsync(fullPath, shard.Start, shard.End, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);
        return [.. results];
    }

    /// <summary>SHA-256 of bytes [start, end) of a file; a file now shorter than <paramref name="end"/> is an IOException naming it.</summary>
    internal static async Task<string> HashRangeAsync(string path, long start, long end, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (end > start)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var buffer = ArrayPool<byte>.Shared.Rent(FileHasher.BlockSize);
            try
            {
                for (var offset = start; offset < end;)
                {
                    var want = (int)Math.Min(FileHasher.BlockSize, end - offset);
                    var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), offset, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                        throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{path} ended at byte {offset} while reading the shard [{start}, {end})"));
                    hash.AppendData(buffer, 0, read);
                    offset += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ModelSignatureException Refused(string path, string problem) => new("manifest", $"{path}: {problem}");

    private static string ResolveReal(string full)
    {
        var info = new DirectoryInfo(full);
        return info.LinkTarget is not null && info.ResolveLinkTarget(true) is { } target ? target.FullName : info.FullName;
    }

    private sealed class Walk(string root, string realRoot, bool allowSymlinks, string[] ignore, IReadOnlySet<string> alwaysInclude, ModelSigningLimits limits)
    {
        /// <summary>Every listed path and every folder above one: an ignored entry in this set is still walked.</summary>
        private readonly HashSet<string> _kept = Kept(alwaysInclude);

        public List<(string Name, string FullPath)> Files { get; } = [];

        private static HashSet<string> Kept(IReadOnlySet<string> paths)
        {
            var kept = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                for (var p = path; p.Length > 0 && kept.Add(p); p = p.LastIndexOf('/') is var slash and >= 0 ? p[..slash] : string.Empty)
                {
                }
            }
            return kept;
        }

        public void Folder(string fullPath, string relative, int depth, CancellationToken cancellationToken)
        {
            if (depth > limits.MaxFolderDepth)
                throw Refused(fullPath, $"is nested deeper than {limits.MaxFolderDepth} folders");
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(fullPath).EnumerateFileSystemInfos()];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ModelSignatureException("manifest", $"{fullPath}: cannot be listed: {ex.Message}", ex);
            }
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
                if (IsIgnored(name))
                    continue;
                if (ResourceNames.Problem(name, limits.MaxNameLength) is { } problem)
                    throw Refused(entry.FullName, $"cannot be named in a model signature ({problem})");
                if (entry.LinkTarget is not null)
                {
                    Link(entry, name);
                    continue;
                }
                if (entry is DirectoryInfo)
                {
                    Folder(entry.FullName, name, depth + 1, cancellationToken);
                    continue;
                }
                Add(name, entry.FullName);
            }
        }

        private void Link(FileSystemInfo entry, string name)
        {
            if (!allowSymlinks)
                throw Refused(entry.FullName, "is a symbolic link and the serialization does not allow symbolic links");
            FileSystemInfo? target;
            try
            {
                target = entry.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException ex)
            {
                throw new ModelSignatureException("manifest", $"{entry.FullName}: symbolic link cannot be resolved: {ex.Message}", ex);
            }
            if (target is null || !target.Exists)
                throw Refused(entry.FullName, "is a broken symbolic link");
            // Links are followed only inside the model: a link out of the folder would sign (or check) bytes the
            // model's owner does not ship and a verifier may not have.
            if (!ResourceNames.IsAtOrBelow(target.FullName.Replace(Path.DirectorySeparatorChar, '/'), realRoot.Replace(Path.DirectorySeparatorChar, '/')))
                throw Refused(entry.FullName, $"is a symbolic link to {target.FullName}, outside the model folder");
            if (target is DirectoryInfo)
                throw Refused(entry.FullName, "is a symbolic link to a folder, which ModelGate does not follow");
            Add(name, entry.FullName);
        }

        private void Add(string name, string fullPath)
        {
            if (Files.Count >= limits.MaxResources)
                throw Refused(root, $"holds more than {limits.MaxResources} files");
            Files.Add((name, fullPath));
        }

        private bool IsIgnored(string name)
        {
            foreach (var prefix in ignore)
            {
                if (ResourceNames.IsAtOrBelow(name, prefix))
                    return !_kept.Contains(name);
            }
            return false;
        }
    }
}
