namespace ModelGate.Formats.Gguf;

/// <summary>What is wrong in a GGUF file that the format still lets us read past.</summary>
public enum GgufProblemKind
{
    /// <summary>A metadata key appears twice (ggml's reader refuses duplicate keys).</summary>
    DuplicateKey,

    /// <summary>A key or string is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary><c>general.alignment</c> is not a UINT32 power of two.</summary>
    InvalidAlignment,

    /// <summary>Two tensors share a name.</summary>
    DuplicateTensorName,

    /// <summary>A tensor has more dimensions than <c>GGML_MAX_DIMS</c> (4), or a dimension beyond ggml's int64 range.</summary>
    InvalidDimensions,

    /// <summary>The tensor's ggml type is not one ggml can read.</summary>
    UnknownTensorType,

    /// <summary>The first dimension is not a multiple of the type's block size, or the byte size overflows.</summary>
    InvalidTensorSize,

    /// <summary>A tensor's offset is not a multiple of the alignment.</summary>
    UnalignedOffset,

    /// <summary>A tensor's data lies (partly) beyond the end of the file.</summary>
    OffsetOutOfRange,

    /// <summary>Two tensors' data overlap.</summary>
    Overlap,

    /// <summary>The data section would start beyond the end of the file.</summary>
    DataSectionOutOfRange,

    /// <summary>A chat template is longer than <see cref="GgufLimits.MaxChatTemplateBytes"/> and was not kept.</summary>
    ChatTemplateTooLarge,

    /// <summary>A chat template key holds something other than a string.</summary>
    InvalidChatTemplate,

    /// <summary>A tensor name is longer than ggml's <c>GGML_MAX_NAME</c> (64 bytes including the terminator).</summary>
    NameTooLong,
}
