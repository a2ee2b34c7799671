namespace ModelGate.Assessment;

/// <summary>A restrictive clause found in a licence or card text, quoted where it stands.</summary>
/// <param name="Kind">non-commercial, research-only, user-threshold, acceptable-use, field-of-use, no-derivatives, share-alike, attribution or naming.</param>
/// <param name="Text">The sentence holding the clause, at most <see cref="ClauseFinder.MaxQuoteChars"/> characters.</param>
/// <param name="Path">The file, relative to the scan root.</param>
/// <param name="Line">1-based line in that file.</param>
public sealed record LicenseClause(string Kind, string Text, string Path, int Line);
