namespace ModelGate.Formats.TensorFlow;

/// <summary>
/// One SavedObject of a Keras SavedModel's keras_metadata.pb (tensorflow/python/keras/protobuf/saved_metadata.proto):
/// node_id (field 2), node_path (field 3), identifier (field 4, e.g. <c>_tf_keras_layer</c>) and metadata
/// (field 5): the layer's JSON config, where Lambda layers and custom objects show.
/// </summary>
public sealed record KerasSavedObjectMetadata(int NodeId, string NodePath, string Identifier, string Metadata);
