namespace ModelGate.Policy;

/// <summary>A waiver of the policy and what became of it in this run.</summary>
/// <param name="Id">The waiver's id in the policy file (or the value it matches on when it has none).</param>
/// <param name="Status">Applied, expired or stale.</param>
/// <param name="Matched">How many findings it matched (expired waivers match but no longer apply).</param>
public sealed record WaiverOutcome(string Id, WaiverStatus Status, int Matched)
{
    public string Reason { get; init; } = "";

    public string Owner { get; init; } = "";

    /// <summary>The last day the waiver applies (inclusive, UTC).</summary>
    public DateOnly Expires { get; init; }
}

/// <summary>The state of one waiver after a run.</summary>
public enum WaiverStatus
{
    /// <summary>In force and matched at least one finding.</summary>
    Applied,

    /// <summary>Past its expiry date: matched findings count again (MG5001).</summary>
    Expired,

    /// <summary>In force but matched nothing: probably obsolete (MG5002).</summary>
    Stale,
}
