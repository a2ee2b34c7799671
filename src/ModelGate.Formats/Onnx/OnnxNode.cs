namespace ModelGate.Formats.Onnx;

/// <summary>A NodeProto: op_type (field 4), domain (field 7, "" means ai.onnx), name (field 3).</summary>
/// <param name="GraphPath">
/// Where the node sits: <c>graph</c> for the main graph, <c>graph/&lt;node&gt;.&lt;attribute&gt;</c> for a
/// subgraph held by a node's graph attribute (If then_branch, Loop body), <c>function:&lt;name&gt;</c> in a function.
/// </param>
public sealed record OnnxNode(string OpType, string Domain, string Name, string GraphPath);
