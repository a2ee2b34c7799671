using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace ModelGate.Formats.NumPy;

/// <summary>
/// Reads the header of a NumPy <c>.npy</c> file (numpy/lib/format.py docstring, NEP 1): magic
/// <c>\x93NUMPY</c>, major and minor version bytes, HEADER_LEN (u16 LE in 1.x, u32 LE in 2.x and 3.x), then
/// HEADER_LEN bytes of a Python dict literal (latin-1, UTF-8 in 3.x) with exactly the keys <c>descr</c>,
/// <c>fortran_order</c> and <c>shape</c>, padded with spaces and a newline. The literal is parsed, never evaluated.
/// </summary>
public static class NpyReader
{
    private const string Format = "npy";
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the header at the stream's current position; the stream is left just after it.</summary>
    public static NpyHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.CanSeek ? stream.Position : 0;
        Span<byte> prefix = stackalloc byte[12];
        ReadExactly(stream, prefix[..10], 0);
        if (!prefix[..6].SequenceEqual(Magic))
            throw new MalformedDataException(Format, "missing \\x93NUMPY magic", 0);
        int major = prefix[6], minor = prefix[7];
        long headerLength;
        int prefixLength;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
                prefixLength = 10;
                break;
            case 2 or 3:
                ReadExactly(stream, prefix[10..12], 10);
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
                prefixLength = 12;
                break;
            default:
                throw new MalformedDataException(Format, $"format version {major}.{minor} is not 1.x, 2.x or 3.x", 6);
        }
        if (headerLength > ReaderLimits.MaxNpyHeaderBytes)
            throw new MalformedDataException(Format, $"header length {headerLength} exceeds the {ReaderLimits.MaxNpyHeaderBytes}-byte limit", 8);
        if (stream.CanSeek && headerLength > stream.Length - stream.Position)
            throw new MalformedDataException(Format, $"header length {headerLength} runs past the end of the file", 8);

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, prefixLength);
        string text;
        if (major == 3)
        {
            if (!Utf8.IsValid(headerBytes))
                throw new MalformedDataException(Format, "3.x header is not valid UTF-8", prefixLength);
            text = Encoding.UTF8.GetString(headerBytes);
        }
        else
        {
            text = Encoding.Latin1.GetString(headerBytes);
        }

        var problems = new List<NpyProblem>();
        if (headerLength + prefixLength > ReaderLimits.NumpyDefaultMaxHeaderBytes)
            problems.Add(new(NpyProblemKind.HeaderTooLarge, $"header is {headerLength} bytes; numpy refuses more than {ReaderLimits.NumpyDefaultMaxHeaderBytes} by default"));

        var dict = PythonLiteral.Parse(text) as PyDict
            ?? throw new MalformedDataException(Format, "header is not a Python dict literal", prefixLength);
        PyValue? descr = null, fortran = null, shape = null;
        foreach (var (key, value) in dict.Items)
        {
            switch ((key as PyString)?.Value)
            {
                case "descr": descr = value; break;
                case "fortran_order": fortran = value; break;
                case "shape": shape = value; break;
                default: throw new MalformedDataException(Format, "header has a key other than 'descr', 'fortran_order' and 'shape'", prefixLength);
            }
        }
        if (descr is null || fortran is not PyBool fortranOrder || shape is not PyTuple shapeTuple)
            throw new MalformedDataException(Format, "header needs 'descr', a bool 'fortran_order' and a tuple 'shape'", prefixLength);
        var dimensions = new List<ulong>();
        foreach (var item in shapeTuple.Items)
        {
            if (item is not PyInt { Value.Sign: >= 0 } dimension || dimension.Value > ulong.MaxValue)
                throw new MalformedDataException(Format, "shape is not a tuple of non-negative integers", prefixLength);
            dimensions.Add((ulong)dimension.Value);
        }

        var analysis = NpyDescr.Analyze(descr);
        var dataOffset = start + prefixLength + headerLength;
        ulong? itemSize = analysis.ItemSize is { } size && size <= ulong.MaxValue ? (ulong)size : null;
        ulong? expected = null;
        if (analysis.Unknown is not null && !analysis.HasObject)
            problems.Add(new(NpyProblemKind.UnknownDtype, $"dtype '{analysis.Unknown}' is not one this reader can size"));
        if (!analysis.HasObject && analysis.ItemSize is { } bytesPerItem)
        {
            var total = dimensions.Aggregate(bytesPerItem, (p, d) => p * d);
            if (total > ulong.MaxValue)
                problems.Add(new(NpyProblemKind.SizeOverflow, "shape × itemsize overflows 64 bits"));
            else
                expected = (ulong)total;
        }
        if (expected is { } needed && stream.CanSeek)
        {
            var actual = (ulong)Math.Max(0, stream.Length - dataOffset);
            if (actual < needed)
                problems.Add(new(NpyProblemKind.DataTooShort, $"data is {actual} bytes; shape × itemsize needs {needed}"));
            else if (actual > needed)
                problems.Add(new(NpyProblemKind.DataTooLong, $"data is {actual} bytes; shape × itemsize needs only {needed}, {actual - needed} trailing bytes"));
        }
        var descrText = text[descr.Start..descr.End];
        return new NpyHeader(major, minor, (int)headerLength, descrText, analysis.HasObject, itemSize, dimensions,
            fortranOrder.Value, dataOffset, expected, problems);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, long offset)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new MalformedDataException(Format, "file ended inside the header", offset + read);
    }
}
