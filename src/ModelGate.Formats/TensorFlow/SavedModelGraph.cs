namespace ModelGate.Formats.TensorFlow;

/// <summary>What <see cref="SavedModelReader"/> found in a saved_model.pb (tensorflow/core/protobuf/saved_model.proto).</summary>
/// <param name="SchemaVersion">SavedModel.saved_model_schema_version (field 1).</param>
/// <param name="MetaGraphs">SavedModel.meta_graphs (field 2), in file order.</param>
/// <param name="Ops">Every NodeDef of every graph and function body, in file order.</param>
/// <param name="FunctionNames">Names of the FunctionDefs in the graphs' function libraries (OpDef.name of each signature).</param>
public sealed record SavedModelGraph(
    long SchemaVersion,
    IReadOnlyList<SavedModelMetaGraph> MetaGraphs,
    IReadOnlyList<TensorFlowOpUse> Ops,
    IReadOnlyList<string> FunctionNames);
