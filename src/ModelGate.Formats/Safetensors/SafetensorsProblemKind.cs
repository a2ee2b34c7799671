namespace ModelGate.Formats.Safetensors;

/// <summary>What is wrong in a safetensors header that the file format still lets us read past.</summary>
public enum SafetensorsProblemKind
{
    /// <summary>A JSON object in the header names the same key twice (the Rust reader rejects this).</summary>
    DuplicateKey,

    /// <summary>A tensor entry is not an object, or lacks or mistypes <c>dtype</c>, <c>shape</c> or <c>data_offsets</c>.</summary>
    InvalidTensorEntry,

    /// <summary>A tensor entry has a field other than <c>dtype</c>, <c>shape</c> and <c>data_offsets</c>.</summary>
    UnknownField,

    /// <summary>The dtype is not in the spec's list.</summary>
    UnknownDtype,

    /// <summary>The product of the shape, or that times the dtype size, overflows 64 bits.</summary>
    ShapeOverflow,

    /// <summary>The element count times the dtype's bit size is not a whole number of bytes.</summary>
    MisalignedBits,

    /// <summary><c>end - begin</c> differs from <c>product(shape) × dtype size</c>.</summary>
    LengthMismatch,

    /// <summary><c>begin &gt; end</c>, or <c>end</c> lies beyond the data section.</summary>
    OffsetOutOfRange,

    /// <summary>Two tensors' byte ranges overlap.</summary>
    Overlap,

    /// <summary>Bytes of the data section no tensor covers, between two tensors or before the first.</summary>
    Hole,

    /// <summary>Bytes after the last tensor's end: the data section is longer than the tensors need.</summary>
    TrailingBytes,

    /// <summary><c>__metadata__</c> is not an object of string to string.</summary>
    InvalidMetadata,
}
