namespace ModelGate.Formats.TensorFlow;

/// <summary>A MetaGraphDef's MetaInfoDef (meta_graph.proto): tags (field 4), tensorflow_version (field 5) and the stripped_op_list (field 2) op names.</summary>
public sealed record SavedModelMetaGraph(IReadOnlyList<string> Tags, string TensorFlowVersion, IReadOnlyList<string> StrippedOpNames);
