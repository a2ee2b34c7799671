namespace ModelGate.Formats.CoreMetadata;

/// <summary>One header field of a core-metadata file, with the 1-based line where its name is written.</summary>
public sealed record MetadataField(string Name, string Value, int Line);
