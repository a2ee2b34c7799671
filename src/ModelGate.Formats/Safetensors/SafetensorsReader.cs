using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace ModelGate.Formats.Safetensors;

/// <summary>
/// Reads and checks the header of a safetensors file (huggingface/safetensors README, "Format"):
/// <c>u64 LE N</c>, then <c>N</c> bytes of UTF-8 JSON (an object, optionally padded with spaces), then the
/// data section. Only the header is read; the data section is measured by the stream's length, never read.
/// A file whose header cannot be located or parsed is a <see cref="MalformedDataException"/>; everything
/// else the spec forbids is a <see cref="SafetensorsProblem"/> in the result.
/// </summary>
public static class SafetensorsReader
{
    private const string Format = "safetensors";
    private const string MetadataKey = "__metadata__";

    /// <summary>Reads the header of the safetensors file that starts at the stream's current position.</summary>
    public static SafetensorsFile Read(Stream seekable)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        if (!seekable.CanSeek || !seekable.CanRead)
            throw new ArgumentException("safetensors needs a readable, seekable stream", nameof(seekable));
        var start = seekable.Position;
        var fileLength = (ulong)Math.Max(0, seekable.Length - start);
        if (fileLength < 8)
            throw new MalformedDataException(Format, $"file is {fileLength} bytes; the 8-byte header length does not fit", 0);

        Span<byte> lengthBytes = stackalloc byte[8];
        seekable.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength < 2)
            throw new MalformedDataException(Format, $"header length {headerLength} is too small for a JSON object", 0);
        if (headerLength > ReaderLimits.MaxSafetensorsHeaderBytes)
            throw new MalformedDataException(Format, $"header length {headerLength} exceeds the {ReaderLimits.MaxSafetensorsHeaderBytes}-byte limit", 0);
        if (headerLength > fileLength - 8)
            throw new MalformedDataException(Format, $"header length {headerLength} runs past the end of the {fileLength}-byte file", 0);

        var header = new byte[(int)headerLength];
        seekable.ReadExactly(header);
        if (!Utf8.IsValid(header))
            throw new MalformedDataException(Format, "header is not valid UTF-8", 8);

        var dataLength = fileLength - 8 - headerLength;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = ReaderLimits.MaxDocumentDepth });
        }
        catch (JsonException e)
        {
            throw new MalformedDataException(Format, $"header is not valid JSON: {e.Message}", 8, inner: e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new MalformedDataException(Format, $"header is a JSON {document.RootElement.ValueKind}, not an object", 8);
            return ReadHeader(document.RootElement, headerLength, dataLength);
        }
    }

    private static SafetensorsFile ReadHeader(JsonElement root, ulong headerLength, ulong dataLength)
    {
        var problems = new List<SafetensorsProblem>();
        var tensors = new List<SafetensorsTensor>();
        var metadata = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add(new(SafetensorsProblemKind.DuplicateKey, property.Name, $"key '{property.Name}' appears more than once in the header"));
                continue;
            }
            if (property.Name == MetadataKey)
                ReadMetadata(property.Value, metadata, problems);
            else if (ReadTensor(property.Name, property.Value, dataLength, problems) is { } tensor)
                tensors.Add(tensor);
        }
        CheckCoverage(tensors, dataLength, problems);
        return new SafetensorsFile(headerLength, dataLength, tensors, metadata, problems);
    }

    // __metadata__: Option<HashMap<String, String>> in the reference reader; any other value type is rejected.
    private static void ReadMetadata(JsonElement value, List<KeyValuePair<string, string>> metadata, List<SafetensorsProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(SafetensorsProblemKind.InvalidMetadata, null, $"__metadata__ is a JSON {value.ValueKind}, not an object of strings"));
            return;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            if (!keys.Add(entry.Name))
                problems.Add(new(SafetensorsProblemKind.DuplicateKey, null, $"__metadata__ key '{entry.Name}' appears more than once"));
            else if (entry.Value.ValueKind != JsonValueKind.String)
                problems.Add(new(SafetensorsProblemKind.InvalidMetadata, null, $"__metadata__ value of '{entry.Name}' is a JSON {entry.Value.ValueKind}, not a string"));
            else
                metadata.Add(new(entry.Name, entry.Value.GetString()!));
        }
    }

    private static SafetensorsTensor? ReadTensor(string name, JsonElement value, ulong dataLength, List<SafetensorsProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(SafetensorsProblemKind.InvalidTensorEntry, name, $"tensor entry is a JSON {value.ValueKind}, not an object"));
            return null;
        }
        string? dtype = null;
        List<ulong>? shape = null;
        List<ulong>? offsets = null;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var field in value.EnumerateObject())
        {
            if (!fields.Add(field.Name))
            {
                problems.Add(new(SafetensorsProblemKind.DuplicateKey, name, $"field '{field.Name}' appears more than once"));
                valid = false;
                continue;
            }
            switch (field.Name)
            {
                case "dtype" when field.Value.ValueKind == JsonValueKind.String:
                    dtype = field.Value.GetString();
                    break;
                case "shape":
                    shape = ReadUnsignedArray(field.Value);
                    break;
                case "data_offsets":
                    offsets = ReadUnsignedArray(field.Value);
                    break;
                case "dtype":
                    break;
                default:
                    problems.Add(new(SafetensorsProblemKind.UnknownField, name, $"tensor entry has field '{field.Name}', which the spec does not define"));
                    break;
            }
        }
        if (dtype is null)
            problems.Add(new(SafetensorsProblemKind.InvalidTensorEntry, name, "'dtype' is missing or not a string"));
        if (shape is null)
            problems.Add(new(SafetensorsProblemKind.InvalidTensorEntry, name, "'shape' is missing or not an array of non-negative integers"));
        if (offsets is not { Count: 2 })
            problems.Add(new(SafetensorsProblemKind.InvalidTensorEntry, name, "'data_offsets' is missing or not [begin, end] of non-negative integers"));
        if (!valid || dtype is null || shape is null || offsets is not { Count: 2 })
            return null;

        var tensor = new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
        if (tensor.Begin > tensor.End)
        {
            problems.Add(new(SafetensorsProblemKind.OffsetOutOfRange, name, $"data_offsets begin {tensor.Begin} is after end {tensor.End}"));
            return null;
        }
        if (tensor.End > dataLength)
            problems.Add(new(SafetensorsProblemKind.OffsetOutOfRange, name, $"data_offsets end {tensor.End} is beyond the {dataLength}-byte data section"));
        CheckLength(tensor, problems);
        return tensor;
    }

    private static void CheckLength(SafetensorsTensor tensor, List<SafetensorsProblem> problems)
    {
        if (!SafetensorsDtypes.TryGetBits(tensor.Dtype, out var bits))
        {
            problems.Add(new(SafetensorsProblemKind.UnknownDtype, tensor.Name, $"dtype '{Shorten(tensor.Dtype)}' is not a safetensors dtype"));
            return;
        }
        ulong elements = 1;
        foreach (var dimension in tensor.Shape)
        {
            if (!TryMultiply(elements, dimension, out elements))
            {
                problems.Add(new(SafetensorsProblemKind.ShapeOverflow, tensor.Name, $"shape [{string.Join(", ", tensor.Shape)}] overflows 64 bits"));
                return;
            }
        }
        if (!TryMultiply(elements, (ulong)bits, out var totalBits))
        {
            problems.Add(new(SafetensorsProblemKind.ShapeOverflow, tensor.Name, $"shape [{string.Join(", ", tensor.Shape)}] × {bits} bits overflows 64 bits"));
            return;
        }
        if (totalBits % 8 != 0)
        {
            problems.Add(new(SafetensorsProblemKind.MisalignedBits, tensor.Name, $"{elements} elements of {tensor.Dtype} are {totalBits} bits, not a whole number of bytes"));
            return;
        }
        if (totalBits / 8 != tensor.Length)
            problems.Add(new(SafetensorsProblemKind.LengthMismatch, tensor.Name, $"{tensor.Dtype} shape [{string.Join(", ", tensor.Shape)}] needs {totalBits / 8} bytes but data_offsets span {tensor.Length}"));
    }

    // The reference reader sorts tensors by offsets and requires each to start where the previous ended,
    // the last one ending at the end of the file.
    private static void CheckCoverage(List<SafetensorsTensor> tensors, ulong dataLength, List<SafetensorsProblem> problems)
    {
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        ulong covered = 0;
        SafetensorsTensor? previous = null;
        foreach (var tensor in ordered)
        {
            if (tensor.Begin < covered && tensor.Length > 0 && previous is not null)
                problems.Add(new(SafetensorsProblemKind.Overlap, tensor.Name, $"bytes [{tensor.Begin}, {tensor.End}) overlap tensor '{previous.Name}' [{previous.Begin}, {previous.End})"));
            else if (tensor.Begin > covered)
                problems.Add(new(SafetensorsProblemKind.Hole, tensor.Name, $"bytes [{covered}, {tensor.Begin}) before this tensor belong to no tensor"));
            if (tensor.End > covered)
            {
                covered = tensor.End;
                previous = tensor;
            }
        }
        if (covered < dataLength)
            problems.Add(new(SafetensorsProblemKind.TrailingBytes, null, $"bytes [{covered}, {dataLength}) of the data section belong to no tensor"));
    }

    private static List<ulong>? ReadUnsignedArray(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return null;
        var result = new List<ulong>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out var number))
                return null;
            result.Add(number);
        }
        return result;
    }

    private static bool TryMultiply(ulong a, ulong b, out ulong product)
    {
        var high = Math.BigMul(a, b, out product);
        return high == 0;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
}
