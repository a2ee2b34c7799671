using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelGate.Provenance.Hub;

namespace ModelGate.Provenance.Locks;

/// <summary>
/// Reads and writes <c>modelgate.lock.json</c>, format v1 (docs/lock-format.md). Reading treats the file as
/// hostile: bounded size, depth and counts, and every problem is a <see cref="LockFileException"/> naming the
/// file, the JSON location and the reason. Writing is deterministic and atomic.
/// </summary>
internal static class ModelLockFile
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The lock is a file for people and tools, never embedded in HTML; non-ASCII paths stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ModelLock Read(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > LockLimits.MaxFileBytes)
                throw new LockFileException($"{path}: the lock file is {stream.Length} bytes, more than the {LockLimits.MaxFileBytes >> 20} MiB a lock may hold");
            bytes = ReadBounded(stream, path);
        }
        catch (FileNotFoundException)
        {
            throw new LockFileException($"{path}: the lock file does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new LockFileException($"{path}: the lock file does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LockFileException($"{path}: the lock file cannot be read: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    public static ModelLock Parse(ReadOnlySpan<byte> json, string displayName)
    {
        if (json.Length > LockLimits.MaxFileBytes)
            throw new LockFileException($"{displayName}: the lock file is {json.Length} bytes, more than the {LockLimits.MaxFileBytes >> 20} MiB a lock may hold");
        // Editors on Windows may save a UTF-8 byte order mark; it is not part of the JSON text (RFC 8259 §8.1).
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            json = json[3..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions
            {
                MaxDepth = LockLimits.MaxDepth,
                AllowDuplicateProperties = false,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new LockFileException($"{displayName}: invalid JSON{where}: {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            try
            {
                return new LockReader(displayName).ReadLock(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement refuses text it cannot transcode (invalid UTF-8 in a string).
                throw new LockFileException($"{displayName}: invalid text in the lock file: {e.Message}", e);
            }
        }
    }

    /// <summary>Writes the lock atomically: a temporary file beside the target, flushed, then moved over it.</summary>
    public static void Write(ModelLock lockFile, string path)
    {
        var bytes = Serialize(lockFile);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>The lock as v1 JSON: models by repository, files by path (ordinal), 2-space indent, trailing newline.</summary>
    public static byte[] Serialize(ModelLock lockFile)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("lockVersion", ModelLock.CurrentVersion);
            writer.WriteStartArray("models");
            foreach (var model in lockFile.Models.OrderBy(m => m.Repo.ToString(), StringComparer.Ordinal))
                WriteModel(writer, model);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteModel(Utf8JsonWriter writer, LockedModel model)
    {
        writer.WriteStartObject();
        writer.WriteString("repo", model.Repo.ToString());
        if (model.Revision is not null)
            writer.WriteString("revision", model.Revision);
        writer.WriteString("commit", model.Commit);
        if (model.Include.Count > 0)
        {
            writer.WriteStartArray("include");
            foreach (var pattern in model.Include)
                writer.WriteStringValue(pattern);
            writer.WriteEndArray();
        }
        writer.WriteBoolean("hashedLocally", model.HashedLocally);
        writer.WriteStartArray("files");
        foreach (var file in model.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            writer.WriteNumber("size", file.Size);
            if (file.Lfs)
                writer.WriteBoolean("lfs", true);
            if (file.Sha256 is not null)
                writer.WriteString("sha256", file.Sha256);
            if (file.GitBlobId is not null)
                writer.WriteString("gitBlobId", file.GitBlobId);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static byte[] ReadBounded(FileStream stream, string path)
    {
        // The length checked above can grow while we read; never take more than the limit.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > LockLimits.MaxFileBytes)
                throw new LockFileException($"{path}: the lock file is more than the {LockLimits.MaxFileBytes >> 20} MiB a lock may hold");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 5." with 0-based numbers; ours replace it.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var line = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (line > 0 ? text[..line] : text).TrimEnd();
    }

    /// <summary>Turns a parsed document into a <see cref="ModelLock"/>, naming each problem by its JSON path.</summary>
    private sealed class LockReader(string displayName)
    {
        private int _fileCount;

        public ModelLock ReadLock(JsonElement root)
        {
            RequireKind(root, JsonValueKind.Object, "$", "an object");
            if (!root.TryGetProperty("lockVersion", out var version))
                throw Fail("lockVersion", "the lockVersion field is missing: this is not a ModelGate lock file, or it is damaged");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt64(out var number))
                throw Fail("lockVersion", $"expected an integer, found {Describe(version)}");
            if (number > ModelLock.CurrentVersion)
                throw Fail("lockVersion", $"the lock is format version {number}, newer than version {ModelLock.CurrentVersion} this ModelGate reads; upgrade ModelGate");
            if (number != ModelLock.CurrentVersion)
                throw Fail("lockVersion", $"unknown lock format version {number}; this ModelGate reads version {ModelLock.CurrentVersion}");

            var models = Required(root, "models", "$", JsonValueKind.Array, "an array");
            var count = models.GetArrayLength();
            if (count > LockLimits.MaxModels)
                throw Fail("models", $"{count} models, more than the {LockLimits.MaxModels} a lock may hold");
            var result = new List<LockedModel>(count);
            var seen = new HashSet<HubRepoId>();
            var index = 0;
            foreach (var element in models.EnumerateArray())
            {
                var at = $"models[{index++}]";
                var model = ReadModel(element, at);
                if (!seen.Add(model.Repo))
                    throw Fail($"{at}.repo", $"the repository {model.Repo} is locked twice");
                result.Add(model);
            }
            result.Sort((a, b) => string.CompareOrdinal(a.Repo.ToString(), b.Repo.ToString()));
            return new ModelLock(result);
        }

        private LockedModel ReadModel(JsonElement element, string at)
        {
            RequireKind(element, JsonValueKind.Object, at, "an object");
            var repoText = RequiredString(element, "repo", at);
            if (!HubRepoId.TryParse(repoText, out var repo, out var repoError))
                throw Fail($"{at}.repo", repoError);

            string? revision = null;
            if (element.TryGetProperty("revision", out var revisionElement) && revisionElement.ValueKind != JsonValueKind.Null)
            {
                revision = StringValue(revisionElement, $"{at}.revision");
                if (revision.Length == 0 || revision.Length > LockLimits.MaxRevisionLength || revision.Any(char.IsControl))
                    throw Fail($"{at}.revision", $"expected a revision of 1-{LockLimits.MaxRevisionLength} printable characters");
            }

            var commit = Hex(RequiredString(element, "commit", at), 40, $"{at}.commit", "a 40-hex commit id");

            var include = new List<string>();
            if (element.TryGetProperty("include", out var includeElement) && includeElement.ValueKind != JsonValueKind.Null)
            {
                RequireKind(includeElement, JsonValueKind.Array, $"{at}.include", "an array of patterns");
                if (includeElement.GetArrayLength() > LockLimits.MaxIncludePatterns)
                    throw Fail($"{at}.include", $"more than {LockLimits.MaxIncludePatterns} patterns");
                var i = 0;
                foreach (var pattern in includeElement.EnumerateArray())
                {
                    var patternAt = $"{at}.include[{i++}]";
                    var text = StringValue(pattern, patternAt);
                    if (text.Length == 0 || text.Length > LockLimits.MaxPatternLength || text.Contains('\0', StringComparison.Ordinal))
                        throw Fail(patternAt, $"expected a pattern of 1-{LockLimits.MaxPatternLength} characters without NUL");
                    include.Add(text);
                }
            }

            var hashedLocally = false;
            if (element.TryGetProperty("hashedLocally", out var hashedElement))
                hashedLocally = BooleanValue(hashedElement, $"{at}.hashedLocally");

            var filesElement = Required(element, "files", at, JsonValueKind.Array, "an array");
            var fileCount = filesElement.GetArrayLength();
            _fileCount += fileCount;
            if (_fileCount > LockLimits.MaxFiles)
                throw Fail($"{at}.files", $"more than the {LockLimits.MaxFiles} files a lock may hold");
            var files = new List<LockedFile>(fileCount);
            var index = 0;
            foreach (var fileElement in filesElement.EnumerateArray())
            {
                var fileAt = $"{at}.files[{index++}]";
                var file = ReadFile(fileElement, fileAt);
                if (hashedLocally && file.Sha256 is null)
                    throw Fail($"{fileAt}.sha256", "missing, but the model is marked hashedLocally, which promises a sha256 for every file");
                files.Add(file);
            }
            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            for (var i = 1; i < files.Count; i++)
            {
                if (files[i].Path == files[i - 1].Path)
                    throw Fail($"{at}.files", $"the path '{files[i].Path}' is listed twice");
            }
            return new LockedModel(repo, revision, commit, include, hashedLocally, files);
        }

        private LockedFile ReadFile(JsonElement element, string at)
        {
            RequireKind(element, JsonValueKind.Object, at, "an object");
            var path = RequiredString(element, "path", at);
            if (RepositoryPath.Problem(path) is { } problem)
                throw Fail($"{at}.path", $"unsafe path '{Printable(path)}': {problem}");

            var sizeElement = Required(element, "size", at, JsonValueKind.Number, "a non-negative integer");
            if (!sizeElement.TryGetInt64(out var size) || size < 0)
                throw Fail($"{at}.size", $"expected a non-negative integer, found {sizeElement.GetRawText()}");

            var lfs = element.TryGetProperty("lfs", out var lfsElement) && BooleanValue(lfsElement, $"{at}.lfs");

            string? sha256 = null;
            if (element.TryGetProperty("sha256", out var shaElement) && shaElement.ValueKind != JsonValueKind.Null)
                sha256 = Hex(StringValue(shaElement, $"{at}.sha256"), 64, $"{at}.sha256", "64 hex digits (a SHA-256)");

            string? gitBlobId = null;
            if (element.TryGetProperty("gitBlobId", out var blobElement) && blobElement.ValueKind != JsonValueKind.Null)
                gitBlobId = Hex(StringValue(blobElement, $"{at}.gitBlobId"), 40, $"{at}.gitBlobId", "40 hex digits (a git blob id)");

            if (lfs && sha256 is null)
                throw Fail($"{at}.sha256", $"missing for LFS file '{path}': an LFS file is pinned by the SHA-256 of its content (its gitBlobId names only the pointer)");
            if (sha256 is null && gitBlobId is null)
                throw Fail(at, $"the file '{path}' has no usable hash: it needs sha256, or gitBlobId when it is not an LFS file");
            return new LockedFile(path, size, sha256, gitBlobId, lfs);
        }

        private JsonElement Required(JsonElement parent, string name, string at, JsonValueKind kind, string expected)
        {
            var path = at == "$" ? name : $"{at}.{name}";
            if (!parent.TryGetProperty(name, out var value))
                throw Fail(path, "the field is missing");
            RequireKind(value, kind, path, expected);
            return value;
        }

        private string RequiredString(JsonElement parent, string name, string at)
        {
            var path = at == "$" ? name : $"{at}.{name}";
            if (!parent.TryGetProperty(name, out var value))
                throw Fail(path, "the field is missing");
            return StringValue(value, path);
        }

        private string StringValue(JsonElement value, string path)
        {
            RequireKind(value, JsonValueKind.String, path, "a string");
            return value.GetString()!;
        }

        private bool BooleanValue(JsonElement value, string path) => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(path, $"expected true or false, found {Describe(value)}"),
        };

        private string Hex(string value, int length, string path, string expected)
        {
            if (value.Length != length || !value.All(char.IsAsciiHexDigit))
                throw Fail(path, $"expected {expected}, found '{Printable(value)}' ({value.Length} characters)");
            return value.ToLowerInvariant();
        }

        private void RequireKind(JsonElement value, JsonValueKind kind, string path, string expected)
        {
            if (value.ValueKind != kind)
                throw Fail(path, $"expected {expected}, found {Describe(value)}");
        }

        private LockFileException Fail(string path, string reason) => new($"{displayName}: {path}: {reason}");

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => $"the number {Printable(value.GetRawText())}",
            JsonValueKind.True or JsonValueKind.False => $"{(value.ValueKind == JsonValueKind.True ? "true" : "false")}",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        /// <summary>Quotes at most 80 characters of untrusted text, with control characters escaped.</summary>
        private static string Printable(string value)
        {
            var shown = value.Length > 80 ? value[..80] + "…" : value;
            return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        }
    }
}
