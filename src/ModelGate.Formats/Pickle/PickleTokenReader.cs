using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModelGate.Formats.Pickle;

/// <summary>
/// Decodes pickle instructions one at a time from a stream, through a fixed 64 KiB window that is refilled as
/// it drains: the stream is never buffered whole, and large arguments (BINBYTES8, LONG4, long lines) keep only
/// a bounded preview while the rest is skipped (by seeking when the stream can, by reading and discarding when
/// it cannot). Argument encodings follow CPython <c>Lib/pickletools.py</c> (the <c>ArgumentDescriptor</c>s) and
/// the checks of <c>Lib/pickle.py</c>'s <c>_Unpickler</c> (negative lengths refused, quoted STRING required).
/// </summary>
internal sealed class PickleTokenReader
{
    /// <summary>Size of the read window (bytes).</summary>
    public const int BufferSize = 64 * 1024;

    private const string Format = "pickle";

    private readonly Stream _stream;
    private readonly int _previewBytes;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _pos;
    private int _end;
    private long _bufferStart;

    public PickleTokenReader(Stream stream, int previewBytes)
    {
        _stream = stream;
        _previewBytes = Math.Clamp(previewBytes, 16, BufferSize / 4);
    }

    /// <summary>Offset of the next unread byte, counted from where reading began.</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>Bytes left in the input, when the stream can tell (seekable streams); null otherwise.</summary>
    public long? Remaining => _stream.CanSeek ? _end - _pos + Math.Max(0, _stream.Length - _stream.Position) : null;

    /// <summary>The next byte, or -1 at the end of the input.</summary>
    public int PeekByte() => Ensure(1) ? _buffer[_pos] : -1;

    /// <summary>Reads one byte (joblib's padding-length byte); throws at the end of the input.</summary>
    public byte ReadByte(string what)
    {
        if (!Ensure(1))
            throw Truncated(what);
        return _buffer[_pos++];
    }

    /// <summary>
    /// Skips <paramref name="count"/> bytes; throws when the input ends first. Counts are checked against what
    /// remains before seeking, so a lying length cannot move past the end.
    /// </summary>
    public void Skip(long count, string what)
    {
        if (count < 0)
            throw new MalformedDataException(Format, $"negative length for {what}", Position);
        var available = _end - _pos;
        if (count <= available)
        {
            _pos += (int)count;
            return;
        }
        count -= available;
        _bufferStart += _end;
        _pos = _end = 0;
        if (_stream.CanSeek)
        {
            var remaining = Math.Max(0, _stream.Length - _stream.Position);
            if ((ulong)count > (ulong)remaining)
            {
                _stream.Seek(remaining, SeekOrigin.Current);
                _bufferStart += remaining;
                throw Truncated(what);
            }
            _stream.Seek(count, SeekOrigin.Current);
            _bufferStart += count;
            return;
        }
        while (count > 0)
        {
            var read = _stream.Read(_buffer, 0, (int)Math.Min(count, BufferSize));
            if (read <= 0)
                throw Truncated(what);
            count -= read;
            _bufferStart += read;
        }
    }

    /// <summary>Skips to the end of the input and returns how many bytes that was.</summary>
    public long SkipToEnd()
    {
        long skipped = _end - _pos;
        _bufferStart += _end;
        _pos = _end = 0;
        if (_stream.CanSeek)
        {
            var remaining = Math.Max(0, _stream.Length - _stream.Position);
            _stream.Seek(remaining, SeekOrigin.Current);
            _bufferStart += remaining;
            return skipped + remaining;
        }
        int read;
        while ((read = _stream.Read(_buffer, 0, BufferSize)) > 0)
        {
            skipped += read;
            _bufferStart += read;
        }
        return skipped;
    }

    /// <summary>
    /// Decodes the instruction at the current position. The caller has peeked the opcode byte and checked it is
    /// a known opcode (<see cref="PickleOpcodeTable.Lookup"/>); a truncated or invalid argument throws.
    /// </summary>
    public PickleToken Read(PickleOpcodeInfo info)
    {
        var token = new PickleToken { Offset = Position, Opcode = info.Opcode };
        if (!Ensure(1))
            throw Truncated("opcode");
        _pos++;
        switch (info.Argument)
        {
            case PickleArgumentKind.None:
                break;
            case PickleArgumentKind.UInt1:
                token.Integer = ReadFixed(1, info)[0];
                break;
            case PickleArgumentKind.UInt2:
                token.Integer = BinaryPrimitives.ReadUInt16LittleEndian(ReadFixed(2, info));
                break;
            case PickleArgumentKind.UInt4:
                token.Integer = BinaryPrimitives.ReadUInt32LittleEndian(ReadFixed(4, info));
                break;
            case PickleArgumentKind.Int4:
                token.Integer = BinaryPrimitives.ReadInt32LittleEndian(ReadFixed(4, info));
                break;
            case PickleArgumentKind.UInt8:
                token.Integer = ToLength(BinaryPrimitives.ReadUInt64LittleEndian(ReadFixed(8, info)), info);
                break;
            case PickleArgumentKind.Float8:
                token.Float = BinaryPrimitives.ReadDoubleBigEndian(ReadFixed(8, info));
                break;
            case PickleArgumentKind.Long1:
                ReadLong(ref token, ReadFixed(1, info)[0], info);
                break;
            case PickleArgumentKind.Long4:
                ReadLong(ref token, BinaryPrimitives.ReadInt32LittleEndian(ReadFixed(4, info)), info);
                break;
            case PickleArgumentKind.String1:
            case PickleArgumentKind.Bytes1:
            case PickleArgumentKind.UnicodeString1:
                ReadCounted(ref token, ReadFixed(1, info)[0], info);
                break;
            case PickleArgumentKind.String4:
                ReadCounted(ref token, BinaryPrimitives.ReadInt32LittleEndian(ReadFixed(4, info)), info);
                break;
            case PickleArgumentKind.Bytes4:
            case PickleArgumentKind.UnicodeString4:
                ReadCounted(ref token, BinaryPrimitives.ReadUInt32LittleEndian(ReadFixed(4, info)), info);
                break;
            case PickleArgumentKind.Bytes8:
            case PickleArgumentKind.UnicodeString8:
            case PickleArgumentKind.ByteArray8:
                ReadCounted(ref token, ToLength(BinaryPrimitives.ReadUInt64LittleEndian(ReadFixed(8, info)), info), info);
                break;
            case PickleArgumentKind.DecimalNlShort:
                ReadDecimal(ref token, info, allowLongSuffix: false);
                break;
            case PickleArgumentKind.DecimalNlLong:
                ReadDecimal(ref token, info, allowLongSuffix: true);
                break;
            case PickleArgumentKind.FloatNl:
                token.Float = ParseFloat(ReadLine(info, out _), token.Offset);
                break;
            case PickleArgumentKind.StringNl:
                token.Text = DecodeQuotedString(ReadLine(info, out token.Truncated), token.Offset, token.Truncated);
                break;
            case PickleArgumentKind.StringNlNoEscape:
                token.Text = Encoding.UTF8.GetString(ReadLine(info, out token.Truncated));
                break;
            case PickleArgumentKind.StringNlNoEscapePair:
                token.Text = Encoding.UTF8.GetString(ReadLine(info, out var moduleTruncated));
                token.Text2 = Encoding.UTF8.GetString(ReadLine(info, out var nameTruncated));
                token.Truncated = moduleTruncated || nameTruncated;
                break;
            case PickleArgumentKind.UnicodeStringNl:
                token.Text = DecodeRawUnicodeEscape(ReadLine(info, out token.Truncated));
                break;
            default:
                throw new MalformedDataException(Format, $"no decoder for argument kind {info.Argument}", token.Offset);
        }
        token.End = Position;
        return token;
    }

    private static long ToLength(ulong value, PickleOpcodeInfo info) =>
        value > long.MaxValue
            ? throw new MalformedDataException(Format, $"{info.Name} length {value} is larger than any input")
            : (long)value;

    private bool Ensure(int count)
    {
        if (_end - _pos >= count)
            return true;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _bufferStart += _pos;
            _end -= _pos;
            _pos = 0;
        }
        while (_end < count)
        {
            var read = _stream.Read(_buffer, _end, BufferSize - _end);
            if (read <= 0)
                return false;
            _end += read;
        }
        return true;
    }

    private ReadOnlySpan<byte> ReadFixed(int count, PickleOpcodeInfo info)
    {
        if (!Ensure(count))
            throw Truncated($"{info.Name} argument");
        var span = _buffer.AsSpan(_pos, count);
        _pos += count;
        return span;
    }

    private void ReadCounted(ref PickleToken token, long length, PickleOpcodeInfo info)
    {
        if (length < 0)
            throw new MalformedDataException(Format, $"{info.Name} has negative byte count {length}", token.Offset);
        var keep = (int)Math.Min(length, _previewBytes);
        if (!Ensure(keep))
            throw Truncated($"{info.Name} argument of {length} bytes");
        var preview = _buffer.AsSpan(_pos, keep);
        _pos += keep;
        token.Length = length;
        token.Truncated = keep < length;
        switch (info.Argument)
        {
            case PickleArgumentKind.UnicodeString1:
            case PickleArgumentKind.UnicodeString4:
            case PickleArgumentKind.UnicodeString8:
                token.Text = Encoding.UTF8.GetString(preview);
                break;
            case PickleArgumentKind.String1:
            case PickleArgumentKind.String4:
                // Python 3 decodes BINSTRING with the unpickler's encoding (ASCII by default); Latin-1 keeps every byte.
                token.Text = Encoding.Latin1.GetString(preview);
                break;
            default:
                token.Bytes = preview.ToArray();
                break;
        }
        if (token.Truncated)
            Skip(length - keep, $"{info.Name} argument of {length} bytes");
    }

    // LONG1/LONG4: little-endian two's complement of the given byte count (pickletools: decode_long).
    private void ReadLong(ref PickleToken token, long length, PickleOpcodeInfo info)
    {
        if (length < 0)
            throw new MalformedDataException(Format, $"{info.Name} has negative byte count {length}", token.Offset);
        var keep = (int)Math.Min(length, _previewBytes);
        if (!Ensure(keep))
            throw Truncated($"{info.Name} argument of {length} bytes");
        var bytes = _buffer.AsSpan(_pos, keep);
        _pos += keep;
        token.Length = length;
        if (keep < length)
        {
            token.Truncated = true;
            token.BigInteger = $"<int of {length} bytes>";
            Skip(length - keep, $"{info.Name} argument of {length} bytes");
            return;
        }
        if (length <= 8)
        {
            long value = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
                value = (value << 8) | bytes[i];
            if (length is > 0 and < 8 && (bytes[^1] & 0x80) != 0)
                value -= 1L << (8 * (int)length);
            token.Integer = value;
            return;
        }
        token.BigInteger = new BigInteger(bytes, isUnsigned: false, isBigEndian: false).ToString(CultureInfo.InvariantCulture);
    }

    private void ReadDecimal(ref PickleToken token, PickleOpcodeInfo info, bool allowLongSuffix)
    {
        var line = ReadLine(info, out var truncated);
        if (allowLongSuffix && line.Length > 0 && line[^1] == (byte)'L')
            line = line[..^1];
        var text = Encoding.Latin1.GetString(line).Trim();
        if (info.Opcode == PickleOpcode.Int && text is "00" or "01")
        {
            token.Boolean = text == "01";
            token.Integer = text == "01" ? 1 : 0;
            return;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            token.Integer = value;
            return;
        }
        var digits = text.AsSpan().TrimStart("+-");
        if (digits.Length == 0 || !IsAsciiDigits(digits))
            throw new MalformedDataException(Format, $"{info.Name} argument is not an integer", token.Offset);
        token.Truncated = truncated;
        token.BigInteger = truncated ? text + "..." : text;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c != '_')
                return false;
        }
        return true;
    }

    private static double ParseFloat(ReadOnlySpan<byte> line, long offset)
    {
        var text = Encoding.Latin1.GetString(line).Trim();
        switch (text.ToUpperInvariant())
        {
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                return double.PositiveInfinity;
            case "-INF" or "-INFINITY":
                return double.NegativeInfinity;
            case "NAN" or "+NAN" or "-NAN":
                return double.NaN;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MalformedDataException(Format, "FLOAT argument is not a number", offset);
    }

    // STRING: a Python 2 repr, quoted with ' or ", decoded with codecs.escape_decode (Lib/pickle.py load_string).
    private static string DecodeQuotedString(ReadOnlySpan<byte> line, long offset, bool truncated)
    {
        if (line.Length >= 2 && line[0] is (byte)'\'' or (byte)'"' && (truncated || line[^1] == line[0]))
            line = truncated ? line[1..] : line[1..^1];
        else
            throw new MalformedDataException(Format, "the STRING opcode argument must be quoted", offset);
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b != '\\' || i + 1 >= line.Length)
            {
                sb.Append((char)b);
                continue;
            }
            var e = line[++i];
            switch (e)
            {
                case (byte)'n': sb.Append('\n'); break;
                case (byte)'t': sb.Append('\t'); break;
                case (byte)'r': sb.Append('\r'); break;
                case (byte)'a': sb.Append('\a'); break;
                case (byte)'b': sb.Append('\b'); break;
                case (byte)'f': sb.Append('\f'); break;
                case (byte)'v': sb.Append('\v'); break;
                case (byte)'\\' or (byte)'\'' or (byte)'"': sb.Append((char)e); break;
                case (byte)'\n': break;
                case (byte)'x' when i + 2 < line.Length && IsHex(line[i + 1]) && IsHex(line[i + 2]):
                    sb.Append((char)(HexValue(line[i + 1]) * 16 + HexValue(line[i + 2])));
                    i += 2;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var value = e - '0';
                    for (var n = 0; n < 2 && i + 1 < line.Length && line[i + 1] is >= (byte)'0' and <= (byte)'7'; n++)
                        value = value * 8 + (line[++i] - '0');
                    sb.Append((char)(value & 0xFF));
                    break;
                default:
                    sb.Append('\\').Append((char)e);
                    break;
            }
        }
        return sb.ToString();
    }

    // UNICODE: raw-unicode-escape, where only \uXXXX and \UXXXXXXXX are escapes and every other byte is Latin-1.
    private static string DecodeRawUnicodeEscape(ReadOnlySpan<byte> line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is (byte)'u' or (byte)'U')
            {
                var digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 2 + digits <= line.Length && TryHex(line.Slice(i + 2, digits), out var cp))
                {
                    if (cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
                        sb.Append(char.ConvertFromUtf32(cp));
                    else
                        sb.Append('\uFFFD');
                    i += 1 + digits;
                    continue;
                }
            }
            sb.Append((char)line[i]);
        }
        return sb.ToString();
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (!IsHex(d))
                return false;
            value = unchecked(value * 16 + HexValue(d));
        }
        return value >= 0;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>
    /// The bytes up to the next '\n' (consumed, not returned). A line longer than the window keeps a preview of
    /// <see cref="_previewBytes"/> bytes and reports <paramref name="truncated"/>; the rest is read and dropped.
    /// The span is valid until the next read.
    /// </summary>
    private ReadOnlySpan<byte> ReadLine(PickleOpcodeInfo info, out bool truncated)
    {
        truncated = false;
        var scanned = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_pos + scanned, _end - _pos - scanned).IndexOf((byte)'\n');
            if (index >= 0)
            {
                var line = _buffer.AsSpan(_pos, scanned + index);
                _pos += scanned + index + 1;
                return line;
            }
            scanned = _end - _pos;
            if (scanned >= BufferSize)
                return ReadLongLine(info, out truncated);
            if (!Ensure(scanned + 1))
                throw Truncated($"{info.Name} argument (no end of line)");
        }
    }

    private byte[] ReadLongLine(PickleOpcodeInfo info, out bool truncated)
    {
        truncated = true;
        var preview = _buffer.AsSpan(_pos, _previewBytes).ToArray();
        _bufferStart += _end;
        _pos = _end = 0;
        while (true)
        {
            var read = _stream.Read(_buffer, 0, BufferSize);
            if (read <= 0)
                throw Truncated($"{info.Name} argument (no end of line)");
            _end = read;
            var index = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (index >= 0)
            {
                _pos = index + 1;
                return preview;
            }
            _bufferStart += read;
            _end = 0;
        }
    }

    private MalformedDataException Truncated(string what) =>
        new(Format, $"input ends inside {what}", Position);
}
