namespace ModelGate.Formats.Onnx;

/// <summary>Operator-set domains: the standard ONNX ones and well-known runtime contrib domains.</summary>
public static class OnnxDomains
{
    /// <summary>Domains defined by the ONNX specification (docs/Operators.md, Operators-ml.md, training).</summary>
    public static IReadOnlyList<string> Standard { get; } = ["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training"];

    /// <summary>
    /// Contrib domains of widely used runtimes and converters. Not standard, so reported as custom, but the
    /// engine may grade them lower than an unknown domain.
    /// </summary>
    public static IReadOnlyList<string> KnownRuntimeDomains { get; } =
    [
        "com.microsoft",
        "com.microsoft.nchwc",
        "com.microsoft.experimental",
        "com.microsoft.dml",
        "com.microsoft.mlfeaturizers",
        "com.microsoft.extensions",
        "com.ms.internal.nhwc",
        "ai.onnx.contrib",
        "org.pytorch.aten",
        "org.openvinotoolkit",
        "com.amd.quark",
        "trt.plugins",
    ];

    /// <summary>True for "", "ai.onnx", "ai.onnx.ml", "ai.onnx.training" and "ai.onnx.preview.training".</summary>
    public static bool IsStandardDomain(string domain) => Standard.Contains(domain, StringComparer.Ordinal);

    /// <summary>True for a domain in <see cref="KnownRuntimeDomains"/>.</summary>
    public static bool IsKnownRuntimeDomain(string domain) => KnownRuntimeDomains.Contains(domain, StringComparer.Ordinal);
}
