namespace ModelGate.Formats.Onnx;

/// <summary>What <see cref="OnnxReader"/> found in a ModelProto (onnx/onnx.proto), weights skipped, not loaded.</summary>
/// <param name="IrVersion">ModelProto.ir_version (field 1).</param>
/// <param name="ProducerName">ModelProto.producer_name (field 2).</param>
/// <param name="ProducerVersion">ModelProto.producer_version (field 3).</param>
/// <param name="Domain">ModelProto.domain (field 4).</param>
/// <param name="ModelVersion">ModelProto.model_version (field 5).</param>
/// <param name="OpsetImports">ModelProto.opset_import (field 8).</param>
/// <param name="Nodes">Every node of the main graph and of every subgraph (If/Loop/Scan bodies), in file order.</param>
/// <param name="Initializers">Every tensor stored in the model: graph initializers, sparse initializers and tensor-valued attributes.</param>
/// <param name="Functions">ModelProto.functions (field 25): model-local functions and their nodes.</param>
/// <param name="MetadataProps">ModelProto.metadata_props (field 14), in file order.</param>
/// <param name="Problems">Suspicious or inconsistent content the engine grades.</param>
public sealed record OnnxModel(
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    string Domain,
    long ModelVersion,
    IReadOnlyList<OnnxOpsetImport> OpsetImports,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxFunction> Functions,
    IReadOnlyList<KeyValuePair<string, string>> MetadataProps,
    IReadOnlyList<OnnxProblem> Problems);
