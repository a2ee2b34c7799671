namespace ModelGate.Formats.ModelFiles;

/// <summary>Model serialization formats, as recognised from their bytes (and, for formats without a magic number, their names).</summary>
public enum ModelFileFormat
{
    Unknown,

    /// <summary>A raw pickle stream (protocol 2 or later announces itself with PROTO 0x80).</summary>
    Pickle,

    /// <summary><c>torch.save</c> zip: an archive whose members sit under one folder with a <c>data.pkl</c>.</summary>
    PyTorchZip,

    /// <summary>TorchScript: a PyTorch zip that also carries a <c>code/</c> folder of Python source.</summary>
    TorchScript,

    /// <summary>joblib dump: a pickle with NumPy arrays inline, possibly compressed.</summary>
    Joblib,

    /// <summary>NumPy <c>.npy</c> (magic <c>\x93NUMPY</c>).</summary>
    NumPy,

    /// <summary>NumPy <c>.npz</c>: a zip of <c>.npy</c> members.</summary>
    NumPyZip,

    /// <summary>safetensors: 8-byte little-endian header length, then a JSON header.</summary>
    Safetensors,

    /// <summary>GGUF (llama.cpp): magic <c>GGUF</c>.</summary>
    Gguf,

    /// <summary>HDF5 (legacy Keras <c>.h5</c>): signature <c>\x89HDF\r\n\x1a\n</c>.</summary>
    Hdf5,

    /// <summary>Keras v3 <c>.keras</c>: a zip with <c>config.json</c> and <c>model.weights.h5</c>.</summary>
    KerasZip,

    /// <summary>ONNX: a protobuf ModelProto; protobuf has no magic, so the name decides.</summary>
    Onnx,

    /// <summary>TensorFlow SavedModel graph (<c>saved_model.pb</c>).</summary>
    TensorFlowSavedModel,

    /// <summary>TensorFlow Lite flatbuffer (identifier <c>TFL3</c> at offset 4).</summary>
    TensorFlowLite,

    /// <summary>Another zip archive that carries model files.</summary>
    Zip,

    /// <summary>A tar archive (the legacy <c>torch.save</c> tar format among others).</summary>
    Tar,
}
