namespace ModelGate.Policy;

/// <summary>What the policy did with one finding.</summary>
public enum FindingAction
{
    /// <summary>Below every threshold and matched by no rule: reported, no effect on the verdict.</summary>
    Pass,

    /// <summary>Makes the verdict at least warn.</summary>
    Warn,

    /// <summary>Makes the verdict fail.</summary>
    Fail,

    /// <summary>A policy rule said to ignore it: reported, no effect.</summary>
    Ignore,

    /// <summary>A waiver in force covers it: reported as suppressed, no effect.</summary>
    Waived,
}
