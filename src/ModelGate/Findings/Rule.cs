namespace ModelGate.Findings;

/// <summary>
/// A rule a finding or diagnostic can cite. Ids are stable forever: <c>MG0xxx</c> the tool's own
/// diagnostics, <c>MG1xxx</c> dependencies, <c>MG2xxx</c> model files, <c>MG3xxx</c> provenance and
/// signatures, <c>MG4xxx</c> cards and licences, <c>MG5xxx</c> policy. Each is documented in docs/rules.md.
/// </summary>
public sealed record Rule(string Id, string Title, FindingKind Kind, Severity DefaultSeverity, string Help);
