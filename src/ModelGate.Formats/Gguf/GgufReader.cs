using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace ModelGate.Formats.Gguf;

/// <summary>
/// Reads and checks a GGUF file (ggml docs/gguf.md): header (<c>GGUF</c>, version, tensor count, metadata
/// count), metadata key-value pairs, tensor infos, then the aligned data section, which is never read.
/// Version 1 writes counts, string lengths and dimensions as u32; versions 2 and 3 as u64.
/// Anything that stops the file from being walked (bad magic, an unknown value type, a length past the end
/// or over a limit) is a <see cref="MalformedDataException"/>; the rest is a <see cref="GgufProblem"/>.
/// </summary>
public static class GgufReader
{
    private const string Format = "gguf";
    private const string ChatTemplateKey = "tokenizer.chat_template";
    private const string AlignmentKey = "general.alignment";
    private const uint DefaultAlignment = 32;
    private const uint MaxDims = 4; // GGML_MAX_DIMS
    private const int MaxNameBytes = 63; // GGML_MAX_NAME is 64 including the terminating NUL
    private const uint HardMaxDims = 1024;

    /// <summary>Reads the GGUF file that starts at the stream's current position.</summary>
    public static GgufFile Read(Stream seekable, GgufLimits limits)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        ArgumentNullException.ThrowIfNull(limits);
        if (!seekable.CanSeek || !seekable.CanRead)
            throw new ArgumentException("GGUF needs a readable, seekable stream", nameof(seekable));
        return new State(new GgufCursor(seekable), limits).Read();
    }

    private sealed class State(GgufCursor cursor, GgufLimits limits)
    {
        private readonly List<GgufProblem> problems = [];
        private readonly List<GgufMetadataEntry> metadata = [];
        private readonly List<KeyValuePair<string, string>> templates = [];
        private uint version;
        private ulong arrayElements;

        private bool Wide => version >= 2;

        public GgufFile Read()
        {
            if (cursor.Length < 4 || cursor.ReadUInt32() != 0x46554747) // "GGUF" read as a little-endian u32
                throw new MalformedDataException(Format, "missing GGUF magic", 0);
            version = cursor.ReadUInt32();
            if (version is < 1 or > 3)
                throw new MalformedDataException(Format, $"version {version} is not 1, 2 or 3", 4);
            var tensorCount = ReadCount();
            var metadataCount = ReadCount();
            // Smallest metadata pair: key length, empty key, value type, one-byte value.
            CheckCount(metadataCount, limits.MaxMetadataCount, LengthSize + 4 + 1, "metadata count");
            // Smallest tensor info: name length, empty name, n_dims, type, offset.
            CheckCount(tensorCount, limits.MaxTensorCount, LengthSize + 4 + 4 + 8, "tensor count");

            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (ulong i = 0; i < metadataCount; i++)
                ReadPair(keys);

            var alignment = Alignment();
            var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 4096));
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (ulong i = 0; i < tensorCount; i++)
                tensors.Add(ReadTensorInfo(names, alignment));

            var dataOffset = AlignUp((ulong)cursor.Position, alignment);
            CheckData(tensors, dataOffset);
            return new GgufFile(version, metadata, tensors, alignment, dataOffset, templates, problems);
        }

        private ulong LengthSize => Wide ? 8UL : 4UL;

        private ulong ReadCount() => Wide ? cursor.ReadUInt64() : cursor.ReadUInt32();

        private void CheckCount(ulong count, ulong limit, ulong minimumItemBytes, string what)
        {
            if (count > limit)
                throw new MalformedDataException(Format, $"{what} {count} exceeds the limit of {limit}", cursor.Position);
            // count <= limit keeps this product far from overflow.
            if (count * minimumItemBytes > (ulong)cursor.Remaining)
                throw new MalformedDataException(Format, $"{what} {count} cannot fit in the {cursor.Remaining} bytes left", cursor.Position);
        }

        private void ReadPair(HashSet<string> keys)
        {
            var offset = cursor.Position;
            var key = ReadName(limits.MaxKeyBytes, "key");
            if (!keys.Add(key))
                problems.Add(new(GgufProblemKind.DuplicateKey, key, $"metadata key '{key}' appears more than once", offset));
            var type = ReadValueType();
            var isTemplate = key == ChatTemplateKey || key.StartsWith(ChatTemplateKey + ".", StringComparison.Ordinal);
            switch (type)
            {
                case GgufValueType.String:
                {
                    var length = ReadStringLength();
                    object? value = null;
                    if (isTemplate && length > (ulong)limits.MaxChatTemplateBytes)
                    {
                        problems.Add(new(GgufProblemKind.ChatTemplateTooLarge, key, $"chat template is {length} bytes, over the {limits.MaxChatTemplateBytes}-byte limit; not kept", offset));
                        cursor.Skip(length, "string");
                    }
                    else if (isTemplate || length <= (ulong)limits.MaxKeptStringBytes)
                    {
                        value = DecodeString(cursor.ReadBytes((int)length), key, offset);
                        if (isTemplate)
                            templates.Add(new(key, (string)value));
                    }
                    else
                    {
                        cursor.Skip(length, "string");
                    }
                    metadata.Add(new(key, type, null, length, value, offset));
                    break;
                }
                case GgufValueType.Array:
                {
                    var elementType = ReadValueType();
                    var count = ReadCount();
                    SkipArray(elementType, count, 1);
                    if (isTemplate)
                        problems.Add(new(GgufProblemKind.InvalidChatTemplate, key, "chat template is an array, not a string", offset));
                    metadata.Add(new(key, type, elementType, count, null, offset));
                    break;
                }
                default:
                    if (isTemplate)
                        problems.Add(new(GgufProblemKind.InvalidChatTemplate, key, $"chat template is a {type}, not a string", offset));
                    metadata.Add(new(key, type, null, 1, ReadScalar(type), offset));
                    break;
            }
        }

        private GgufValueType ReadValueType()
        {
            var offset = cursor.Position;
            var raw = cursor.ReadUInt32();
            if (raw > (uint)GgufValueType.Float64)
                throw new MalformedDataException(Format, $"unknown metadata value type {raw}", offset);
            return (GgufValueType)raw;
        }

        private object ReadScalar(GgufValueType type) => type switch
        {
            GgufValueType.UInt8 => cursor.ReadByte(),
            GgufValueType.Int8 => (sbyte)cursor.ReadByte(),
            GgufValueType.UInt16 => cursor.ReadUInt16(),
            GgufValueType.Int16 => (short)cursor.ReadUInt16(),
            GgufValueType.UInt32 => cursor.ReadUInt32(),
            GgufValueType.Int32 => (int)cursor.ReadUInt32(),
            GgufValueType.Float32 => BitConverter.UInt32BitsToSingle(cursor.ReadUInt32()),
            GgufValueType.Bool => ReadBool(),
            GgufValueType.UInt64 => cursor.ReadUInt64(),
            GgufValueType.Int64 => (long)cursor.ReadUInt64(),
            GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(cursor.ReadUInt64()),
            _ => throw new MalformedDataException(Format, $"{type} is not a scalar type", cursor.Position),
        };

        // gguf.md: a bool is one byte, 0 or 1; ggml's reader rejects other values.
        private bool ReadBool()
        {
            var offset = cursor.Position;
            var b = cursor.ReadByte();
            if (b > 1)
                throw new MalformedDataException(Format, $"bool value {b} is neither 0 nor 1", offset);
            return b == 1;
        }

        private static ulong ScalarSize(GgufValueType type) => type switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            _ => 8,
        };

        private void SkipArray(GgufValueType elementType, ulong count, int depth)
        {
            var offset = cursor.Position;
            if (count > limits.MaxArrayCount)
                throw new MalformedDataException(Format, $"array of {count} elements exceeds the limit of {limits.MaxArrayCount}", offset);
            arrayElements += count;
            if (arrayElements > limits.MaxTotalArrayElements)
                throw new MalformedDataException(Format, $"the file's arrays hold more than {limits.MaxTotalArrayElements} elements", offset);
            switch (elementType)
            {
                case GgufValueType.String:
                    cursor.Require(count * LengthSize, "string array");
                    for (ulong i = 0; i < count; i++)
                        cursor.Skip(ReadStringLength(), "string");
                    break;
                case GgufValueType.Array:
                    if (depth >= limits.MaxArrayDepth)
                        throw new MalformedDataException(Format, $"arrays nested deeper than {limits.MaxArrayDepth}", offset);
                    cursor.Require(count * (4 + LengthSize), "array of arrays");
                    for (ulong i = 0; i < count; i++)
                    {
                        var innerType = ReadValueType();
                        SkipArray(innerType, ReadCount(), depth + 1);
                    }
                    break;
                case GgufValueType.Bool:
                    // Bools are checked one by one: ggml rejects bytes other than 0 and 1.
                    cursor.Require(count, "bool array");
                    for (ulong i = 0; i < count; i++)
                        ReadBool();
                    break;
                default:
                    cursor.Skip(count * ScalarSize(elementType), $"{elementType} array");
                    break;
            }
        }

        private ulong ReadStringLength()
        {
            var offset = cursor.Position;
            var length = ReadCount();
            if (length > limits.MaxStringBytes)
                throw new MalformedDataException(Format, $"string of {length} bytes exceeds the limit of {limits.MaxStringBytes}", offset);
            cursor.Require(length, "string");
            return length;
        }

        private string ReadName(ulong limit, string what)
        {
            var offset = cursor.Position;
            var length = ReadCount();
            if (length > limit)
                throw new MalformedDataException(Format, $"{what} of {length} bytes exceeds the limit of {limit}", offset);
            return DecodeString(cursor.ReadBytes((int)length), null, offset);
        }

        private string DecodeString(byte[] bytes, string? subject, long offset)
        {
            if (Utf8.IsValid(bytes))
                return Encoding.UTF8.GetString(bytes);
            var text = Encoding.UTF8.GetString(bytes);
            problems.Add(new(GgufProblemKind.InvalidUtf8, subject ?? text, "string is not valid UTF-8", offset));
            return text;
        }

        // gguf.md: general.alignment is a UINT32, a non-zero power of two; 32 when absent.
        private uint Alignment()
        {
            var entry = metadata.FirstOrDefault(m => m.Key == AlignmentKey);
            if (entry is null)
                return DefaultAlignment;
            if (entry.Value is uint value && BitOperations.IsPow2(value))
                return value;
            problems.Add(new(GgufProblemKind.InvalidAlignment, AlignmentKey,
                $"general.alignment is {entry.Type} {entry.Value ?? "(array)"}, not a UINT32 power of two; using {DefaultAlignment}", entry.Offset));
            return DefaultAlignment;
        }

        private GgufTensorInfo ReadTensorInfo(HashSet<string> names, uint alignment)
        {
            var offset = cursor.Position;
            var name = ReadName(limits.MaxKeyBytes, "tensor name");
            if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
                problems.Add(new(GgufProblemKind.NameTooLong, name, $"tensor name is longer than ggml's {MaxNameBytes} bytes", offset));
            if (!names.Add(name))
                problems.Add(new(GgufProblemKind.DuplicateTensorName, name, $"tensor '{name}' appears more than once", offset));
            var dimensionCount = cursor.ReadUInt32();
            if (dimensionCount > HardMaxDims)
                throw new MalformedDataException(Format, $"tensor '{name}' has {dimensionCount} dimensions", offset);
            if (dimensionCount > MaxDims)
                problems.Add(new(GgufProblemKind.InvalidDimensions, name, $"tensor has {dimensionCount} dimensions; ggml allows at most {MaxDims}", offset));
            cursor.Require(dimensionCount * (Wide ? 8UL : 4UL), "tensor dimensions");
            var dimensions = new ulong[dimensionCount];
            for (var i = 0; i < dimensions.Length; i++)
                dimensions[i] = Wide ? cursor.ReadUInt64() : cursor.ReadUInt32();
            var type = cursor.ReadUInt32();
            var dataOffset = cursor.ReadUInt64();
            if (dataOffset % alignment != 0)
                problems.Add(new(GgufProblemKind.UnalignedOffset, name, $"data offset {dataOffset} is not a multiple of the alignment {alignment}", offset));
            return new GgufTensorInfo(name, dimensions, type, GgmlTypes.Name(type), dataOffset, ByteLength(name, dimensions, type, offset));
        }

        // ggml_nbytes for a contiguous tensor: ne[0] / block size × type size × ne[1] × ne[2] × ne[3].
        private ulong? ByteLength(string name, ulong[] dimensions, uint type, long offset)
        {
            if (dimensions.Any(d => d > long.MaxValue))
            {
                problems.Add(new(GgufProblemKind.InvalidDimensions, name, "a dimension exceeds ggml's int64 range", offset));
                return null;
            }
            if (!GgmlTypes.TryGet(type, out var traits))
            {
                problems.Add(new(GgufProblemKind.UnknownTensorType, name, $"ggml type {type} is unknown", offset));
                return null;
            }
            var first = dimensions.Length > 0 ? dimensions[0] : 1;
            if (first % traits.BlockSize != 0)
            {
                problems.Add(new(GgufProblemKind.InvalidTensorSize, name, $"first dimension {first} is not a multiple of {traits.Name}'s block size {traits.BlockSize}", offset));
                return null;
            }
            var bytes = (UInt128)(first / traits.BlockSize) * traits.TypeSize;
            for (var i = 1; i < dimensions.Length; i++)
            {
                bytes *= dimensions[i];
                if (bytes > long.MaxValue)
                    break;
            }
            if (bytes > long.MaxValue)
            {
                problems.Add(new(GgufProblemKind.InvalidTensorSize, name, "tensor byte size overflows ggml's int64 range", offset));
                return null;
            }
            return (ulong)bytes;
        }

        private void CheckData(List<GgufTensorInfo> tensors, ulong dataOffset)
        {
            var fileLength = (ulong)cursor.Length;
            if (tensors.Count > 0 && dataOffset > fileLength)
            {
                problems.Add(new(GgufProblemKind.DataSectionOutOfRange, null, $"data section would start at {dataOffset}, beyond the {fileLength}-byte file"));
                return;
            }
            var dataLength = fileLength - Math.Min(dataOffset, fileLength);
            foreach (var tensor in tensors)
            {
                if (tensor.ByteLength is not { } length)
                    continue;
                if (tensor.Offset > dataLength || length > dataLength - tensor.Offset)
                    problems.Add(new(GgufProblemKind.OffsetOutOfRange, tensor.Name, $"data [{tensor.Offset}, +{length}) runs past the {dataLength}-byte data section"));
            }
            var ordered = tensors.Where(t => t.ByteLength is > 0).OrderBy(t => t.Offset).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
            UInt128 covered = 0;
            GgufTensorInfo? previous = null;
            foreach (var tensor in ordered)
            {
                if (previous is not null && tensor.Offset < covered)
                    problems.Add(new(GgufProblemKind.Overlap, tensor.Name, $"data at {tensor.Offset} overlaps tensor '{previous.Name}' at {previous.Offset} (+{previous.ByteLength})"));
                var end = (UInt128)tensor.Offset + tensor.ByteLength!.Value;
                if (end > covered)
                {
                    covered = end;
                    previous = tensor;
                }
            }
        }

        private static ulong AlignUp(ulong value, uint alignment) => (value + alignment - 1) / alignment * alignment;
    }
}
