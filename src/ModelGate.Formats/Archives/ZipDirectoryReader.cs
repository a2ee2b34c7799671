using System.Buffers.Binary;
using static ModelGate.Formats.Archives.ZipFields;

namespace ModelGate.Formats.Archives;

/// <summary>
/// Reads a zip archive's central directory the way lenient loaders do (PyTorch's miniz, Python's zipfile),
/// cross-checks it against the local headers and the bytes around them, and reports every irregularity as an
/// <see cref="ArchiveAnomaly"/> instead of refusing the file. Only structurally unreadable archives throw.
/// </summary>
public static class ZipDirectoryReader
{
    internal const string Format = "zip";

    /// <summary>Reads the directory of <paramref name="seekableArchive"/> (the whole stream is the archive).</summary>
    /// <exception cref="MalformedDataException">No end record, no central directory, or a limit exceeded.</exception>
    public static ZipDirectory Read(Stream seekableArchive, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(seekableArchive);
        ArgumentNullException.ThrowIfNull(limits);
        if (!seekableArchive.CanSeek)
            throw new ArgumentException("the zip reader needs a seekable stream", nameof(seekableArchive));
        try
        {
            return new Reader(seekableArchive, limits).Read();
        }
        catch (EndOfStreamException ex)
        {
            throw new MalformedDataException(Format, "unexpected end of file", seekableArchive.Length, inner: ex);
        }
    }

    private sealed class Reader(Stream file, ArchiveLimits limits)
    {
        private readonly long _length = file.Length;
        private readonly AnomalyList _anomalies = new(limits.MaxAnomalies);

        public ZipDirectory Read()
        {
            var end = FindEndRecord();
            var (cdPosition, delta) = LocateCentralDirectory(end);
            var entries = ReadCentralDirectory(cdPosition, end, delta);
            CheckDuplicates(entries);
            var ranges = CheckOverlaps(entries);
            var unlisted = ScanGaps(ranges, cdPosition);
            return new ZipDirectory(entries, unlisted, _anomalies.ToList(), end.IsZip64, cdPosition, Math.Max(0, delta));
        }

        private readonly record struct EndRecord(long Position, long DirectoryEnd, ulong EntryCount, ulong DirectorySize, ulong DirectoryOffset, bool IsZip64);

        // The end record sits in the last 22 + 65535 bytes (comment length is 16 bits); the last signature wins, as in
        // Python's _EndRecData (rfind) and miniz's mz_zip_reader_locate_header_sig (backwards search).
        private EndRecord FindEndRecord()
        {
            if (_length < EndRecordLength)
                throw new MalformedDataException(Format, "file too short for an end of central directory record", 0);
            var tailLength = (int)Math.Min(_length, EndRecordLength + MaxCommentLength);
            var tail = ReadAt(_length - tailLength, tailLength);
            var index = -1;
            for (var i = tailLength - EndRecordLength; i >= 0; i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndRecordSignature)
                {
                    index = i;
                    break;
                }
            }
            if (index < 0)
                throw new MalformedDataException(Format, "no end of central directory record in the last 64 KiB", _length - tailLength);
            var position = _length - tailLength + index;
            var record = tail.AsSpan(index, EndRecordLength);
            ulong count = BinaryPrimitives.ReadUInt16LittleEndian(record[EndTotalEntries..]);
            ulong size = BinaryPrimitives.ReadUInt32LittleEndian(record[EndDirectorySize..]);
            ulong offset = BinaryPrimitives.ReadUInt32LittleEndian(record[EndDirectoryOffset..]);

            if (position < Zip64LocatorLength)
                return new EndRecord(position, position, count, size, offset, false);
            var locator = ReadAt(position - Zip64LocatorLength, Zip64LocatorLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
                return new EndRecord(position, position, count, size, offset, false);

            // miniz reads the zip64 record where the locator points; Python's _EndRecData64 reads it right before the
            // locator. Try the first, then the second (which also covers prepended data).
            var declared = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(LocatorRecordOffset));
            var before = position - Zip64LocatorLength - Zip64EndRecordLength;
            long recordPosition;
            if (declared <= (ulong)(_length - Zip64EndRecordLength) && HasSignature((long)declared, Zip64EndRecordSignature))
                recordPosition = (long)declared;
            else if (before >= 0 && HasSignature(before, Zip64EndRecordSignature))
                recordPosition = before;
            else
                throw new MalformedDataException(Format, "zip64 locator present but no zip64 end of central directory record", position - Zip64LocatorLength);
            var zip64 = ReadAt(recordPosition, Zip64EndRecordLength);
            count = BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(Zip64TotalEntries));
            size = BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(Zip64DirectorySize));
            offset = BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(Zip64DirectoryOffset));
            return new EndRecord(position, recordPosition, count, size, offset, true);
        }

        // Python's zipfile reads the directory at (directory end - directory size) and shifts every header offset by
        // the difference from the declared offset ("concat", prepended data); miniz reads at the declared offset.
        private (long Position, long Delta) LocateCentralDirectory(EndRecord end)
        {
            if (end.EntryCount > (ulong)limits.MaxEntries)
                throw new MalformedDataException(Format, $"end record claims {end.EntryCount} entries; the limit is {limits.MaxEntries}", end.Position);
            if (end.DirectorySize > (ulong)limits.MaxCentralDirectoryBytes)
                throw new MalformedDataException(Format, $"central directory of {end.DirectorySize} bytes exceeds the limit of {limits.MaxCentralDirectoryBytes}", end.Position);
            if (end.DirectorySize > (ulong)end.DirectoryEnd)
                throw new MalformedDataException(Format, $"central directory size {end.DirectorySize} exceeds the {end.DirectoryEnd} bytes before the end record", end.Position);
            var actual = end.DirectoryEnd - (long)end.DirectorySize;
            if (end.DirectoryOffset == (ulong)actual)
                return (actual, 0);
            var declaredFits = end.DirectoryOffset <= (ulong)(_length - 4);
            if (end.DirectorySize == 0 && end.EntryCount == 0)
                return (actual, 0);
            if (HasSignature(actual, CentralHeaderSignature))
            {
                var delta = end.DirectoryOffset <= long.MaxValue ? actual - (long)end.DirectoryOffset : long.MinValue;
                if (delta > 0)
                {
                    _anomalies.Add(ArchiveAnomalyKind.PrependedData, null, 0, $"{delta} bytes precede the archive; offsets shifted as Python's zipfile does");
                    return (actual, delta);
                }
                _anomalies.Add(ArchiveAnomalyKind.CentralDirectoryMisplaced, null, actual, $"end record says the central directory starts at {end.DirectoryOffset}, it starts at {actual}");
                return (actual, declaredFits ? delta : 0);
            }
            if (declaredFits && HasSignature((long)end.DirectoryOffset, CentralHeaderSignature))
            {
                _anomalies.Add(ArchiveAnomalyKind.CentralDirectoryMisplaced, null, (long)end.DirectoryOffset, $"{actual - (long)end.DirectoryOffset - (long)end.DirectorySize} unexplained bytes between the central directory and the end record");
                return ((long)end.DirectoryOffset, 0);
            }
            throw new MalformedDataException(Format, $"no central directory at offset {end.DirectoryOffset} (or {actual})", end.Position);
        }

        private List<ZipEntry> ReadCentralDirectory(long position, EndRecord end, long delta)
        {
            var size = (int)end.DirectorySize;
            var directory = ReadAt(position, size);
            var entries = new List<ZipEntry>((int)Math.Min(end.EntryCount, 4096));
            var pos = 0;
            while (pos < size)
            {
                var rest = directory.AsSpan(pos);
                if (rest.Length < CentralHeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(rest) != CentralHeaderSignature)
                {
                    if ((ulong)entries.Count >= end.EntryCount)
                    {
                        _anomalies.Add(ArchiveAnomalyKind.CentralDirectoryMisplaced, null, position + pos, $"{rest.Length} bytes of garbage after the last central directory entry");
                        break;
                    }
                    throw new MalformedDataException(Format, "bad central directory header signature", position + pos);
                }
                if (entries.Count >= limits.MaxEntries)
                    throw new MalformedDataException(Format, $"more than {limits.MaxEntries} entries in the central directory", position + pos);
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[CentralNameLength..]);
                int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[CentralExtraLength..]);
                int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[CentralCommentLength..]);
                var recordLength = CentralHeaderLength + nameLength + extraLength + commentLength;
                if (recordLength > rest.Length)
                    throw new MalformedDataException(Format, "central directory entry runs past the directory's end", position + pos);
                if (nameLength > limits.MaxNameLength)
                    throw new MalformedDataException(Format, $"entry name of {nameLength} bytes exceeds the limit of {limits.MaxNameLength}", position + pos);
                entries.Add(ReadEntry(rest[..recordLength], position + pos, delta));
                pos += recordLength;
            }
            if ((ulong)entries.Count != end.EntryCount)
                _anomalies.Add(ArchiveAnomalyKind.EntryCountMismatch, null, end.Position, $"end record counts {end.EntryCount} entries, the central directory holds {entries.Count}");
            return entries;
        }

        private ZipEntry ReadEntry(ReadOnlySpan<byte> header, long headerPosition, long delta)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[CentralFlags..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[CentralMethod..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[CentralCrc..]);
            ulong compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[CentralCompressedSize..]);
            ulong uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[CentralUncompressedSize..]);
            ulong localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[CentralLocalHeaderOffset..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[CentralNameLength..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[CentralExtraLength..]);
            var name = ZipNames.Decode(header.Slice(CentralHeaderLength, nameLength), flags);
            ApplyZip64Extra(header.Slice(CentralHeaderLength + nameLength, extraLength), ref uncompressed, ref compressed, ref localOffset, includeOffset: true);
            if (compressed > long.MaxValue || uncompressed > long.MaxValue || localOffset > long.MaxValue)
                throw new MalformedDataException(Format, $"entry '{name}' declares a size or offset beyond 2^63", headerPosition);

            ArchiveNames.Check(name, headerPosition, _anomalies);
            if ((flags & EncryptedFlag) != 0)
                _anomalies.Add(ArchiveAnomalyKind.EncryptedFlag, name, headerPosition, "encryption flag set; PyTorch reads the data as plaintext regardless");
            if ((flags & DataDescriptorFlag) != 0)
                _anomalies.Add(ArchiveAnomalyKind.DataDescriptor, name, headerPosition, "sizes and CRC follow the data in a data descriptor");
            if (!IsSupportedMethod(method))
                _anomalies.Add(ArchiveAnomalyKind.UnsupportedMethod, name, headerPosition, $"compression method {method} cannot be decoded");

            var localPosition = (long)localOffset + delta;
            var local = ReadLocalHeader(localPosition);
            if (local is null)
            {
                _anomalies.Add(ArchiveAnomalyKind.LocalHeaderUnreadable, name, localPosition, "local header lies outside the file");
                return new ZipEntry(name, null, method, flags, crc, (long)compressed, (long)uncompressed, localPosition, -1, isUnlisted: false);
            }
            var l = local.Value;
            if (!l.HasSignature)
                _anomalies.Add(ArchiveAnomalyKind.LocalHeaderSignatureMissing, name, localPosition, "no local header signature where the central directory points; PyTorch reads the data anyway");
            if (l.Name != name)
                _anomalies.Add(ArchiveAnomalyKind.LocalNameMismatch, name, localPosition, $"local header names '{l.Name}', central directory names '{name}'");
            if (l.Flags != flags)
                _anomalies.Add(ArchiveAnomalyKind.FlagsMismatch, name, localPosition, $"local flags 0x{l.Flags:X4}, central flags 0x{flags:X4}");
            if (l.Method != method)
                _anomalies.Add(ArchiveAnomalyKind.MethodMismatch, name, localPosition, $"local method {l.Method}, central method {method}");
            // With a data descriptor (bit 3) the local CRC and sizes are legitimately zero.
            var deferred = (l.Flags & DataDescriptorFlag) != 0;
            if ((!deferred || l.Crc != 0) && l.Crc != crc)
                _anomalies.Add(ArchiveAnomalyKind.CrcFieldMismatch, name, localPosition, $"local CRC 0x{l.Crc:X8}, central CRC 0x{crc:X8}");
            if ((!deferred || l.Compressed != 0 || l.Uncompressed != 0) && (l.Compressed != compressed || l.Uncompressed != uncompressed))
                _anomalies.Add(ArchiveAnomalyKind.SizeMismatch, name, localPosition, $"local sizes {l.Compressed}/{l.Uncompressed}, central sizes {compressed}/{uncompressed}");
            if ((ulong)l.DataOffset + compressed > (ulong)_length)
                _anomalies.Add(ArchiveAnomalyKind.DataBeyondEndOfFile, name, l.DataOffset, $"{compressed} bytes of data at {l.DataOffset} run past the end of the {_length}-byte file");
            return new ZipEntry(name, l.Name, method, flags, crc, (long)compressed, (long)uncompressed, localPosition, l.DataOffset, isUnlisted: false);
        }

        private readonly record struct LocalHeader(bool HasSignature, string Name, ushort Flags, ushort Method, uint Crc, ulong Compressed, ulong Uncompressed, long DataOffset);

        private LocalHeader? ReadLocalHeader(long position)
        {
            if (position < 0 || position > _length - LocalHeaderLength)
                return null;
            var fixedPart = ReadAt(position, LocalHeaderLength);
            var span = fixedPart.AsSpan();
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[LocalFlags..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[LocalNameLength..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[LocalExtraLength..]);
            ulong compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[LocalCompressedSize..]);
            ulong uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(span[LocalUncompressedSize..]);
            var variableStart = position + LocalHeaderLength;
            var available = _length - variableStart;
            var nameBytes = ReadAt(variableStart, (int)Math.Min(Math.Min(nameLength, limits.MaxNameLength), available));
            var name = ZipNames.Decode(nameBytes, flags);
            if ((long)nameLength + extraLength <= available)
            {
                var extra = ReadAt(variableStart + nameLength, extraLength);
                ulong ignored = 0;
                ApplyZip64Extra(extra, ref uncompressed, ref compressed, ref ignored, includeOffset: false);
            }
            return new LocalHeader(
                BinaryPrimitives.ReadUInt32LittleEndian(span) == LocalHeaderSignature,
                name,
                flags,
                BinaryPrimitives.ReadUInt16LittleEndian(span[LocalMethod..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[LocalCrc..]),
                compressed,
                uncompressed,
                variableStart + nameLength + extraLength);
        }

        // Zip64 extended information (APPNOTE 4.5.3): 8-byte fields, in this order, only for the 32-bit fields that
        // hold 0xFFFFFFFF. A malformed extra block ends the walk (miniz and Python differ; neither is followed further).
        private static void ApplyZip64Extra(ReadOnlySpan<byte> extra, ref ulong uncompressed, ref ulong compressed, ref ulong offset, bool includeOffset)
        {
            while (extra.Length >= 4)
            {
                var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
                int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
                if (size > extra.Length - 4)
                    return;
                var data = extra.Slice(4, size);
                if (id == Zip64ExtraId)
                {
                    if (uncompressed == uint.MaxValue && TryTake(ref data, out var u))
                        uncompressed = u;
                    if (compressed == uint.MaxValue && TryTake(ref data, out var c))
                        compressed = c;
                    if (includeOffset && offset == uint.MaxValue && TryTake(ref data, out var o))
                        offset = o;
                    return;
                }
                extra = extra[(4 + size)..];
            }
        }

        private static bool TryTake(ref ReadOnlySpan<byte> data, out ulong value)
        {
            if (data.Length < 8)
            {
                value = 0;
                return false;
            }
            value = BinaryPrimitives.ReadUInt64LittleEndian(data);
            data = data[8..];
            return true;
        }

        private void CheckDuplicates(List<ZipEntry> entries)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!seen.Add(entry.Name))
                    _anomalies.Add(ArchiveAnomalyKind.DuplicateName, entry.Name, entry.LocalHeaderOffset, "another entry has the same name; loaders disagree on which one wins");
            }
        }

        private readonly record struct Range(long Start, long End, string Name);

        // Each entry spans its local header through the end of its data. Sorted by start, an entry starting before
        // the furthest end seen so far overlaps that entry.
        private List<Range> CheckOverlaps(List<ZipEntry> entries)
        {
            var ranges = new List<Range>(entries.Count);
            foreach (var e in entries)
            {
                if (e.DataOffset < 0)
                    continue;
                var end = Math.Min(_length, e.DataOffset + Math.Min(e.CompressedSize, _length));
                ranges.Add(new Range(e.LocalHeaderOffset, Math.Max(end, e.DataOffset), e.Name));
            }
            ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            Range? furthest = null;
            foreach (var r in ranges)
            {
                if (furthest is { } f && r.Start < f.End)
                    _anomalies.Add(ArchiveAnomalyKind.OverlappingEntries, r.Name, r.Start, $"entry's bytes {r.Start}..{r.End} overlap entry '{f.Name}' ({f.Start}..{f.End})");
                if (furthest is null || r.End > furthest.Value.End)
                    furthest = r;
            }
            return ranges;
        }

        // Bytes no central directory entry references, before the directory, are scanned for local headers: a
        // member hidden outside the directory is invisible to zipfile but found by tools that walk local headers.
        private List<ZipEntry> ScanGaps(List<Range> ranges, long directoryPosition)
        {
            var unlisted = new List<ZipEntry>();
            var budget = limits.MaxGapScanBytes;
            long cursor = 0;
            foreach (var r in ranges.Append(new Range(directoryPosition, directoryPosition, "")))
            {
                if (r.Start > cursor)
                {
                    var gapEnd = Math.Min(r.Start, directoryPosition);
                    if (gapEnd > cursor)
                        ScanGap(cursor, gapEnd, ref budget, unlisted);
                }
                cursor = Math.Max(cursor, r.End);
                if (budget <= 0 || unlisted.Count >= limits.MaxUnlistedEntries)
                    break;
            }
            return unlisted;
        }

        private void ScanGap(long start, long end, ref long budget, List<ZipEntry> unlisted)
        {
            const int Chunk = 64 * 1024;
            var position = start;
            while (position <= end - 4 && budget > 0 && unlisted.Count < limits.MaxUnlistedEntries)
            {
                var length = (int)Math.Min(Math.Min(Chunk, end - position), budget);
                if (length < 4)
                    return;
                var buffer = ReadAt(position, length);
                budget -= length;
                var hit = buffer.AsSpan().IndexOf("PK\x03\x04"u8);
                if (hit < 0)
                {
                    position += length - 3;
                    continue;
                }
                var headerPosition = position + hit;
                var local = ReadLocalHeader(headerPosition);
                if (local is not { } l)
                    return;
                var compressed = l.Compressed;
                if (compressed == 0 && (l.Flags & DataDescriptorFlag) != 0)
                    compressed = (ulong)Math.Max(0, end - l.DataOffset);
                var entry = new ZipEntry(l.Name, l.Name, l.Method, l.Flags, l.Crc, (long)Math.Min(compressed, (ulong)_length), (long)Math.Min(l.Uncompressed, long.MaxValue), headerPosition, l.DataOffset, isUnlisted: true);
                unlisted.Add(entry);
                _anomalies.Add(ArchiveAnomalyKind.UnlistedLocalEntry, l.Name, headerPosition, $"local header for '{l.Name}' not referenced by the central directory");
                var next = l.DataOffset + entry.CompressedSize;
                position = next > headerPosition + 4 && next <= end ? next : headerPosition + 4;
            }
        }

        private bool HasSignature(long position, uint signature)
        {
            if (position < 0 || position > _length - 4)
                return false;
            return BinaryPrimitives.ReadUInt32LittleEndian(ReadAt(position, 4)) == signature;
        }

        private byte[] ReadAt(long position, int count)
        {
            var buffer = new byte[count];
            file.Position = position;
            file.ReadExactly(buffer);
            return buffer;
        }
    }
}
