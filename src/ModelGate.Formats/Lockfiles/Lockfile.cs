namespace ModelGate.Formats.Lockfiles;

/// <summary>
/// What a lockfile reader found: the locked packages in file order, and the entries it could not
/// read (each with its line), so one bad entry never hides the others.
/// </summary>
public sealed record Lockfile(
    string Format,
    string? FormatVersion,
    IReadOnlyList<LockedPackage> Packages,
    IReadOnlyList<LockfileError> Errors);

/// <summary>An entry or field that could not be understood, at its 1-based line when known.</summary>
public sealed record LockfileError(int? Line, string Message);
