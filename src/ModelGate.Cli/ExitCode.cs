namespace ModelGate.Cli;

/// <summary>The process exit codes, documented in README.md. A "vulnerabilities found" result is a normal outcome, not an error.</summary>
internal enum ExitCode
{
    /// <summary>The decision is pass or warn.</summary>
    Pass = 0,

    /// <summary>The decision is fail: findings over the threshold.</summary>
    Fail = 1,

    /// <summary>Usage error, unusable target, or a runtime error.</summary>
    Error = 2,
}
