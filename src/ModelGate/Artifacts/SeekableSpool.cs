using ModelGate.Formats;

namespace ModelGate.Artifacts;

/// <summary>
/// Gives readers that need to seek (zip, safetensors, GGUF, ONNX, HDF5) a seekable copy of a forward-only
/// stream (a compressed member): in memory when small, else in a temporary file deleted on close. The copy
/// is bounded by the walk's remaining budget, so a bomb stops at the limit.
/// </summary>
internal static class SeekableSpool
{
    public static Stream From(Stream source, ArtifactNode node)
    {
        if (source.CanSeek)
            return source;
        var limits = node.Walk.Limits;
        var budget = Math.Min(limits.MaxMemberBytes, node.Walk.RemainingUncompressedBytes);
        Stream target = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                total += read;
                if (total > budget)
                    throw new MalformedDataException("archive", $"member expands beyond the {FormatBytes(budget)} the scan allows (decompression bomb or oversized member)");
                if (target is MemoryStream memory && memory.Length + read > limits.MaxInMemorySpoolBytes)
                {
                    var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                    memory.Position = 0;
                    memory.CopyTo(file);
                    target = file;
                }
                target.Write(buffer, 0, read);
            }
        }
        catch
        {
            target.Dispose();
            throw;
        }
        target.Position = 0;
        return target;
    }

    internal static string FormatBytes(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes >> 30} GiB" : bytes >= 1L << 20 ? $"{bytes >> 20} MiB" : $"{bytes} bytes";
}
