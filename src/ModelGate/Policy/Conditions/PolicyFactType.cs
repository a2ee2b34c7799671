namespace ModelGate.Policy.Conditions;

/// <summary>The CEL types facts take. Values are held as the CLR types the Cel library evaluates natively.</summary>
internal enum PolicyFactType
{
    /// <summary>CEL <c>string</c>, held as <see cref="string"/>.</summary>
    String,

    /// <summary>CEL <c>int</c>, held as <see cref="long"/>.</summary>
    Int,

    /// <summary>CEL <c>double</c>, held as <see cref="double"/>.</summary>
    Double,

    /// <summary>CEL <c>bool</c>, held as <see cref="bool"/>.</summary>
    Bool,

    /// <summary>CEL <c>list(string)</c>, held as an <c>object?[]</c> of strings (the list form the Cel library itself builds).</summary>
    StringList,
}
