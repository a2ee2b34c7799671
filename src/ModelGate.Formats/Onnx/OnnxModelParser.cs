using System.Globalization;
using ModelGate.Formats.Protobuf;

namespace ModelGate.Formats.Onnx;

/// <summary>One pass over a ModelProto; field numbers from onnx/onnx.proto (IR version 10/11).</summary>
internal sealed class OnnxModelParser
{
    private const string MainGraphPath = "graph";

    private readonly ProtoStreamReader _reader;
    private readonly OnnxLimits _limits;
    private readonly List<OnnxOpsetImport> _opsets = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _tensors = [];
    private readonly List<OnnxFunction> _functions = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly List<OnnxProblem> _problems = [];
    private int _nodeCount;

    public OnnxModelParser(Stream stream, OnnxLimits limits)
    {
        _reader = new ProtoStreamReader(stream, OnnxReader.FormatName);
        _limits = limits;
    }

    public OnnxModel Parse()
    {
        var r = _reader;
        var end = r.Length;
        long irVersion = 0, modelVersion = 0;
        string producerName = "", producerVersion = "", domain = "";
        var sawGraph = false;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.Varint): irVersion = r.ReadInt64(end); break;
                case (2, ProtoWireType.LengthDelimited): producerName = Name(end); break;
                case (3, ProtoWireType.LengthDelimited): producerVersion = Name(end); break;
                case (4, ProtoWireType.LengthDelimited): domain = Name(end); break;
                case (5, ProtoWireType.Varint): modelVersion = r.ReadInt64(end); break;
                case (7, ProtoWireType.LengthDelimited):
                    ParseGraph(r.ReadLengthDelimitedEnd(end), MainGraphPath, 0);
                    sawGraph = true;
                    break;
                case (8, ProtoWireType.LengthDelimited): _opsets.Add(ParseOpset(end)); break;
                case (14, ProtoWireType.LengthDelimited): AddEntry(_metadata, end, _limits.MaxMetadataValueBytes); break;
                case (25, ProtoWireType.LengthDelimited): ParseFunction(r.ReadLengthDelimitedEnd(end)); break;
                default: r.Skip(field, wire, end); break;
            }
        }
        if (!sawGraph && irVersion == 0)
            throw r.Error("not an ONNX model: no ir_version and no graph", 0);
        ReportCustomDomains();
        return new OnnxModel(irVersion, producerName, producerVersion, domain, modelVersion, _opsets, _nodes, _tensors, _functions, _metadata, _problems);
    }

    // GraphProto: node 1, name 2, initializer 5, doc_string 10, input 11, output 12, value_info 13, sparse_initializer 15.
    private void ParseGraph(long end, string path, int depth)
    {
        if (depth > _limits.MaxGraphDepth)
            throw _reader.Error($"subgraphs nested deeper than {_limits.MaxGraphDepth}", _reader.Position);
        var r = _reader;
        var index = 0;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited):
                    _nodes.Add(ParseNode(r.ReadLengthDelimitedEnd(end), path, index++, depth));
                    break;
                case (5, ProtoWireType.LengthDelimited):
                    ParseTensor(r.ReadLengthDelimitedEnd(end), path, OnnxTensorOrigin.Initializer);
                    break;
                case (15, ProtoWireType.LengthDelimited):
                    ParseSparseTensor(r.ReadLengthDelimitedEnd(end), path, OnnxTensorOrigin.SparseInitializer);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
    }

    // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, doc_string 6, domain 7, overload 8.
    private OnnxNode ParseNode(long end, string path, int index, int depth)
    {
        if (++_nodeCount > _limits.MaxNodes)
            throw _reader.Error($"more than {_limits.MaxNodes} nodes", _reader.Position);
        var r = _reader;
        string name = "", opType = "", domain = "";
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (3, ProtoWireType.LengthDelimited): name = Name(end); break;
                case (4, ProtoWireType.LengthDelimited): opType = Name(end); break;
                case (7, ProtoWireType.LengthDelimited): domain = Name(end); break;
                case (5, ProtoWireType.LengthDelimited):
                    var label = name.Length > 0 ? name : $"{(opType.Length > 0 ? opType : "node")}#{index}";
                    ParseAttribute(r.ReadLengthDelimitedEnd(end), path, label, depth);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        return new OnnxNode(opType, domain, name, path);
    }

    // AttributeProto: name 1, t 5, g 6, tensors 10, graphs 11, sparse_tensor 22, sparse_tensors 23; the rest skipped.
    private void ParseAttribute(long end, string path, string nodeLabel, int depth)
    {
        var r = _reader;
        var name = "";
        var graphIndex = 0;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited): name = Name(end); break;
                case (5 or 10, ProtoWireType.LengthDelimited):
                    ParseTensor(r.ReadLengthDelimitedEnd(end), path, OnnxTensorOrigin.Attribute);
                    break;
                case (22 or 23, ProtoWireType.LengthDelimited):
                    ParseSparseTensor(r.ReadLengthDelimitedEnd(end), path, OnnxTensorOrigin.Attribute);
                    break;
                case (6, ProtoWireType.LengthDelimited):
                    ParseGraph(r.ReadLengthDelimitedEnd(end), $"{path}/{nodeLabel}.{AttributeLabel(name)}", depth + 1);
                    break;
                case (11, ProtoWireType.LengthDelimited):
                    ParseGraph(r.ReadLengthDelimitedEnd(end), $"{path}/{nodeLabel}.{AttributeLabel(name)}[{graphIndex++}]", depth + 1);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
    }

    private static string AttributeLabel(string name) => name.Length > 0 ? name : "attribute";

    // FunctionProto: name 1, node 7, opset_import 9, domain 10.
    private void ParseFunction(long end)
    {
        var r = _reader;
        string name = "", domain = "";
        var nodes = new List<OnnxNode>();
        var index = 0;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited): name = Name(end); break;
                case (10, ProtoWireType.LengthDelimited): domain = Name(end); break;
                case (7, ProtoWireType.LengthDelimited):
                    nodes.Add(ParseNode(r.ReadLengthDelimitedEnd(end), "function:" + name, index++, 0));
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        _functions.Add(new OnnxFunction(domain, name, nodes));
    }

    // SparseTensorProto: values 1, indices 2 (TensorProto), dims 3.
    private void ParseSparseTensor(long end, string path, OnnxTensorOrigin origin)
    {
        var r = _reader;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            if (field is 1 or 2 && wire == ProtoWireType.LengthDelimited)
                ParseTensor(r.ReadLengthDelimitedEnd(end), path, origin);
            else
                r.Skip(field, wire, end);
        }
    }

    // TensorProto: dims 1, data_type 2, segment 3, float_data 4, int32_data 5, string_data 6, int64_data 7,
    // name 8, raw_data 9, double_data 10, uint64_data 11, doc_string 12, external_data 13, data_location 14.
    private void ParseTensor(long end, string path, OnnxTensorOrigin origin)
    {
        if (_tensors.Count >= _limits.MaxTensors)
            throw _reader.Error($"more than {_limits.MaxTensors} tensors", _reader.Position);
        var r = _reader;
        var dims = new List<long>();
        var external = new List<KeyValuePair<string, string>>();
        var name = "";
        var dataType = 0;
        long dataLocation = 0, rawLength = -1, typedValues = 0, typedBytes = 0;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            var start = r.Position;
            switch (field, wire)
            {
                case (1, ProtoWireType.Varint):
                    AddDim(dims, r.ReadInt64(end), start);
                    break;
                case (1, ProtoWireType.LengthDelimited):
                    var packedEnd = r.ReadLengthDelimitedEnd(end);
                    while (r.Position < packedEnd)
                        AddDim(dims, r.ReadInt64(packedEnd), start);
                    break;
                case (2, ProtoWireType.Varint): dataType = unchecked((int)r.ReadVarint(end)); break;
                case (8, ProtoWireType.LengthDelimited): name = Name(end); break;
                case (9, ProtoWireType.LengthDelimited):
                    var rawEnd = r.ReadLengthDelimitedEnd(end);
                    rawLength = rawEnd - r.Position;
                    r.Seek(rawEnd);
                    break;
                case (13, ProtoWireType.LengthDelimited):
                    if (external.Count >= _limits.MaxEntries)
                        throw r.Error("too many external_data entries", start);
                    AddEntry(external, end, _limits.MaxNameBytes);
                    break;
                case (14, ProtoWireType.Varint): dataLocation = r.ReadInt64(end); break;
                // float_data (4): packed fixed32 or one fixed32 per key.
                case (4, ProtoWireType.LengthDelimited): typedValues += SkipPacked(end, 4, ref typedBytes); break;
                case (4, ProtoWireType.Fixed32): r.Skip(field, wire, end); typedValues++; typedBytes += 4; break;
                // double_data (10): packed fixed64 or one fixed64 per key.
                case (10, ProtoWireType.LengthDelimited): typedValues += SkipPacked(end, 8, ref typedBytes); break;
                case (10, ProtoWireType.Fixed64): r.Skip(field, wire, end); typedValues++; typedBytes += 8; break;
                // int32_data (5), int64_data (7), uint64_data (11): packed or single varints.
                case (5 or 7 or 11, ProtoWireType.LengthDelimited):
                    var varintsEnd = r.ReadLengthDelimitedEnd(end);
                    typedBytes += varintsEnd - r.Position;
                    typedValues += r.CountPackedVarints(varintsEnd);
                    break;
                case (5 or 7 or 11, ProtoWireType.Varint):
                    r.ReadVarint(end);
                    typedValues++;
                    typedBytes += r.Position - start;
                    break;
                // string_data (6): one bytes value per element.
                case (6, ProtoWireType.LengthDelimited):
                    var stringEnd = r.ReadLengthDelimitedEnd(end);
                    typedBytes += stringEnd - r.Position;
                    typedValues++;
                    r.Seek(stringEnd);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        var isExternal = dataLocation == 1 || external.Count > 0;
        var tensor = new OnnxTensor(name, dims, dataType, rawLength >= 0 ? rawLength : typedBytes, isExternal, external, path, origin);
        _tensors.Add(tensor);
        CheckTensor(tensor, rawLength, typedValues);
    }

    private long SkipPacked(long end, int width, ref long bytes)
    {
        var r = _reader;
        var start = r.Position;
        var packedEnd = r.ReadLengthDelimitedEnd(end);
        var length = packedEnd - r.Position;
        if (length % width != 0)
            throw r.Error($"packed field of {length} bytes is not a multiple of {width}", start);
        bytes += length;
        r.Seek(packedEnd);
        return length / width;
    }

    private void AddDim(List<long> dims, long dim, long offset)
    {
        if (dims.Count >= _limits.MaxTensorRank)
            throw _reader.Error($"tensor has more than {_limits.MaxTensorRank} dims", offset);
        dims.Add(dim);
    }

    private void CheckTensor(OnnxTensor tensor, long rawLength, long typedValues)
    {
        var subject = tensor.Name;
        long elements = 1;
        foreach (var dim in tensor.Dims)
        {
            if (dim < 0)
            {
                Problem(OnnxProblemKind.TensorInvalidDims, subject, tensor.GraphPath, $"dimension {dim} is negative");
                return;
            }
            if (dim != 0 && elements > long.MaxValue / dim)
            {
                Problem(OnnxProblemKind.TensorInvalidDims, subject, tensor.GraphPath, $"dims [{string.Join(", ", tensor.Dims)}] overflow 64 bits");
                return;
            }
            elements *= dim;
        }
        var expectedBytes = OnnxDataTypes.RawByteLength(tensor.DataType, elements);
        if (OnnxDataTypes.BitsPerElement(tensor.DataType) != 0 && expectedBytes is null)
        {
            Problem(OnnxProblemKind.TensorInvalidDims, subject, tensor.GraphPath, $"{elements} elements overflow 64 bits of bytes");
            return;
        }
        if (tensor.IsExternal)
        {
            CheckExternal(tensor, expectedBytes);
            return;
        }
        if (expectedBytes is long claimed && (claimed > _limits.MaxTensorBytes || claimed > _reader.Length))
        {
            Problem(OnnxProblemKind.TensorUnusuallyLarge, subject, tensor.GraphPath,
                $"dims [{string.Join(", ", tensor.Dims)}] claim {claimed} bytes inline in a file of {_reader.Length} bytes");
            return;
        }
        if (rawLength >= 0)
        {
            if (expectedBytes is long expected && rawLength != expected)
                Problem(OnnxProblemKind.TensorSizeMismatch, subject, tensor.GraphPath,
                    $"raw_data has {rawLength} bytes but dims [{string.Join(", ", tensor.Dims)}] of data type {tensor.DataType} need {expected}");
            return;
        }
        // UNDEFINED (0) and data types newer than this reader have no known layout to check against.
        if (OnnxDataTypes.BitsPerElement(tensor.DataType) == 0 && tensor.DataType != OnnxDataTypes.String)
            return;
        var perElement = OnnxDataTypes.ValuesPerElement(tensor.DataType);
        var expectedValues = elements > long.MaxValue / perElement ? long.MaxValue : elements * perElement;
        var packedValues = elements / 2 + elements % 2;
        var consistent = typedValues == expectedValues || (OnnxDataTypes.IsPacked4Bit(tensor.DataType) && typedValues == packedValues);
        if (!consistent)
            Problem(OnnxProblemKind.TensorSizeMismatch, subject, tensor.GraphPath,
                $"typed data holds {typedValues} values but dims [{string.Join(", ", tensor.Dims)}] need {expectedValues}");
    }

    private void CheckExternal(OnnxTensor tensor, long? expectedBytes)
    {
        var subject = tensor.Name;
        var location = tensor.ExternalLocation;
        if (location is null)
            Problem(OnnxProblemKind.ExternalDataMissingLocation, subject, tensor.GraphPath, "external tensor has no location entry");
        else if (ExternalDataLocation.Check(location) is var (kind, detail))
            Problem(kind, subject, tensor.GraphPath, detail);

        long offset = 0;
        long? length = null;
        foreach (var (key, value) in tensor.ExternalData)
        {
            if (key is not ("offset" or "length"))
                continue;
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > _limits.MaxTensorBytes)
            {
                Problem(OnnxProblemKind.ExternalDataInvalidRange, subject, tensor.GraphPath, $"external_data {key} '{value}' is not a plausible byte count");
                return;
            }
            if (key == "offset")
                offset = number;
            else
                length = number;
        }
        if (length is long l && offset > long.MaxValue - l)
        {
            Problem(OnnxProblemKind.ExternalDataInvalidRange, subject, tensor.GraphPath, "external_data offset + length overflows");
            return;
        }
        if (expectedBytes is long expected && expected > _limits.MaxTensorBytes)
            Problem(OnnxProblemKind.TensorUnusuallyLarge, subject, tensor.GraphPath, $"dims [{string.Join(", ", tensor.Dims)}] claim {expected} bytes");
        else if (length is long declared && expectedBytes is long need && declared != need)
            Problem(OnnxProblemKind.TensorSizeMismatch, subject, tensor.GraphPath, $"external_data length {declared} but dims need {need} bytes");
    }

    // Nodes in a domain that is not standard are reported once per (domain, op_type, graph); calls to a
    // model-local function (same domain and name) are not operators and are checked through the function's nodes.
    private void ReportCustomDomains()
    {
        var local = new HashSet<(string, string)>(_functions.Select(f => (f.Domain, f.Name)));
        var seen = new HashSet<(string, string, string)>();
        foreach (var node in _nodes.Concat(_functions.SelectMany(f => f.Nodes)))
        {
            if (OnnxDomains.IsStandardDomain(node.Domain) || local.Contains((node.Domain, node.OpType)))
                continue;
            if (!seen.Add((node.Domain, node.OpType, node.GraphPath)))
                continue;
            var known = OnnxDomains.IsKnownRuntimeDomain(node.Domain) ? "known runtime contrib domain" : "custom domain";
            Problem(OnnxProblemKind.CustomOperatorDomain, $"{node.Domain}::{node.OpType}", node.GraphPath,
                $"operator {node.OpType} from {known} '{node.Domain}'");
        }
    }

    private void Problem(OnnxProblemKind kind, string subject, string path, string detail) =>
        _problems.Add(new OnnxProblem(kind, subject, path, detail));

    private string Name(long end) => _reader.ReadString(end, _limits.MaxNameBytes);

    // OperatorSetIdProto: domain 1, version 2. Small; read whole and parsed from the span.
    private OnnxOpsetImport ParseOpset(long end)
    {
        var offset = _reader.Position;
        var reader = new ProtobufReader(_reader.ReadBytes(end, _limits.MaxNameBytes), OnnxReader.FormatName, offset);
        var domain = "";
        long version = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoWireType.LengthDelimited)
                domain = reader.ReadString();
            else if (field == 2 && wire == ProtoWireType.Varint)
                version = unchecked((long)reader.ReadVarint());
            else
                reader.Skip(field, wire);
        }
        return new OnnxOpsetImport(domain, version);
    }

    // StringStringEntryProto: key 1, value 2.
    private void AddEntry(List<KeyValuePair<string, string>> entries, long end, int maxBytes)
    {
        if (entries.Count >= _limits.MaxEntries)
            throw _reader.Error("too many key/value entries", _reader.Position);
        var offset = _reader.Position;
        var reader = new ProtobufReader(_reader.ReadBytes(end, maxBytes), OnnxReader.FormatName, offset);
        string key = "", value = "";
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoWireType.LengthDelimited)
                key = reader.ReadString();
            else if (field == 2 && wire == ProtoWireType.LengthDelimited)
                value = reader.ReadString();
            else
                reader.Skip(field, wire);
        }
        entries.Add(new(key, value));
    }
}
