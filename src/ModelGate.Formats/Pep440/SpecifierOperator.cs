namespace ModelGate.Formats.Pep440;

/// <summary>The comparison operator of one version clause (Version specifiers spec, Version specifiers).</summary>
public enum SpecifierOperator
{
    /// <summary><c>==</c>: version matching, with prefix matching when the version ends in <c>.*</c>.</summary>
    Equal = 0,

    /// <summary><c>!=</c>: version exclusion, the negation of <c>==</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;=</c>: inclusive ordered comparison.</summary>
    LessThanOrEqual,

    /// <summary><c>&gt;=</c>: inclusive ordered comparison.</summary>
    GreaterThanOrEqual,

    /// <summary><c>&lt;</c>: exclusive ordered comparison.</summary>
    LessThan,

    /// <summary><c>&gt;</c>: exclusive ordered comparison.</summary>
    GreaterThan,

    /// <summary><c>~=</c>: compatible release.</summary>
    CompatibleRelease,

    /// <summary><c>===</c>: arbitrary (string) equality.</summary>
    ArbitraryEqual,
}
