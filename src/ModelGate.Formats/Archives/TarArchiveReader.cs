using System.Text;
using static ModelGate.Formats.Archives.TarFields;

namespace ModelGate.Formats.Archives;

/// <summary>
/// Reads tar archives (v7, ustar, GNU long names, pax extended headers) the way Python's tarfile does, on
/// seekable and forward-only streams (a tar inside a gzip), reporting links, devices, bad checksums and
/// unsafe names as anomalies. Links are never followed.
/// </summary>
public static class TarArchiveReader
{
    internal const string Format = "tar";

    /// <summary>
    /// Enumerates the members of <paramref name="tar"/> from its current position. Enumeration is lazy; a
    /// structural problem throws <see cref="MalformedDataException"/> when reached, after the members before it.
    /// </summary>
    public static IEnumerable<TarEntry> ReadEntries(Stream tar, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(limits);
        return Iterate(new State(tar, limits));
    }

    private static IEnumerable<TarEntry> Iterate(State state)
    {
        while (state.Next() is { } entry)
            yield return entry;
    }

    /// <summary>Where the source stream stands; shared with the entries so a forward-only stream is read in order.</summary>
    internal sealed class Cursor(Stream source, long sourceStart)
    {
        public Stream Source { get; } = source;

        public long SourceStart { get; } = sourceStart;

        public int Sequence { get; set; }

        public bool Opened { get; set; }
    }

    private sealed class State
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private readonly ArchiveLimits _limits;
        private readonly Cursor _cursor;
        private readonly long _length;
        private readonly byte[] _block = new byte[BlockSize];
        private readonly Dictionary<string, string> _globalPax = new(StringComparer.Ordinal);
        private long _next;
        private int _count;
        private bool _done;

        public State(Stream tar, ArchiveLimits limits)
        {
            _limits = limits;
            if (tar.CanSeek)
            {
                _cursor = new Cursor(tar, tar.Position);
                _length = tar.Length - tar.Position;
            }
            else
            {
                _cursor = new Cursor(new InputCounter(tar, Format, 0, expectedLength: null), 0);
                _length = long.MaxValue;
            }
        }

        public TarEntry? Next()
        {
            if (_done)
                return null;
            try
            {
                var entry = ReadMember();
                if (entry is null)
                    _done = true;
                return entry;
            }
            catch (EndOfStreamException ex)
            {
                _done = true;
                throw new MalformedDataException(Format, $"read failed: {ex.Message}", _next, inner: ex);
            }
        }

        // Null on a seekable source (positions are absolute), else the counting wrapper the cursor reads through.
        private InputCounter? Tracker => _cursor.Source as InputCounter;

        private TarEntry? ReadMember()
        {
            var anomalies = new AnomalyList(_limits.MaxAnomalies);
            var memberStart = _next;
            string? longName = null, longLink = null;
            Dictionary<string, string>? pax = null;
            while (true)
            {
                var headerOffset = _next;
                if (!ReadBlock(headerOffset))
                {
                    if (longName is not null || longLink is not null || pax is not null)
                        throw new MalformedDataException(Format, "archive ends after a long-name or pax header, before its member", headerOffset);
                    return null;
                }
                if (_block.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                {
                    // Python's tarfile stops at the first zero block; POSIX ends with two. A header after a lone
                    // zero block is hidden from tarfile but read by tools that skip zero blocks.
                    if (!ReadBlock(headerOffset + BlockSize) || _block.AsSpan().IndexOfAnyExcept((byte)0) < 0 || !ChecksumMatches(_block))
                        return null;
                    anomalies.Add(ArchiveAnomalyKind.DataAfterEndMarker, null, headerOffset, "a header follows a lone zero block; Python's tarfile stops at the zero block");
                    headerOffset += BlockSize;
                    memberStart = headerOffset;
                }
                var header = _block;
                var checksumOk = ChecksumMatches(header);
                var isUstar = header.AsSpan(MagicOffset, 6).SequenceEqual(UstarMagic) || header.AsSpan(MagicOffset, 8).SequenceEqual(GnuMagic);
                if (!checksumOk && !isUstar)
                    throw new MalformedDataException(Format, "header checksum does not match and the block has no ustar magic: not a tar header", headerOffset);
                var size = ParseNumber(header.AsSpan(SizeOffset, SizeLength), "size", headerOffset + SizeOffset);
                if (size < 0)
                    throw new MalformedDataException(Format, $"negative size {size}", headerOffset + SizeOffset);
                var type = header[TypeFlagOffset];
                var dataOffset = headerOffset + BlockSize;

                if (type is (byte)'L' or (byte)'K')
                {
                    if (size > _limits.MaxNameLength)
                        throw new MalformedDataException(Format, $"GNU long name of {size} bytes exceeds the limit of {_limits.MaxNameLength}", headerOffset + SizeOffset);
                    var text = Terminated(ReadData(dataOffset, (int)size));
                    if (type == (byte)'L')
                        longName = text;
                    else
                        longLink = text;
                    Advance(dataOffset, size);
                    continue;
                }
                if (type is (byte)'x' or (byte)'X' or (byte)'g')
                {
                    if (size > _limits.MaxPaxHeaderBytes)
                        throw new MalformedDataException(Format, $"pax header of {size} bytes exceeds the limit of {_limits.MaxPaxHeaderBytes}", headerOffset + SizeOffset);
                    var records = ParsePax(ReadData(dataOffset, (int)size), dataOffset);
                    var target = type == (byte)'g' ? _globalPax : pax ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, value) in records)
                        target[key] = value;
                    Advance(dataOffset, size);
                    continue;
                }

                if (++_count > _limits.MaxEntries)
                    throw new MalformedDataException(Format, $"more than {_limits.MaxEntries} entries", headerOffset);
                var name = Terminated(header.AsSpan(NameOffset, NameLength));
                var linkName = Terminated(header.AsSpan(LinkNameOffset, LinkNameLength));
                // Python's tarfile (frombuf) prepends the ustar prefix unless the magic is GNU's or the type is GNU-only.
                if (!header.AsSpan(MagicOffset, 8).SequenceEqual(GnuMagic) && type is not ((byte)'L' or (byte)'K' or (byte)'S'))
                {
                    var prefix = Terminated(header.AsSpan(PrefixOffset, PrefixLength));
                    if (prefix.Length > 0)
                        name = prefix + "/" + name;
                }
                name = Lookup(pax, "path") ?? longName ?? name;
                linkName = Lookup(pax, "linkpath") ?? longLink ?? linkName;
                if (Lookup(pax, "size") is { } paxSize)
                {
                    if (!long.TryParse(paxSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
                        throw new MalformedDataException(Format, $"pax size '{paxSize}' is not a non-negative integer", headerOffset);
                }
                if (name.Length > _limits.MaxNameLength)
                    throw new MalformedDataException(Format, $"name of {name.Length} characters exceeds the limit of {_limits.MaxNameLength}", headerOffset);

                var kind = KindOf(type, name);
                // Python's tarfile (frombuf) strips a directory's trailing slashes.
                if (kind == TarEntryKind.Directory && name.TrimEnd('/') is { Length: > 0 } trimmed)
                    name = trimmed;
                if (!checksumOk)
                    anomalies.Add(ArchiveAnomalyKind.BadChecksum, name, headerOffset + ChecksumOffset, "header checksum does not match; Python's tarfile stops reading here");
                ArchiveNames.Check(name, headerOffset, anomalies);
                switch (kind)
                {
                    case TarEntryKind.Symlink:
                        anomalies.Add(ArchiveAnomalyKind.Symlink, name, headerOffset, $"symbolic link to '{linkName}'");
                        break;
                    case TarEntryKind.Hardlink:
                        anomalies.Add(ArchiveAnomalyKind.Hardlink, name, headerOffset, $"hard link to '{linkName}'");
                        break;
                    case TarEntryKind.CharacterDevice or TarEntryKind.BlockDevice or TarEntryKind.Fifo:
                        anomalies.Add(ArchiveAnomalyKind.DeviceOrFifo, name, headerOffset, $"{kind} entry");
                        break;
                    case TarEntryKind.Other:
                        anomalies.Add(ArchiveAnomalyKind.UnknownEntryType, name, headerOffset, $"type flag 0x{type:X2} is not a standard type; read as a regular file");
                        break;
                }
                // Python's tarfile (_proc_builtin) skips data only for regular files and unknown types.
                var hasData = kind is TarEntryKind.File or TarEntryKind.Other;
                if (!hasData && size != 0)
                {
                    anomalies.Add(ArchiveAnomalyKind.SizeOnEntryWithoutData, name, headerOffset + SizeOffset, $"{kind} header declares {size} bytes that loaders read as the next header");
                    size = 0;
                }
                _cursor.Sequence++;
                _cursor.Opened = false;
                var entry = new TarEntry(_cursor, _cursor.Sequence, name, kind is TarEntryKind.Symlink or TarEntryKind.Hardlink ? linkName : null, kind, type, size, memberStart, dataOffset, anomalies.ToList());
                Advance(dataOffset, size);
                return entry;
            }
        }

        private static TarEntryKind KindOf(byte type, string name) => type switch
        {
            (byte)'0' or (byte)'7' => TarEntryKind.File,
            0 => name.EndsWith('/') ? TarEntryKind.Directory : TarEntryKind.File,
            (byte)'1' => TarEntryKind.Hardlink,
            (byte)'2' => TarEntryKind.Symlink,
            (byte)'3' => TarEntryKind.CharacterDevice,
            (byte)'4' => TarEntryKind.BlockDevice,
            (byte)'5' => TarEntryKind.Directory,
            (byte)'6' => TarEntryKind.Fifo,
            _ => TarEntryKind.Other,
        };

        private void Advance(long dataOffset, long size)
        {
            if (size > long.MaxValue - dataOffset - BlockSize)
                throw new MalformedDataException(Format, $"size {size} overflows the archive offset", dataOffset);
            _next = dataOffset + ((size + BlockSize - 1) & ~(long)(BlockSize - 1));
        }

        // Reads the 512-byte block at offset into _block. False at a clean end of input exactly at the offset.
        private bool ReadBlock(long offset)
        {
            if (Tracker is not { } tracker)
            {
                if (offset == _length)
                    return false;
                if (offset > _length - BlockSize)
                    throw new MalformedDataException(Format, offset > _length ? "unexpected end of data: the previous member runs past the end" : "truncated header", Math.Min(offset, _length));
                _cursor.Source.Position = _cursor.SourceStart + offset;
                _cursor.Source.ReadExactly(_block);
                return true;
            }
            SkipTo(offset);
            var read = tracker.ReadAtLeast(_block, BlockSize, throwOnEndOfStream: false);
            if (read == 0)
                return false;
            if (read < BlockSize)
                throw new MalformedDataException(Format, "truncated header", offset + read);
            return true;
        }

        private byte[] ReadData(long offset, int size)
        {
            if (Tracker is null)
            {
                if (offset > _length - size)
                    throw new MalformedDataException(Format, "header data runs past the end", offset);
                _cursor.Source.Position = _cursor.SourceStart + offset;
            }
            else
            {
                SkipTo(offset);
            }
            var data = new byte[size];
            var read = _cursor.Source.ReadAtLeast(data, size, throwOnEndOfStream: false);
            if (read < size)
                throw new MalformedDataException(Format, "header data runs past the end", offset + read);
            return data;
        }

        private void SkipTo(long offset)
        {
            var tracker = Tracker!;
            if (tracker.Consumed > offset)
                throw new InvalidOperationException("forward-only tar stream read out of order");
            Span<byte> scratch = stackalloc byte[4096];
            while (tracker.Consumed < offset)
            {
                var read = tracker.Read(scratch[..(int)Math.Min(scratch.Length, offset - tracker.Consumed)]);
                if (read == 0)
                    throw new MalformedDataException(Format, "unexpected end of data: a member runs past the end", tracker.Consumed);
            }
        }

        private static bool ChecksumMatches(byte[] header)
        {
            // POSIX: the sum of all header bytes with the checksum field taken as eight spaces; Python's tarfile
            // (calc_chksums) also accepts the signed-char sum some old tars wrote.
            long stored;
            try
            {
                stored = ParseNumber(header.AsSpan(ChecksumOffset, ChecksumLength), "checksum", ChecksumOffset);
            }
            catch (MalformedDataException)
            {
                return false;
            }
            long unsigned = 8 * ' ', signed = 8 * ' ';
            for (var i = 0; i < BlockSize; i++)
            {
                if (i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength)
                    continue;
                unsigned += header[i];
                signed += (sbyte)header[i];
            }
            return stored == unsigned || stored == signed;
        }

        // Numeric fields (Python tarfile.nti): base-256 when the first byte is 0x80 (positive) or 0xFF (negative,
        // GNU); otherwise octal ASCII up to the first NUL, surrounded by optional spaces.
        private static long ParseNumber(ReadOnlySpan<byte> field, string what, long offset)
        {
            if (field[0] is 0x80 or 0xFF)
            {
                var negative = field[0] == 0xFF;
                long value = 0;
                foreach (var b in field[1..])
                {
                    var digit = negative ? (byte)~b : b;
                    if (value > (long.MaxValue >> 8))
                        throw new MalformedDataException(Format, $"base-256 {what} does not fit in 63 bits", offset);
                    value = (value << 8) | digit;
                }
                return negative ? -value - 1 : value;
            }
            var end = field.IndexOf((byte)0);
            var text = (end < 0 ? field : field[..end]).Trim((byte)' ');
            long result = 0;
            foreach (var b in text)
            {
                if (b is < (byte)'0' or > (byte)'7')
                    throw new MalformedDataException(Format, $"{what} field is not octal", offset);
                result = (result << 3) | (long)(b - '0');
            }
            return result;
        }

        // pax extended header records (POSIX pax "extended header"): "<length> <key>=<value>\n", the length counting
        // the whole record in bytes.
        private static List<(string Key, string Value)> ParsePax(byte[] data, long offset)
        {
            var records = new List<(string, string)>();
            var pos = 0;
            while (pos < data.Length)
            {
                if (data[pos] == 0)
                    break;
                var space = data.AsSpan(pos).IndexOf((byte)' ');
                if (space is <= 0 or > 20)
                    throw new MalformedDataException(Format, "pax record without a length", offset + pos);
                long length = 0;
                foreach (var b in data.AsSpan(pos, space))
                {
                    if (b is < (byte)'0' or > (byte)'9' || length > data.Length)
                        throw new MalformedDataException(Format, "pax record length is not a number", offset + pos);
                    length = length * 10 + (b - '0');
                }
                if (length <= space + 1 || length > data.Length - pos || data[pos + (int)length - 1] != (byte)'\n')
                    throw new MalformedDataException(Format, $"pax record length {length} does not fit the header", offset + pos);
                var body = data.AsSpan(pos + space + 1, (int)length - space - 2);
                var equals = body.IndexOf((byte)'=');
                if (equals <= 0)
                    throw new MalformedDataException(Format, "pax record without '='", offset + pos);
                records.Add((Utf8.GetString(body[..equals]), Utf8.GetString(body[(equals + 1)..])));
                pos += (int)length;
            }
            return records;
        }

        private string? Lookup(Dictionary<string, string>? local, string key) =>
            local is not null && local.TryGetValue(key, out var value) ? value
            : _globalPax.TryGetValue(key, out var global) ? global
            : null;

        private static string Terminated(ReadOnlySpan<byte> field)
        {
            var end = field.IndexOf((byte)0);
            return Utf8.GetString(end < 0 ? field : field[..end]);
        }
    }
}
