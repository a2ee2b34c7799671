using ModelGate.Formats.Protobuf;

namespace ModelGate.Formats.TensorFlow;

/// <summary>
/// One pass over a SavedModel. Field numbers: saved_model.proto, meta_graph.proto, graph.proto, node_def.proto,
/// function.proto, op_def.proto, attr_value.proto (tensorflow/core/{protobuf,framework}).
/// </summary>
internal sealed class SavedModelParser(ProtoStreamReader reader, SavedModelLimits limits)
{
    private const string GraphLocation = "graph";

    private readonly List<SavedModelMetaGraph> _metaGraphs = [];
    private readonly List<TensorFlowOpUse> _ops = [];
    private readonly List<string> _functions = [];

    // SavedModel: saved_model_schema_version 1, meta_graphs 2.
    public SavedModelGraph Parse()
    {
        var r = reader;
        long schemaVersion = 0;
        while (r.TryReadTag(r.Length, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.Varint): schemaVersion = r.ReadInt64(r.Length); break;
                case (2, ProtoWireType.LengthDelimited):
                    if (_metaGraphs.Count >= limits.MaxMetaGraphs)
                        throw r.Error($"more than {limits.MaxMetaGraphs} meta graphs", r.Position);
                    ParseMetaGraph(r.ReadLengthDelimitedEnd(r.Length), _metaGraphs.Count);
                    break;
                default: r.Skip(field, wire, r.Length); break;
            }
        }
        if (_metaGraphs.Count == 0)
            throw r.Error("not a SavedModel: no meta_graphs", 0);
        return new SavedModelGraph(schemaVersion, _metaGraphs, _ops, _functions);
    }

    /// <summary>
    /// A frozen graph (<c>tf.io.write_graph</c>, TF1 <c>frozen_inference_graph.pb</c>): the whole input is one
    /// GraphDef. Nodes must name their op; a message whose "nodes" have none is not a graph.
    /// </summary>
    public SavedModelGraph ParseGraphDefOnly()
    {
        ParseGraphDef(reader.Length, 0);
        if (_ops.Count == 0 || _ops.Any(o => o.Op.Length == 0))
            throw reader.Error("not a GraphDef: no nodes with an op", 0);
        return new SavedModelGraph(0, [], _ops, _functions);
    }

    // MetaGraphDef: meta_info_def 1, graph_def 2, saver_def 3, collection_def 4, signature_def 5,
    // asset_file_def 6, object_graph_def 7.
    private void ParseMetaGraph(long end, int index)
    {
        var r = reader;
        var tags = new List<string>();
        var stripped = new List<string>();
        var version = "";
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited):
                    version = ParseMetaInfo(r.ReadLengthDelimitedEnd(end), tags, stripped);
                    break;
                case (2, ProtoWireType.LengthDelimited):
                    ParseGraphDef(r.ReadLengthDelimitedEnd(end), index);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        _metaGraphs.Add(new SavedModelMetaGraph(tags, version, stripped));
    }

    // MetaInfoDef: meta_graph_version 1, stripped_op_list 2 (OpList: op 1 = OpDef), any_info 3, tags 4,
    // tensorflow_version 5, tensorflow_git_version 6.
    private string ParseMetaInfo(long end, List<string> tags, List<string> stripped)
    {
        var r = reader;
        var version = "";
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (4, ProtoWireType.LengthDelimited): tags.Add(Name(end)); break;
                case (5, ProtoWireType.LengthDelimited): version = Name(end); break;
                case (2, ProtoWireType.LengthDelimited):
                    var listEnd = r.ReadLengthDelimitedEnd(end);
                    while (r.TryReadTag(listEnd, out var f, out var w))
                    {
                        if (f == 1 && w == ProtoWireType.LengthDelimited)
                            stripped.Add(ParseOpDefName(r.ReadLengthDelimitedEnd(listEnd)));
                        else
                            r.Skip(f, w, listEnd);
                    }
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        return version;
    }

    // GraphDef: node 1, library 2 (FunctionDefLibrary), version 3, versions 4.
    private void ParseGraphDef(long end, int metaGraph)
    {
        var r = reader;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited):
                    ParseNode(r.ReadLengthDelimitedEnd(end), GraphLocation, metaGraph);
                    break;
                case (2, ProtoWireType.LengthDelimited):
                    ParseLibrary(r.ReadLengthDelimitedEnd(end), metaGraph);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
    }

    // FunctionDefLibrary: function 1, gradient 2, registered_gradients 3.
    private void ParseLibrary(long end, int metaGraph)
    {
        var r = reader;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            if (field == 1 && wire == ProtoWireType.LengthDelimited)
                ParseFunction(r.ReadLengthDelimitedEnd(end), metaGraph);
            else
                r.Skip(field, wire, end);
        }
    }

    // FunctionDef: signature 1 (OpDef), node_def 3, ret 4, attr 5, control_ret 6, arg_attr 7. The signature
    // comes first in files TensorFlow writes; a node_def seen before it is attributed once the name is known.
    private void ParseFunction(long end, int metaGraph)
    {
        var r = reader;
        var name = "";
        var firstOp = _ops.Count;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited):
                    name = ParseOpDefName(r.ReadLengthDelimitedEnd(end));
                    break;
                case (3, ProtoWireType.LengthDelimited):
                    ParseNode(r.ReadLengthDelimitedEnd(end), "function:" + name, metaGraph);
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
        for (var i = firstOp; i < _ops.Count; i++)
        {
            if (_ops[i].Location == "function:")
                _ops[i] = _ops[i] with { Location = "function:" + name };
        }
        _functions.Add(name);
    }

    // OpDef: name 1; input_arg 2, output_arg 3, attr 4, ... skipped.
    private string ParseOpDefName(long end)
    {
        var r = reader;
        var name = "";
        while (r.TryReadTag(end, out var field, out var wire))
        {
            if (field == 1 && wire == ProtoWireType.LengthDelimited)
                name = Name(end);
            else
                r.Skip(field, wire, end);
        }
        return name;
    }

    // NodeDef: name 1, op 2, input 3, device 4, attr 5 (map<string, AttrValue>: key 1, value 2).
    private void ParseNode(long end, string location, int metaGraph)
    {
        if (_ops.Count >= limits.MaxNodes)
            throw reader.Error($"more than {limits.MaxNodes} nodes", reader.Position);
        var r = reader;
        string name = "", op = "";
        var attributes = new List<KeyValuePair<string, string>>();
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited): name = Name(end); break;
                case (2, ProtoWireType.LengthDelimited): op = Name(end); break;
                case (5, ProtoWireType.LengthDelimited): ParseAttrEntry(r.ReadLengthDelimitedEnd(end), attributes); break;
                default: r.Skip(field, wire, end); break;
            }
        }
        _ops.Add(new TensorFlowOpUse(op, name, location, metaGraph, attributes));
    }

    private void ParseAttrEntry(long end, List<KeyValuePair<string, string>> attributes)
    {
        var r = reader;
        var key = "";
        var values = new List<string>();
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoWireType.LengthDelimited): key = Name(end); break;
                case (2, ProtoWireType.LengthDelimited): ParseAttrValue(r.ReadLengthDelimitedEnd(end), values); break;
                default: r.Skip(field, wire, end); break;
            }
        }
        foreach (var value in values)
        {
            if (attributes.Count >= limits.MaxStringAttributesPerNode)
                return;
            attributes.Add(new(key, value));
        }
    }

    // AttrValue: list 1 (ListValue: s 2, func 9), s 2, func 10 (NameAttrList: name 1); tensors (8) and the
    // numeric kinds are skipped.
    private void ParseAttrValue(long end, List<string> values)
    {
        var r = reader;
        while (r.TryReadTag(end, out var field, out var wire))
        {
            switch (field, wire)
            {
                case (2, ProtoWireType.LengthDelimited): values.Add(Name(end)); break;
                case (10, ProtoWireType.LengthDelimited): values.Add(ParseOpDefName(r.ReadLengthDelimitedEnd(end))); break;
                case (1, ProtoWireType.LengthDelimited):
                    var listEnd = r.ReadLengthDelimitedEnd(end);
                    while (r.TryReadTag(listEnd, out var f, out var w))
                    {
                        if (f == 2 && w == ProtoWireType.LengthDelimited)
                            values.Add(Name(listEnd));
                        else if (f == 9 && w == ProtoWireType.LengthDelimited)
                            values.Add(ParseOpDefName(r.ReadLengthDelimitedEnd(listEnd)));
                        else
                            r.Skip(f, w, listEnd);
                    }
                    break;
                default: r.Skip(field, wire, end); break;
            }
        }
    }

    private string Name(long end) => reader.ReadString(end, limits.MaxNameBytes);
}
