using System.CommandLine;
using System.Text;
using System.Text.Json;
using ModelGate.Provenance.Digests;
using ModelGate.Cli.Rendering;

namespace ModelGate.Cli.Commands;

/// <summary>
/// <c>modelgate hash PATH...</c>: digests of files and of every regular file under folders, hashed in parallel.
/// With one algorithm the text output is coreutils' (<c>HEX␠␠PATH</c>, so <c>sha256sum -c</c> checks it); with
/// several it is coreutils' tagged form (<c>SHA256 (PATH) = HEX</c>, which <c>sha256sum -c</c> also reads), one
/// line per file and algorithm. Exit 0, or 2 when any file could not be read (the others are still printed).
/// </summary>
internal static class HashCommand
{
    /// <summary>Below this much work a progress bar would only flicker.</summary>
    internal const long ProgressThreshold = 256L << 20;

    /// <summary>Deepest folder nesting followed.</summary>
    internal const int MaxDepth = 64;

    private static readonly (string Name, DigestKinds Kind, string Tag, string JsonName)[] Algorithms =
    [
        ("sha256", DigestKinds.Sha256, "SHA256", "sha256"),
        ("sha1", DigestKinds.Sha1, "SHA1", "sha1"),
        ("git-blob", DigestKinds.GitBlobSha1, "GIT-BLOB", "gitBlobSha1"),
        ("sha384", DigestKinds.Sha384, "SHA384", "sha384"),
        ("sha512", DigestKinds.Sha512, "SHA512", "sha512"),
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("path") { Description = "Files, or folders whose regular files are all hashed (recursively).", Arity = ArgumentArity.OneOrMore };
        var algorithm = new Option<string[]>("--algorithm", "-a") { Description = "Digest to compute: sha256 (default), sha1, git-blob (git's blob id, as the Hugging Face Hub publishes), sha384 or sha512. Repeat for several." };
        algorithm.AcceptOnlyFromAmong([.. Algorithms.Select(a => a.Name)]);
        var format = new Option<string>("--format", "-f") { Description = "Output format: text (sha256sum-compatible) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("hash", "Compute SHA-256 (or SHA-1, git blob ids, SHA-384, SHA-512) of files and folders, fast and in parallel.")
        {
            paths, algorithm, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = Algorithms.Where(a => (parse.GetValue(algorithm) ?? []).Contains(a.Name)).ToArray();
            if (chosen.Length == 0)
                chosen = [Algorithms[0]];
            var kinds = chosen.Aggregate(DigestKinds.None, (k, a) => k | a.Kind);
            var ok = true;
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                if (Directory.Exists(path))
                {
                    foreach (var error in Walk(path, files))
                    {
                        ok = false;
                        await stderr.WriteLineAsync($"modelgate: {error}").ConfigureAwait(false);
                    }
                }
                else
                {
                    files.Add(path);
                }
            }
            var outcomes = await WithProgressAsync(stderr, files, progress => FileHasher.HashEachAsync(files, kinds, progress, cancellationToken)).ConfigureAwait(false);
            foreach (var failed in outcomes.Where(o => o.Error is not null))
            {
                ok = false;
                await stderr.WriteLineAsync($"modelgate: {failed.Error!.Message}").ConfigureAwait(false);
            }
            if (parse.GetValue(format) == "json")
                await stdout.WriteAsync(Json(outcomes, chosen)).ConfigureAwait(false);
            else
                await stdout.WriteAsync(Text(outcomes, chosen)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ok ? (int)ExitCode.Pass : (int)ExitCode.Error;
        });
        return command;
    }

    /// <summary>
    /// Adds the regular files under <paramref name="root"/>, sorted by ordinal relative path; returns the
    /// problems met. A symbolic link is followed only to a file (never to a folder: no loops, no escapes).
    /// </summary>
    internal static List<string> Walk(string root, List<string> files)
    {
        var errors = new List<string>();
        var found = new List<(string Relative, string Path)>();
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    AttributesToSkip = FileAttributes.None,
                    IgnoreInaccessible = false,
                    RecurseSubdirectories = false,
                    ReturnSpecialDirectories = false,
                })];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"cannot list {dir}: {ex.Message}");
                continue;
            }
            foreach (var entry in entries)
            {
                var path = Path.Join(dir, entry.Name);
                if (entry.LinkTarget is not null)
                {
                    if (entry is FileInfo && LinksToFile(entry))
                        found.Add((Path.GetRelativePath(root, path), path));
                }
                else if (entry is DirectoryInfo)
                {
                    if (depth + 1 > MaxDepth)
                        errors.Add($"{path}: folders nested deeper than {MaxDepth} levels are not walked");
                    else
                        pending.Push((path, depth + 1));
                }
                else
                {
                    found.Add((Path.GetRelativePath(root, path), path));
                }
            }
        }
        files.AddRange(found.OrderBy(f => f.Relative, StringComparer.Ordinal).Select(f => f.Path));
        return errors;
    }

    private static bool LinksToFile(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true };
        }
        catch (IOException)
        {
            // A link loop or a dangling chain: not a file.
            return false;
        }
    }

    internal static string Text(IReadOnlyList<FileHashOutcome> outcomes, IReadOnlyList<(string Name, DigestKinds Kind, string Tag, string JsonName)> chosen)
    {
        var text = new StringBuilder();
        foreach (var outcome in outcomes)
        {
            if (outcome.Digests is not { } digests)
                continue;
            // coreutils escapes a name holding a backslash or a line break, and marks the line with a leading '\'.
            var escaped = outcome.Path.Contains('\\', StringComparison.Ordinal) || outcome.Path.Contains('\n', StringComparison.Ordinal) || outcome.Path.Contains('\r', StringComparison.Ordinal);
            var name = escaped ? outcome.Path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) : outcome.Path;
            foreach (var algorithm in chosen)
            {
                if (escaped)
                    text.Append('\\');
                var hex = Digest(digests, algorithm.Kind);
                if (chosen.Count == 1)
                    text.Append(hex).Append("  ").Append(name).Append('\n');
                else
                    text.Append(algorithm.Tag).Append(" (").Append(name).Append(") = ").Append(hex).Append('\n');
            }
        }
        return text.ToString();
    }

    internal static string Json(IReadOnlyList<FileHashOutcome> outcomes, IReadOnlyList<(string Name, DigestKinds Kind, string Tag, string JsonName)> chosen)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var outcome in outcomes)
            {
                json.WriteStartObject();
                json.WriteString("path", outcome.Path);
                if (outcome.Digests is { } digests)
                {
                    json.WriteNumber("size", digests.Length);
                    foreach (var algorithm in chosen)
                        json.WriteString(algorithm.JsonName, Digest(digests, algorithm.Kind));
                }
                else
                {
                    json.WriteString("error", outcome.Error?.Message);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string? Digest(FileDigests digests, DigestKinds kind) => kind switch
    {
        DigestKinds.Sha256 => digests.Sha256,
        DigestKinds.Sha1 => digests.Sha1,
        DigestKinds.GitBlobSha1 => digests.GitBlobSha1,
        DigestKinds.Sha384 => digests.Sha384,
        DigestKinds.Sha512 => digests.Sha512,
        _ => null,
    };

    /// <summary>A progress bar only when the work is large enough to be worth watching.</summary>
    private static async Task<T> WithProgressAsync<T>(TextWriter stderr, List<string> files, Func<Action<long>?, Task<T>> work)
    {
        if (!ByteProgress.IsInteractive(stderr))
            return await work(null).ConfigureAwait(false);
        long total = 0;
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            total += info.Exists ? info.Length : 0;
        }
        if (total < ProgressThreshold)
            return await work(null).ConfigureAwait(false);
        return await ByteProgress.RunAsync(stderr, $"Hashing {files.Count} file{(files.Count == 1 ? "" : "s")}", (progress, setTotal) =>
        {
            setTotal?.Invoke(total);
            return work(progress);
        }).ConfigureAwait(false);
    }
}
