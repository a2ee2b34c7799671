using System.Buffers.Binary;
using System.Text;

namespace ModelGate.Formats.Hdf5;

/// <summary>
/// The reading behind <see cref="Hdf5AttributeReader"/>. Section numbers refer to the HDF5 File Format
/// Specification 3.0 (II.A superblock, IV.A object headers, IV.A.2 messages, III.E global heap).
/// </summary>
internal sealed class Hdf5RootAttributes(Stream stream, Hdf5Limits limits)
{
    private const string Format = Hdf5AttributeReader.FormatName;

    // II.A format signature: \211 H D F \r \n \032 \n (a u8 literal would encode U+0089 as two bytes).
    private static ReadOnlySpan<byte> Signature => [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly long _length = stream.Length;
    private readonly Dictionary<long, byte[]> _heapCollections = [];
    private readonly Dictionary<string, Hdf5AttributeValue> _attributes = new(StringComparer.Ordinal);
    private long _base;
    private int _offsetSize;
    private int _lengthSize;
    private long _stringBytes;

    // Object header v2 flags (IV.A.1.b), needed again to read its continuation blocks.
    private byte _v2Flags;

    public IReadOnlyDictionary<string, Hdf5AttributeValue> Read()
    {
        var root = ReadSuperblock();
        ReadObjectHeader(root);
        return _attributes;
    }

    // II.A: the signature is at 0, 512, 1024, 2048 ... (a user block may precede it). Returns the root group's
    // object header address.
    private long ReadSuperblock()
    {
        long at = 0;
        while (true)
        {
            if (at > _length - 8)
                throw Error("no HDF5 signature found", 0);
            if (ReadAt(at, 8).AsSpan().SequenceEqual(Signature))
                break;
            at = at == 0 ? 512 : at * 2;
        }
        var head = ReadAt(at, Math.Min(96, (int)Math.Min(int.MaxValue, _length - at)));
        if (head.Length < 16)
            throw Error("truncated superblock", at);
        var version = head[8];
        int fields;
        switch (version)
        {
            case 0 or 1:
                (_offsetSize, _lengthSize) = (head[13], head[14]);
                fields = version == 0 ? 24 : 28;
                break;
            case 2 or 3:
                (_offsetSize, _lengthSize) = (head[9], head[10]);
                fields = 12;
                break;
            default:
                throw Error($"unsupported superblock version {version}", at + 8);
        }
        if (_offsetSize is not (2 or 4 or 8) || _lengthSize is not (2 or 4 or 8))
            throw Error($"invalid sizes of offsets ({_offsetSize}) or lengths ({_lengthSize})", at + 13);
        var cursor = new Cursor(head, fields, at, this);
        _base = cursor.Offset() ?? throw Error("undefined base address", at);
        if (_base != at && _base != 0)
            throw Error($"base address {_base} does not match the superblock at {at}", at);
        long? rootAddress;
        if (version <= 1)
        {
            cursor.Offset(); // free-space info address
            cursor.Offset(); // end-of-file address
            cursor.Offset(); // driver information block address
            cursor.Offset(); // root symbol table entry: link name offset
            rootAddress = cursor.Offset(); // root symbol table entry: object header address
        }
        else
        {
            cursor.Offset(); // superblock extension address
            cursor.Offset(); // end-of-file address
            rootAddress = cursor.Offset();
        }
        return rootAddress is long root ? Absolute(root, at) : throw Error("undefined root group address", at);
    }

    // IV.A.1.a (version 1, 16-byte prefix, 8-byte aligned messages) and IV.A.1.b (version 2, "OHDR").
    private void ReadObjectHeader(long address)
    {
        var blocks = new Queue<(long Address, long Length, bool First)>();
        var prefix = ReadAt(address, (int)Math.Min(16, _length - address));
        var isV2 = prefix.AsSpan().StartsWith("OHDR"u8);
        if (!isV2 && (prefix.Length < 16 || prefix[0] != 1))
            throw Error("root object header has an unknown version", address);
        blocks.Enqueue((address, 0, true));
        var messages = 0;
        var continuations = 0;
        while (blocks.Count > 0)
        {
            var (blockAddress, blockLength, first) = blocks.Dequeue();
            if (++continuations > limits.MaxContinuationBlocks + 1)
                throw Error("too many object header continuation blocks", blockAddress);
            foreach (var (type, data, dataAddress) in isV2 ? MessagesV2(blockAddress, blockLength, first) : MessagesV1(blockAddress, blockLength, first))
            {
                if (++messages > limits.MaxHeaderMessages)
                    throw Error("too many object header messages", dataAddress);
                switch (type)
                {
                    case 0x0010: // IV.A.2.q continuation: offset, length
                        var cursor = new Cursor(data, 0, dataAddress, this);
                        var at = cursor.Offset() ?? throw Error("undefined continuation address", dataAddress);
                        blocks.Enqueue((Absolute(at, dataAddress), cursor.Length(), false));
                        break;
                    case 0x000C: // IV.A.2.m attribute
                        if (_attributes.Count >= limits.MaxAttributes)
                            throw Error("too many attributes", dataAddress);
                        var (name, value) = ReadAttribute(data, dataAddress);
                        _attributes[name] = value;
                        break;
                    case 0x0015: // IV.A.2.v attribute info: dense storage lives in a fractal heap
                        CheckAttributeInfo(data, dataAddress);
                        break;
                }
            }
        }
    }

    private IEnumerable<(int Type, byte[] Data, long Address)> MessagesV1(long address, long length, bool first)
    {
        long start;
        if (first)
        {
            var prefix = ReadAt(address, 16);
            length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
            start = address + 16;
        }
        else
        {
            start = address;
        }
        var block = ReadBlock(start, length, limits.MaxHeaderBlockBytes);
        var i = 0;
        while (i + 8 <= block.Length)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i));
            var size = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i + 2));
            if (size > block.Length - i - 8)
                throw Error($"header message of {size} bytes runs past its block", start + i);
            yield return (type, block.AsSpan(i + 8, size).ToArray(), start + i + 8);
            i += 8 + size;
            i = (i + 7) & ~7;
        }
    }

    private IEnumerable<(int Type, byte[] Data, long Address)> MessagesV2(long address, long length, bool first)
    {
        var head = ReadAt(address, (int)Math.Min(64, _length - address));
        byte flags;
        long start;
        long chunkLength;
        if (first)
        {
            if (head.Length < 7 || head[4] != 2)
                throw Error("unsupported OHDR version", address + 4);
            flags = head[5];
            var i = 6;
            if ((flags & 0x20) != 0)
                i += 16; // access, modification, change, birth times
            if ((flags & 0x10) != 0)
                i += 4; // max compact / min dense attribute counts
            var sizeBytes = 1 << (flags & 3);
            if (i + sizeBytes > head.Length)
                throw Error("truncated OHDR prefix", address);
            chunkLength = sizeBytes switch
            {
                1 => head[i],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(i)),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(i)),
                _ => checked((long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(head.AsSpan(i)), long.MaxValue)),
            };
            start = address + i + sizeBytes;
        }
        else
        {
            if (!head.AsSpan().StartsWith("OCHK"u8))
                throw Error("continuation block without OCHK signature", address);
            flags = _v2Flags;
            start = address + 4;
            chunkLength = length - 8; // signature and checksum
        }
        _v2Flags = flags;
        var block = ReadBlock(start, chunkLength, limits.MaxHeaderBlockBytes);
        var headerSize = (flags & 0x04) != 0 ? 6 : 4; // type, size, flags [, creation order]
        var p = 0;
        while (p + headerSize <= block.Length)
        {
            var type = block[p];
            var size = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(p + 1));
            if (size > block.Length - p - headerSize)
                throw Error($"header message of {size} bytes runs past its chunk", start + p);
            yield return (type, block.AsSpan(p + headerSize, size).ToArray(), start + p + headerSize);
            p += headerSize + size;
        }
    }

    // IV.A.2.v: version 0, flags, [max creation index], fractal heap address, name index B-tree address, ...
    private void CheckAttributeInfo(byte[] data, long address)
    {
        if (data.Length < 2)
            throw Error("truncated attribute info message", address);
        var cursor = new Cursor(data, (data[1] & 1) != 0 ? 4 : 2, address, this);
        if (cursor.Offset() is not null)
            throw Error("attribute dense storage not supported", address);
    }

    // IV.A.2.m: version 1 (8-byte padded name, datatype, dataspace), 2 (unpadded), 3 (plus name encoding).
    private (string Name, Hdf5AttributeValue Value) ReadAttribute(byte[] data, long address)
    {
        if (data.Length < 8)
            throw Error("truncated attribute message", address);
        var version = data[0];
        var flags = data[1];
        var nameSize = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2));
        var typeSize = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(4));
        var spaceSize = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(6));
        int p;
        Func<int, int> pad;
        switch (version)
        {
            case 1: p = 8; pad = n => (n + 7) & ~7; break;
            case 2: p = 8; pad = n => n; break;
            case 3: p = 9; pad = n => n; break;
            default: throw Error($"unsupported attribute message version {version}", address);
        }
        var total = (long)p + pad(nameSize) + pad(typeSize) + pad(spaceSize);
        if (total > data.Length || nameSize == 0)
            throw Error("attribute message fields run past the message", address);
        var nameBytes = data.AsSpan(p, nameSize);
        var nul = nameBytes.IndexOf((byte)0);
        var name = Encoding.UTF8.GetString(nul >= 0 ? nameBytes[..nul] : nameBytes);
        p += pad(nameSize);
        var type = data.AsSpan(p, typeSize);
        p += pad(typeSize);
        var space = data.AsSpan(p, spaceSize);
        p += pad(spaceSize);
        if (version >= 2 && (flags & 3) != 0)
            return (name, Unsupported([], "shared datatype or dataspace"));
        var dims = ReadDataspace(space, address);
        if (dims is null)
            return (name, Unsupported([], "null dataspace"));
        long count = 1;
        foreach (var d in dims)
        {
            if (d > limits.MaxAttributeElements || (d != 0 && count > limits.MaxAttributeElements / d))
                throw Error($"attribute '{name}' has more than {limits.MaxAttributeElements} elements", address);
            count *= d;
        }
        return (name, ReadValue(type, dims, count, data.AsSpan(p), address, name));
    }

    // IV.A.2.b dataspace: version 1 (rank, flags, 5 reserved) or 2 (rank, flags, type: 0 scalar, 1 simple, 2 null).
    private long[]? ReadDataspace(ReadOnlySpan<byte> space, long address)
    {
        if (space.Length < 4)
            throw Error("truncated dataspace", address);
        var version = space[0];
        var rank = space[1];
        int p;
        if (version == 1)
        {
            p = 8;
        }
        else if (version == 2)
        {
            if (space[3] == 2)
                return null;
            p = 4;
        }
        else
        {
            throw Error($"unsupported dataspace version {version}", address);
        }
        if (rank > 32 || p + (long)rank * _lengthSize > space.Length)
            throw Error("dataspace dimensions run past the message", address);
        var dims = new long[rank];
        for (var i = 0; i < rank; i++)
            dims[i] = ReadSized(space.Slice(p + i * _lengthSize, _lengthSize), address);
        return dims;
    }

    // IV.A.2.d datatype: class and version (1 byte), class bit field (3), size (4), properties.
    private Hdf5AttributeValue ReadValue(ReadOnlySpan<byte> type, long[] dims, long count, ReadOnlySpan<byte> data, long address, string name)
    {
        if (type.Length < 8)
            throw Error("truncated datatype", address);
        var typeClass = type[0] & 0x0F;
        var bits0 = type[1];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(type[4..]);
        if (size == 0 || size > limits.MaxStringBytes)
            throw Error($"attribute '{name}' has an invalid element size {size}", address);
        switch (typeClass)
        {
            case 0 when size is 1 or 2 or 4 or 8:
                return Numbers(dims, count, (int)size, data, address, name, (bits0 & 1) != 0, (bits0 & 8) != 0, integer: true);
            case 1 when size is 4 or 8 && (bits0 & 0x41) is 0 or 1:
                return Numbers(dims, count, (int)size, data, address, name, (bits0 & 1) != 0, true, integer: false);
            case 3:
                return FixedStrings(dims, count, (int)size, data, address, name, bits0 & 0x0F);
            case 9 when (bits0 & 0x0F) == 1:
                return VariableStrings(dims, count, data, address, name);
            default:
                return Unsupported(dims, $"datatype class {typeClass} of {size} bytes");
        }
    }

    private static Hdf5AttributeValue Numbers(long[] dims, long count, int size, ReadOnlySpan<byte> data, long address, string name, bool bigEndian, bool signed, bool integer)
    {
        if (count * size > data.Length)
            throw Error($"attribute '{name}' data is shorter than its {count} elements", address);
        var integers = new List<long>();
        var floats = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var e = data.Slice(i * size, size);
            if (integer)
            {
                integers.Add(size switch
                {
                    1 => signed ? (sbyte)e[0] : e[0],
                    2 => bigEndian ? (signed ? BinaryPrimitives.ReadInt16BigEndian(e) : BinaryPrimitives.ReadUInt16BigEndian(e)) : (signed ? BinaryPrimitives.ReadInt16LittleEndian(e) : BinaryPrimitives.ReadUInt16LittleEndian(e)),
                    4 => bigEndian ? (signed ? BinaryPrimitives.ReadInt32BigEndian(e) : BinaryPrimitives.ReadUInt32BigEndian(e)) : (signed ? BinaryPrimitives.ReadInt32LittleEndian(e) : BinaryPrimitives.ReadUInt32LittleEndian(e)),
                    _ => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(e) : BinaryPrimitives.ReadInt64LittleEndian(e),
                });
            }
            else
            {
                floats.Add(size == 4
                    ? bigEndian ? BinaryPrimitives.ReadSingleBigEndian(e) : BinaryPrimitives.ReadSingleLittleEndian(e)
                    : bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(e) : BinaryPrimitives.ReadDoubleLittleEndian(e));
            }
        }
        return new Hdf5AttributeValue(integer ? Hdf5AttributeKind.Integer : Hdf5AttributeKind.Float, dims, [], integers, floats, null);
    }

    // Class 3: padding 0 null-terminated, 1 null-padded, 2 space-padded.
    private Hdf5AttributeValue FixedStrings(long[] dims, long count, int size, ReadOnlySpan<byte> data, long address, string name, int padding)
    {
        if ((long)count * size > data.Length)
            throw Error($"attribute '{name}' data is shorter than its {count} strings", address);
        var strings = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var e = data.Slice(i * size, size);
            if (padding == 2)
                e = e.TrimEnd((byte)' ');
            var nul = e.IndexOf((byte)0);
            strings.Add(CountString(nul >= 0 ? e[..nul] : e, address));
        }
        return new Hdf5AttributeValue(Hdf5AttributeKind.String, dims, strings, [], [], null);
    }

    // Class 9 string elements: length (4), global heap ID = collection address (offset size) + object index (4).
    private Hdf5AttributeValue VariableStrings(long[] dims, long count, ReadOnlySpan<byte> data, long address, string name)
    {
        var elementSize = 4 + _offsetSize + 4;
        if (count * elementSize > data.Length)
            throw Error($"attribute '{name}' data is shorter than its {count} strings", address);
        var strings = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var e = data.Slice(i * elementSize, elementSize);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(e);
            var collection = ReadAddress(e.Slice(4, _offsetSize), address);
            var index = BinaryPrimitives.ReadUInt32LittleEndian(e[(4 + _offsetSize)..]);
            if (length == 0 || collection is null)
            {
                strings.Add("");
                continue;
            }
            var bytes = GlobalHeapObject(Absolute(collection.Value, address), index, address);
            if (length > bytes.Length)
                throw Error($"attribute '{name}' string of {length} bytes is longer than its heap object", address);
            strings.Add(CountString(bytes.AsSpan(0, (int)length), address));
        }
        return new Hdf5AttributeValue(Hdf5AttributeKind.String, dims, strings, [], [], null);
    }

    // III.E: "GCOL", version 1, 3 reserved, collection size (length size); objects: index (2), reference
    // count (2), reserved (4), size (length size), data padded to 8 bytes; index 0 is the free space.
    private byte[] GlobalHeapObject(long collectionAddress, uint index, long referencedFrom)
    {
        if (!_heapCollections.TryGetValue(collectionAddress, out var collection))
        {
            var head = ReadAt(collectionAddress, 8 + _lengthSize);
            if (!head.AsSpan().StartsWith("GCOL"u8) || head[4] != 1)
                throw Error("global heap collection signature missing", collectionAddress);
            var size = ReadSized(head.AsSpan(8, _lengthSize), collectionAddress);
            if (size > limits.MaxGlobalHeapCollectionBytes || size < 8 + _lengthSize)
                throw Error($"global heap collection of {size} bytes is outside the limits", collectionAddress);
            collection = ReadBlock(collectionAddress, size, limits.MaxGlobalHeapCollectionBytes);
            _heapCollections[collectionAddress] = collection;
        }
        var p = 8 + _lengthSize;
        while (p + 8 + _lengthSize <= collection.Length)
        {
            var objectIndex = BinaryPrimitives.ReadUInt16LittleEndian(collection.AsSpan(p));
            var objectSize = ReadSized(collection.AsSpan(p + 8, _lengthSize), collectionAddress + p);
            var dataStart = p + 8 + _lengthSize;
            if (objectIndex == 0)
                break;
            if (objectSize > collection.Length - dataStart)
                throw Error("global heap object runs past its collection", collectionAddress + p);
            if (objectIndex == index)
                return collection.AsSpan(dataStart, (int)objectSize).ToArray();
            p = dataStart + (int)((objectSize + 7) & ~7L);
        }
        throw Error($"global heap object {index} not found", referencedFrom);
    }

    private string CountString(ReadOnlySpan<byte> bytes, long address)
    {
        _stringBytes += bytes.Length;
        if (_stringBytes > limits.MaxTotalStringBytes)
            throw Error("attribute strings exceed the total limit", address);
        return Encoding.UTF8.GetString(bytes);
    }

    private static Hdf5AttributeValue Unsupported(long[] dims, string note) => new(Hdf5AttributeKind.Unsupported, dims, [], [], [], note);

    private long Absolute(long relative, long at)
    {
        if ((ulong)relative > (ulong)(_length - _base))
            throw Error($"address {relative} lies outside the file", at);
        return _base + relative;
    }

    // A header block or heap collection: checked against its limit and the file before allocating.
    private byte[] ReadBlock(long address, long length, int max)
    {
        if ((ulong)length > (ulong)max)
            throw Error($"block of {length} bytes exceeds the limit of {max}", address);
        return ReadAt(address, (int)length);
    }

    private byte[] ReadAt(long address, int length)
    {
        if (address < 0 || length < 0 || address > _length - length)
            throw Error($"read of {length} bytes at {address} runs past the end of the file ({_length} bytes)", address);
        var buffer = new byte[length];
        try
        {
            stream.Seek(address, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new MalformedDataException(Format, "unexpected end of file", address, inner: e);
        }
        catch (IOException e)
        {
            throw new MalformedDataException(Format, "read failed: " + e.Message, address, inner: e);
        }
        return buffer;
    }

    // An address field of offset size; all bits set means "undefined".
    private static long? ReadAddress(ReadOnlySpan<byte> bytes, long at)
    {
        var undefined = true;
        foreach (var b in bytes)
            undefined &= b == 0xFF;
        return undefined ? null : ReadSized(bytes, at);
    }

    private static long ReadSized(ReadOnlySpan<byte> bytes, long at)
    {
        ulong value = bytes.Length switch
        {
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            _ => throw Error("invalid field size", at),
        };
        if (value > long.MaxValue)
            throw Error($"value {value} is out of range", at);
        return (long)value;
    }

    private static MalformedDataException Error(string message, long offset) => new(Format, message, offset);

    // Reads offset- and length-sized fields from the front of a buffer.
    private ref struct Cursor(ReadOnlySpan<byte> data, int position, long address, Hdf5RootAttributes owner)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position = position;

        public long? Offset() => ReadAddress(Take(owner._offsetSize), address + _position);

        public long Length() => ReadSized(Take(owner._lengthSize), address + _position);

        private ReadOnlySpan<byte> Take(int size)
        {
            if (_position + size > _data.Length)
                throw Error("field runs past its structure", address + _position);
            var slice = _data.Slice(_position, size);
            _position += size;
            return slice;
        }
    }
}
