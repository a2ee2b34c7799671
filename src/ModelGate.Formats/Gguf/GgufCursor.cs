using System.Buffers.Binary;

namespace ModelGate.Formats.Gguf;

/// <summary>
/// A forward-only little-endian reader over a seekable stream with its own buffer, so the many small reads
/// and skips of a GGUF header (a vocabulary is 100k+ short strings) cost no system call each.
/// Every read and skip checks the bytes left first and throws <see cref="MalformedDataException"/> when short.
/// </summary>
internal sealed class GgufCursor
{
    private const string Format = "gguf";
    private readonly Stream stream;
    private readonly long start;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int bufferStart;
    private int bufferEnd;

    public GgufCursor(Stream stream)
    {
        this.stream = stream;
        start = stream.Position;
        Length = stream.Length - start;
    }

    /// <summary>Bytes in the file from where reading started.</summary>
    public long Length { get; }

    /// <summary>Current offset from where reading started.</summary>
    public long Position { get; private set; }

    public long Remaining => Length - Position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads <paramref name="count"/> bytes into a new array; the caller has bounded the count.</summary>
    public byte[] ReadBytes(int count)
    {
        Require((ulong)count, "string");
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (bufferStart == bufferEnd)
                Fill();
            var chunk = Math.Min(count - copied, bufferEnd - bufferStart);
            buffer.AsSpan(bufferStart, chunk).CopyTo(result.AsSpan(copied));
            bufferStart += chunk;
            copied += chunk;
            Position += chunk;
        }
        return result;
    }

    public void Skip(ulong count, string what)
    {
        Require(count, what);
        var inBuffer = (ulong)(bufferEnd - bufferStart);
        if (count <= inBuffer)
        {
            bufferStart += (int)count;
        }
        else
        {
            bufferStart = bufferEnd = 0;
            stream.Seek(start + Position + (long)count, SeekOrigin.Begin);
        }
        Position += (long)count;
    }

    /// <summary>Throws unless <paramref name="count"/> bytes are left.</summary>
    public void Require(ulong count, string what)
    {
        if (count > (ulong)Remaining)
            throw new MalformedDataException(Format, $"{what} needs {count} bytes but only {Remaining} are left", Position);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        Require((ulong)count, "value");
        if (bufferEnd - bufferStart < count)
        {
            var left = bufferEnd - bufferStart;
            buffer.AsSpan(bufferStart, left).CopyTo(buffer);
            bufferStart = 0;
            bufferEnd = left;
            while (bufferEnd < count)
            {
                var read = stream.Read(buffer, bufferEnd, buffer.Length - bufferEnd);
                if (read == 0)
                    throw new MalformedDataException(Format, "file ended early", Position);
                bufferEnd += read;
            }
        }
        var span = buffer.AsSpan(bufferStart, count);
        bufferStart += count;
        Position += count;
        return span;
    }

    private void Fill()
    {
        bufferStart = 0;
        bufferEnd = stream.Read(buffer, 0, buffer.Length);
        if (bufferEnd == 0)
            throw new MalformedDataException(Format, "file ended early", Position);
    }
}
