namespace ModelGate.Formats.Keras;

/// <summary>A Python function stored in a Keras config.</summary>
/// <param name="Path">Where in the config JSON, e.g. <c>config.layers[1].config.function</c>.</param>
/// <param name="LayerName">The enclosing layer's <c>config.name</c>, when there is one.</param>
/// <param name="HasMarshalledCode">
/// The function is bytecode: Keras 2 <c>function_type: "lambda"</c> with <c>[base64 marshal, defaults, closure]</c>,
/// or a Keras 3 <c>{"class_name": "__lambda__", "config": {"code": base64 marshal}}</c>.
/// </param>
/// <param name="CodeStrings">Names and string constants found in the marshalled code object (co_names, co_consts ...), in order, without repeats.</param>
/// <param name="FunctionModule">For a function referenced by name (Keras 2 <c>function_type: "function"</c>), its module.</param>
/// <param name="FunctionName">For a function referenced by name, its name.</param>
public sealed record KerasLambda(
    string Path,
    string? LayerName,
    bool HasMarshalledCode,
    IReadOnlyList<string> CodeStrings,
    string? FunctionModule,
    string? FunctionName);
