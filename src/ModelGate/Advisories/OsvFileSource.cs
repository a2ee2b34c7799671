using System.IO.Compression;
using System.Text;
using ModelGate.Formats;
using ModelGate.Formats.Osv;

namespace ModelGate.Advisories;

/// <summary>
/// Loads OSV advisories from a folder tree or a <c>.zip</c> of one: osv.dev's export layout
/// (<c>&lt;ID&gt;.json</c>, e.g. the PyPI <c>all.zip</c>) and the PyPA database layout
/// (<c>vulns/&lt;package&gt;/&lt;ID&gt;.yaml</c>). Files ending in <c>.json</c>, <c>.yaml</c> or <c>.yml</c> are
/// read; anything else is ignored. An advisory that cannot be read is skipped with a warning naming it, and
/// the rest load. Files are parsed in parallel; the result is in path order whatever the thread timing.
/// </summary>
/// <remarks>
/// Archives are read with bounds (<see cref="ReaderLimits"/>): member count, bytes per member (counted while
/// decompressing, never trusted from the header), bytes in total, the compression ratio of large members,
/// and member names that climb out (<c>..</c>) or are absolute are skipped. Symbolic links inside a folder
/// are not followed, so a link cycle cannot make the walk endless.
/// </remarks>
internal static class OsvFileSource
{
    private const int ParseBatchMembers = 512;
    private const long ParseBatchBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="AdvisorySourceException">The path does not exist, or the archive cannot be opened or breaks a whole-archive bound.</exception>
    public static LoadedAdvisories Load(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            return LoadDirectory(path, cancellationToken);
        if (File.Exists(path))
        {
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                return LoadZip(path, cancellationToken);
            var result = Parse(new AdvisoryFile(path, File.ReadAllBytes(path)));
            return new LoadedAdvisories(result.Advisory is { } a ? [a] : [], result.Warning is { } w ? [w] : []);
        }
        throw new AdvisorySourceException($"advisory source '{path}' does not exist");
    }

    private static LoadedAdvisories LoadDirectory(string root, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            MatchType = MatchType.Simple,
        };
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            if (!IsAdvisoryName(file))
                continue;
            if (files.Count == ReaderLimits.MaxAdvisoryFiles)
                throw new AdvisorySourceException($"advisory folder '{root}' holds more than {ReaderLimits.MaxAdvisoryFiles} advisory files");
            files.Add(file);
        }
        files.Sort(StringComparer.Ordinal);

        var results = new ParseResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var file = files[i];
            try
            {
                var length = new FileInfo(file).Length;
                results[i] = length > ReaderLimits.MaxAdvisoryBytes
                    ? ParseResult.Skip($"{file}: skipped: {length} bytes, more than the {ReaderLimits.MaxAdvisoryBytes}-byte advisory limit")
                    : Parse(new AdvisoryFile(file, File.ReadAllBytes(file)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                results[i] = ParseResult.Skip($"{file}: skipped: {ex.Message}");
            }
        });
        return Collect(results);
    }

    private static LoadedAdvisories LoadZip(string path, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new AdvisorySourceException($"advisory archive '{path}' cannot be opened: {ex.Message}", ex);
        }
        using (archive)
        {
            var entries = archive.Entries;
            if (entries.Count > ReaderLimits.MaxAdvisoryArchiveMembers)
                throw new AdvisorySourceException($"advisory archive '{path}' has {entries.Count} members, more than the {ReaderLimits.MaxAdvisoryArchiveMembers} limit");
            var results = new List<ParseResult>();
            var batch = new List<AdvisoryFile>();
            long batchBytes = 0;
            long total = 0;
            foreach (var entry in entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsAdvisoryName(entry.FullName))
                    continue;
                var where = $"{path}!{entry.FullName}";
                if (!IsSafeMemberName(entry.FullName))
                {
                    results.Add(ParseResult.Skip($"{where}: skipped: the member name is absolute or climbs out with '..'"));
                    continue;
                }
                var bytes = ReadMember(entry, where, ref total, out var warning);
                if (bytes is null)
                {
                    results.Add(ParseResult.Skip(warning!));
                    continue;
                }
                batch.Add(new AdvisoryFile(where, bytes));
                batchBytes += bytes.Length;
                if (batch.Count >= ParseBatchMembers || batchBytes >= ParseBatchBytes)
                {
                    results.AddRange(ParseBatch(batch, cancellationToken));
                    batch.Clear();
                    batchBytes = 0;
                }
            }
            results.AddRange(ParseBatch(batch, cancellationToken));
            return Collect(results);
        }
    }

    // Decompresses one member, counting real bytes: the sizes in a zip header are the archive's claim, not a fact.
    private static byte[]? ReadMember(ZipArchiveEntry entry, string where, ref long total, out string? warning)
    {
        warning = null;
        if (entry.Length > ReaderLimits.MaxAdvisoryBytes)
        {
            warning = $"{where}: skipped: {entry.Length} bytes, more than the {ReaderLimits.MaxAdvisoryBytes}-byte advisory limit";
            return null;
        }
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream((int)Math.Max(0, Math.Min(entry.Length, ReaderLimits.MaxAdvisoryBytes)));
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > ReaderLimits.MaxAdvisoryBytes)
                {
                    warning = $"{where}: skipped: decompresses to more than the {ReaderLimits.MaxAdvisoryBytes}-byte advisory limit";
                    return null;
                }
                total += read;
                if (total > ReaderLimits.MaxAdvisoryArchiveBytes)
                    throw new AdvisorySourceException($"{where}: the archive decompresses to more than {ReaderLimits.MaxAdvisoryArchiveBytes} bytes in total; refused as a zip bomb");
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length > ReaderLimits.CompressionRatioFloorBytes
                && buffer.Length > (long)ReaderLimits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                warning = $"{where}: skipped: compression ratio above {ReaderLimits.MaxCompressionRatio}:1 (a zip bomb, not an advisory)";
                return null;
            }
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            warning = $"{where}: skipped: {ex.Message}";
            return null;
        }
    }

    private static ParseResult[] ParseBatch(List<AdvisoryFile> batch, CancellationToken cancellationToken)
    {
        var results = new ParseResult[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Parse(batch[i]));
        return results;
    }

    private static ParseResult Parse(AdvisoryFile file)
    {
        try
        {
            var advisory = file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? OsvJsonReader.Read(file.Bytes)
                : OsvYamlReader.Read(StrictUtf8.GetString(file.Bytes));
            return new ParseResult(advisory, null);
        }
        catch (MalformedDataException ex)
        {
            return ParseResult.Skip($"{file.Name}: skipped: {ex.Message}");
        }
        catch (DecoderFallbackException)
        {
            return ParseResult.Skip($"{file.Name}: skipped: the file is not UTF-8 text");
        }
    }

    private static LoadedAdvisories Collect(IEnumerable<ParseResult> results)
    {
        var advisories = new List<OsvAdvisory>();
        var warnings = new List<string>();
        foreach (var result in results)
        {
            if (result.Advisory is { } advisory)
                advisories.Add(advisory);
            if (result.Warning is { } warning)
                warnings.Add(warning);
        }
        return new LoadedAdvisories(advisories, warnings);
    }

    private static bool IsAdvisoryName(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    // APPNOTE.TXT 4.4.17: member names are relative, '/'-separated, with no drive letter or leading slash.
    private static bool IsSafeMemberName(string name)
    {
        if (name.Length == 0 || name[0] is '/' or '\\' || (name.Length > 1 && name[1] == ':'))
            return false;
        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment == "..")
                return false;
        }
        return true;
    }

    private readonly record struct AdvisoryFile(string Name, byte[] Bytes);

    private readonly record struct ParseResult(OsvAdvisory? Advisory, string? Warning)
    {
        public static ParseResult Skip(string warning) => new(null, warning);
    }
}
