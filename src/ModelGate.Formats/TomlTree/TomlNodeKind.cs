namespace ModelGate.Formats.TomlTree;

/// <summary>The TOML value kinds (TOML 1.0 "Values"); date-times are kept as text.</summary>
public enum TomlNodeKind
{
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
    Array,
    Table,
}
