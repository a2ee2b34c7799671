namespace ModelGate.Artifacts.Pickle;

/// <summary>What the callable catalogue says about one imported or called name.</summary>
internal abstract record CallableClass
{
    private CallableClass()
    {
    }

    /// <summary>On the dangerous list: importing or calling it can run code or touch the system.</summary>
    /// <param name="Category">process, code, import, deserialize, filesystem, network, native, packaging, torch.</param>
    /// <param name="Reason">Why, from the catalogue.</param>
    /// <param name="Pattern">The catalogue pattern that matched.</param>
    public sealed record Dangerous(string Category, string Reason, string Pattern) : CallableClass;

    /// <summary>On the safe list: a reconstruction callable real model files use.</summary>
    public sealed record Safe(string Reason, string Pattern) : CallableClass;

    /// <summary>On neither list.</summary>
    public sealed record Unknown : CallableClass
    {
        public static readonly Unknown Instance = new();
    }
}
