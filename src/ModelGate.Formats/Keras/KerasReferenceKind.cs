namespace ModelGate.Formats.Keras;

/// <summary>Why a serialized object was reported.</summary>
public enum KerasReferenceKind
{
    /// <summary>Its <c>module</c> is outside Keras (e.g. <c>os</c>, <c>builtins</c>, <c>__main__</c>, a user package).</summary>
    ForeignModule,

    /// <summary>Its <c>registered_name</c> names a custom object (<c>register_keras_serializable</c>, e.g. <c>Custom&gt;MyLayer</c>).</summary>
    CustomRegisteredName,

    /// <summary>A function referenced by module and name (<c>class_name</c> <c>function</c> or <c>__function__</c>).</summary>
    FunctionReference,
}
