namespace ModelGate.Formats.Archives;

/// <summary>
/// Counts the compressed bytes a decoder pulls from its source, so ratio checks and error offsets refer to
/// real input. When the expected length is known (a zip entry's compressed size), an early end of the source
/// is a truncation and fails with the offset where the bytes ran out.
/// </summary>
internal sealed class InputCounter : Stream
{
    private readonly Stream _source;
    private readonly string _format;
    private readonly long _baseOffset;
    private readonly long? _expectedLength;

    public InputCounter(Stream source, string format, long baseOffset, long? expectedLength)
    {
        _source = source;
        _format = format;
        _baseOffset = baseOffset;
        _expectedLength = expectedLength;
    }

    private readonly byte[] _tail = new byte[16];

    /// <summary>The last up to 16 bytes handed to the decoder (a stream's trailer, once the input is exhausted).</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(16 - (int)Math.Min(16, Consumed));

    /// <summary>True once the source returned end of input.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Bytes handed to the decoder so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>Offset in the outer input of the next byte to be read.</summary>
    public long Offset => _baseOffset + Consumed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Consumed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        var read = _source.Read(buffer);
        if (read == 0 && _expectedLength is long expected && Consumed < expected)
            throw new MalformedDataException(_format, $"compressed data truncated: {expected - Consumed} of {expected} bytes missing", Offset);
        if (read == 0)
            Exhausted = true;
        else if (read >= 16)
            buffer.Slice(read - 16, 16).CopyTo(_tail);
        else
        {
            _tail.AsSpan(read).CopyTo(_tail);
            buffer[..read].CopyTo(_tail.AsSpan(16 - read));
        }
        Consumed += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
