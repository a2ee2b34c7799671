namespace ModelGate.Formats.Archives;

/// <summary>
/// The output side of every decoder: counts bytes as they are produced and fails with
/// <see cref="MalformedDataException"/> once they would pass the output limit or the ratio limit, and turns
/// any exception a decoder library throws on bad input into <see cref="MalformedDataException"/>.
/// </summary>
internal sealed class BoundedDecodeStream : Stream
{
    private readonly Stream _decoder;
    private readonly InputCounter _input;
    private readonly string _format;
    private readonly long _maxOutput;
    private readonly int _maxRatio;
    private readonly long _ratioFloor;
    private readonly long? _declaredCompressedSize;

    /// <param name="decoder">The decoder, reading from <paramref name="input"/>.</param>
    /// <param name="input">The compressed input, counted.</param>
    /// <param name="format">Format name for errors.</param>
    /// <param name="maxOutput">Most bytes produced.</param>
    /// <param name="maxRatio">Highest output-to-input ratio once the output passes <paramref name="ratioFloor"/>.</param>
    /// <param name="ratioFloor">Output below this is not ratio-checked.</param>
    /// <param name="declaredCompressedSize">The compressed size to divide by (a zip entry's); null to use the bytes consumed so far.</param>
    public BoundedDecodeStream(Stream decoder, InputCounter input, string format, long maxOutput, int maxRatio, long ratioFloor, long? declaredCompressedSize)
    {
        _decoder = decoder;
        _input = input;
        _format = format;
        _maxOutput = maxOutput;
        _maxRatio = maxRatio;
        _ratioFloor = ratioFloor;
        _declaredCompressedSize = declaredCompressedSize;
    }

    /// <summary>
    /// Called once when the decoder reports its end, with this stream: decoders that end quietly on truncated
    /// input (.NET's deflate, LZ4 frames) are checked against the stream's trailer here. Returns an error or null.
    /// </summary>
    public Func<BoundedDecodeStream, string?>? EndCheck { get; init; }

    /// <summary>CRC-32 of the output so far (gzip trailer check).</summary>
    public uint Crc { get; private set; }

    /// <summary>Adler-32 of the output so far (zlib trailer check, RFC 1950 2.2).</summary>
    public uint Adler { get; private set; } = 1;

    /// <summary>The compressed input.</summary>
    public InputCounter Input => _input;

    private bool _ended;

    /// <summary>Bytes produced so far.</summary>
    public long Produced { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Produced;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        // Ask for at most one byte more than allowed, so passing the limit is seen without producing much beyond it.
        var allowed = _maxOutput - Produced + 1;
        if (buffer.Length > allowed)
            buffer = buffer[..(int)Math.Max(1, allowed)];
        int read;
        try
        {
            read = _decoder.Read(buffer);
        }
        catch (MalformedDataException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MalformedDataException(_format, $"corrupt compressed data: {ex.Message}", _input.Offset, inner: ex);
        }
        Produced += read;
        if (EndCheck is not null)
        {
            if (read > 0)
            {
                Crc = Crc32.Append(Crc, buffer[..read]);
                Adler = Adler32.Append(Adler, buffer[..read]);
            }
            else if (!_ended)
            {
                _ended = true;
                if (EndCheck(this) is { } error)
                    throw new MalformedDataException(_format, error, _input.Offset);
            }
        }
        if (Produced > _maxOutput)
            throw new MalformedDataException(_format, $"output exceeds the limit of {_maxOutput} bytes", _input.Offset);
        if (Produced > _ratioFloor)
        {
            var compressed = Math.Max(1, _declaredCompressedSize ?? _input.Consumed);
            if ((decimal)Produced > (decimal)compressed * _maxRatio)
                throw new MalformedDataException(_format, $"compression ratio exceeds {_maxRatio}:1 ({Produced} bytes from {compressed})", _input.Offset);
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _decoder.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
