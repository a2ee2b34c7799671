namespace ModelGate.Signatures.Tuf;

/// <summary>
/// The client's trusted metadata (root.json, timestamp.json, snapshot.json, targets.json) in one folder. Writes
/// go to a temporary file in the same folder and are renamed over the old file, so a crash leaves the old or
/// the new file, never a mix.
/// </summary>
internal sealed class TufLocalStore(string folder)
{
    public string Folder { get; } = folder;

    public byte[]? Read(string name, long maxLength)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > maxLength)
            throw new TufException($"{path}: larger than the {maxLength} bytes allowed for {name}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public void Write(string name, byte[] bytes) => WriteAtomic(Path.Combine(Folder, name), bytes);

    public void Delete(string name) => File.Delete(Path.Combine(Folder, name));

    public static void WriteAtomic(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
