namespace ModelGate.Policy.Conditions;

/// <summary>One field a condition can read: <c>variable.name</c>, its CEL type, what it means, and an example value.</summary>
internal sealed record PolicyFactField(string Variable, string Name, PolicyFactType Type, string Meaning, string Example)
{
    /// <summary>The value the field takes when the finding has nothing to say about it.</summary>
    public object Empty => Type switch
    {
        PolicyFactType.String => string.Empty,
        PolicyFactType.Int => 0L,
        PolicyFactType.Double => 0.0,
        PolicyFactType.Bool => false,
        _ => Array.Empty<object?>(),
    };
}
