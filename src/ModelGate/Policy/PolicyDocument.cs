using System.Collections.Immutable;
using ModelGate.Findings;

namespace ModelGate.Policy;

/// <summary>
/// A policy file as loaded (docs/policy.md): thresholds per finding kind, lists, rules and waivers. Immutable;
/// every rule's condition is already compiled, so a document that exists is a document that can be applied.
/// </summary>
internal sealed record PolicyDocument
{
    public int Version { get; init; } = 1;

    /// <summary>The thresholds for every kind (missing kinds already filled from <c>default</c>).</summary>
    public required ImmutableDictionary<FindingKind, Thresholds> Thresholds { get; init; }

    /// <summary>The <c>default</c> entry of <c>thresholds</c> (kinds without their own entry use it).</summary>
    public Thresholds Default { get; init; } = new(Severity.High, Severity.Medium);

    public PolicyLists Lists { get; init; } = new();

    public ImmutableArray<PolicyRule> Rules { get; init; } = [];

    public ImmutableArray<PolicyWaiver> Waivers { get; init; } = [];

    /// <summary>The same thresholds for every kind, nothing else: what <see cref="GatePolicy"/>'s constructor means.</summary>
    public static PolicyDocument Uniform(Severity? fail, Severity? warn) => new()
    {
        Thresholds = Enum.GetValues<FindingKind>().ToImmutableDictionary(k => k, _ => new Thresholds(fail, warn)),
        Default = new Thresholds(fail, warn),
    };
}

/// <summary>A finding at or above <see cref="Fail"/> fails, one at or above <see cref="Warn"/> warns; null means "none" (never).</summary>
internal sealed record Thresholds(Severity? Fail, Severity? Warn);

/// <summary>The <c>lists</c> section. Every list is empty when not given.</summary>
internal sealed record PolicyLists
{
    public ImmutableArray<string> AllowedLicenses { get; init; } = [];

    public ImmutableArray<string> DeniedLicenses { get; init; } = [];

    public ImmutableArray<string> TrustedOrganizations { get; init; } = [];

    public ImmutableArray<string> SafeCallables { get; init; } = [];

    public ImmutableArray<string> DangerousCallables { get; init; } = [];

    /// <summary>Format families or format names model files must be in; empty = any format.</summary>
    public ImmutableArray<string> RequiredModelFormats { get; init; } = [];
}

/// <summary>One entry of <c>rules</c>: the first rule whose condition holds decides a finding.</summary>
internal sealed record PolicyRule(string Id, Conditions.PolicyCondition Condition, FindingAction Action, string Message, int Line);

/// <summary>One entry of <c>waivers</c>.</summary>
/// <param name="Expires">The last day it applies (inclusive, UTC).</param>
/// <param name="Line">Its line in the policy file, where MG5001 and MG5002 point.</param>
internal sealed record PolicyWaiver(string Id, WaiverMatch Match, string Reason, string Owner, DateOnly Expires, int Line);

/// <summary>What a waiver covers: every key given must match (at least one is given).</summary>
internal sealed record WaiverMatch(string? Finding, string? Rule, string? Advisory, string? Package, string? Path)
{
    /// <summary>The values given, in key order, joined: the waiver's id when it has none.</summary>
    public string Describe() => string.Join(' ', new[] { Finding, Rule, Advisory, Package, Path }.Where(v => v is not null));
}
