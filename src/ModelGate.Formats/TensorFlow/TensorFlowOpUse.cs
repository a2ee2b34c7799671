namespace ModelGate.Formats.TensorFlow;

/// <summary>One NodeDef (node_def.proto): op (field 2) and name (field 1).</summary>
/// <param name="Location"><c>graph</c> for the meta graph's GraphDef, <c>function:&lt;name&gt;</c> for a FunctionDef body.</param>
/// <param name="MetaGraphIndex">Index of the MetaGraphDef in <see cref="SavedModelGraph.MetaGraphs"/>.</param>
/// <param name="StringAttributes">
/// The node's string-valued attributes (AttrValue s, list(s) and func names), e.g. PrintV2 output_stream,
/// DebugIdentity debug_urls, StatefulPartitionedCall f; tensor and numeric attributes are skipped.
/// </param>
public sealed record TensorFlowOpUse(
    string Op,
    string NodeName,
    string Location,
    int MetaGraphIndex,
    IReadOnlyList<KeyValuePair<string, string>> StringAttributes);
