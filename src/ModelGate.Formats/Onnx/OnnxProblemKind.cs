namespace ModelGate.Formats.Onnx;

/// <summary>Kinds of suspicious or inconsistent ONNX content.</summary>
public enum OnnxProblemKind
{
    /// <summary>external_data location is absolute: starts with / or \, a drive letter, or is a UNC path.</summary>
    ExternalDataAbsolutePath,

    /// <summary>external_data location climbs out of the model's folder through ".." segments.</summary>
    ExternalDataPathTraversal,

    /// <summary>external_data location carries a URL scheme (file:, http:, ...).</summary>
    ExternalDataUrlScheme,

    /// <summary>A tensor marked external has no location entry.</summary>
    ExternalDataMissingLocation,

    /// <summary>external_data offset or length is not a non-negative integer, is huge, or overflows.</summary>
    ExternalDataInvalidRange,

    /// <summary>The stored data does not match dims × element size.</summary>
    TensorSizeMismatch,

    /// <summary>A dimension is negative, or the dims' product overflows 64 bits.</summary>
    TensorInvalidDims,

    /// <summary>The tensor claims more bytes than <see cref="OnnxLimits.MaxTensorBytes"/> or, stored inline, than the file holds.</summary>
    TensorUnusuallyLarge,

    /// <summary>A node's domain is not a standard ONNX domain (custom or runtime contrib operator).</summary>
    CustomOperatorDomain,
}
