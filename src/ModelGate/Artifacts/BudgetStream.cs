using ModelGate.Formats;

namespace ModelGate.Artifacts;

/// <summary>
/// Counts the bytes a decompressing member stream produces against the walk's budget, so that many
/// members that are each within limits cannot add up to a bomb. Seeking passes through (stored members).
/// </summary>
internal sealed class BudgetStream : Stream
{
    private readonly Stream _inner;
    private readonly ArtifactWalk _walk;
    private readonly bool _ownsInner;

    public BudgetStream(Stream inner, ArtifactWalk walk, bool ownsInner = true)
    {
        _inner = inner;
        _walk = walk;
        _ownsInner = ownsInner;
    }

    public Stream Inner => _inner;

    public override bool CanRead => true;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        if (n > _walk.RemainingUncompressedBytes)
            throw new MalformedDataException("archive", $"the file expands beyond the {SeekableSpool.FormatBytes(_walk.Limits.MaxTotalUncompressedBytes)} of decompressed data one scan allows (decompression bomb)");
        _walk.CountUncompressed(n);
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsInner)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
