namespace ModelGate.Formats.Keras;

/// <summary>A serialized object the engine should grade.</summary>
/// <param name="Path">Where in the config JSON.</param>
/// <param name="Module">The object's <c>module</c>, when present.</param>
/// <param name="ClassName">The object's <c>class_name</c>.</param>
/// <param name="RegisteredName">The object's <c>registered_name</c>, when present.</param>
/// <param name="FunctionName">For a function reference, the function's name (its <c>config</c> string).</param>
/// <param name="IsKerasModule">The module is one of Keras' own packages (then a function reference is usually benign).</param>
public sealed record KerasObjectReference(
    KerasReferenceKind Kind,
    string Path,
    string? Module,
    string ClassName,
    string? RegisteredName,
    string? FunctionName,
    bool IsKerasModule);
