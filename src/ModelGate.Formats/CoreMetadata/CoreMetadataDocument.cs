namespace ModelGate.Formats.CoreMetadata;

/// <summary>
/// The header of a core-metadata file (METADATA, PKG-INFO): fields in order, names compared
/// case-insensitively as RFC 822 headers are. Multiple-use fields (Requires-Dist, Classifier...) appear
/// once per use.
/// </summary>
public sealed class CoreMetadataDocument
{
    internal CoreMetadataDocument(IReadOnlyList<MetadataField> fields) => Fields = fields;

    public IReadOnlyList<MetadataField> Fields { get; }

    /// <summary>The first field with this name, or null.</summary>
    public MetadataField? Get(string name) => Fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every use of a multiple-use field, in order.</summary>
    public IEnumerable<MetadataField> GetAll(string name) => Fields.Where(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>Metadata-Version</c> (1.0 to 2.4), or null when missing.</summary>
    public string? MetadataVersion => Get("Metadata-Version")?.Value;
}
