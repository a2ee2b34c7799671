namespace ModelGate.Artifacts;

/// <summary>Reads the first bytes of a stream for sniffing and hands back a stream positioned at its start.</summary>
internal static class StreamPrefix
{
    /// <summary>Up to <paramref name="length"/> leading bytes, and a stream that still starts at byte 0.</summary>
    public static (byte[] Prefix, Stream Rewound) Read(Stream stream, int length)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var buffer = new byte[length];
        var filled = stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        var prefix = filled == length ? buffer : buffer[..filled];
        if (stream.CanSeek)
        {
            stream.Position = start;
            return (prefix, stream);
        }
        return (prefix, new ReplayStream(prefix, stream));
    }
}
