namespace ModelGate.Findings;

/// <summary>Finding severity, lowest first so that comparisons read naturally (<c>s &gt;= Severity.High</c>).</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
