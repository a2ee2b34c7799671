using System.Text;
using ModelGate.Formats;

namespace ModelGate.Remediation;

/// <summary>
/// Reads and replaces a requirements file's text without changing its encoding: UTF-8, with the byte-order
/// mark kept if it had one (pip reads requirements files as UTF-8 after honouring a BOM).
/// </summary>
internal static class RequirementsFileText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Text, bool HasBom) Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > ReaderLimits.MaxTextFileBytes)
            throw new MalformedDataException("requirements", $"{path} is {info.Length} bytes, larger than the {ReaderLimits.MaxTextFileBytes}-byte limit");
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        try
        {
            return (Strict.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MalformedDataException("requirements", $"{path} is not UTF-8 text", offset: ex.Index >= 0 ? ex.Index + (bom ? 3 : 0) : null, inner: ex);
        }
    }

    /// <summary>
    /// Replaces the file atomically: the text goes to a temporary file in the same folder (same file system),
    /// is flushed to disk, takes the original's Unix permissions, and is renamed over the original, so a
    /// crash leaves either the old file or the new one. A symbolic link is followed and its target replaced,
    /// so the link stays a link.
    /// </summary>
    public static void WriteAtomically(string path, string text, bool bom)
    {
        var target = new FileInfo(path);
        if (target.LinkTarget is not null && target.ResolveLinkTarget(returnFinalTarget: true) is FileInfo resolved)
            target = resolved;
        var directory = target.DirectoryName ?? ".";
        var temporary = Path.Combine(directory, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (bom)
                    stream.Write(Encoding.UTF8.Preamble);
                stream.Write(Strict.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && target.Exists)
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target.FullName));
            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>The path as the diff headers show it: relative to the current folder when under it, with '/' separators.</summary>
    public static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/').TrimStart('/');
    }
}
