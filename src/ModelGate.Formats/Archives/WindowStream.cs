namespace ModelGate.Formats.Archives;

/// <summary>
/// A read-only view of <c>[start, start + length)</c> of another stream. On a seekable source it seeks before
/// each read, so several views over one archive do not disturb each other; on a forward-only source it reads
/// in place and must be consumed in order.
/// </summary>
internal sealed class WindowStream : Stream
{
    private readonly Stream _source;
    private readonly long _start;
    private readonly long _length;
    private long _position;

    public WindowStream(Stream source, long start, long length)
    {
        _source = source;
        _start = start;
        _length = length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => _source.CanSeek;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            if (!_source.CanSeek)
                throw new NotSupportedException("the source stream cannot seek");
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _length - _position;
        if (remaining <= 0 || buffer.IsEmpty)
            return 0;
        if (buffer.Length > remaining)
            buffer = buffer[..(int)remaining];
        if (_source.CanSeek)
            _source.Position = _start + _position;
        var read = _source.Read(buffer);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
