namespace ModelGate.Formats.Pyproject;

/// <summary>An entry of a manifest that could not be understood; the rest of the manifest is still read.</summary>
public sealed record ManifestError(int Line, string Message);
