namespace ModelGate.Inventory;

/// <summary>
/// Something about the scan rather than the project: a file that could not be read or parsed, a limit hit.
/// In gate mode a diagnostic about an input counts against the decision (fail closed).
/// </summary>
public sealed record Diagnostic(string RuleId, string Message, SourceLocation Location);
