namespace ModelGate.Formats.Archives;

/// <summary>
/// A zip member's decoded bytes, bounded, with the CRC-32 computed as they are read. The CRC is a finding
/// for the engine, not a reason to stop: PyTorch builds miniz without CRC checks and loads such members.
/// </summary>
public sealed class ZipEntryStream : Stream
{
    private readonly BoundedDecodeStream _inner;
    private readonly uint _expectedCrc;
    private uint _crc;

    internal ZipEntryStream(BoundedDecodeStream inner, uint expectedCrc)
    {
        _inner = inner;
        _expectedCrc = expectedCrc;
    }

    /// <summary>Null until the stream has been read to its end; then whether the CRC-32 matched the central directory's.</summary>
    public bool? CrcMatched { get; private set; }

    /// <summary>Decoded bytes read so far.</summary>
    public long BytesRead => _inner.Produced;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _inner.Produced;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        var read = _inner.Read(buffer);
        if (read > 0)
            _crc = Crc32.Append(_crc, buffer[..read]);
        else
            CrcMatched ??= _crc == _expectedCrc;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
