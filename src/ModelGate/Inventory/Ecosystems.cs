namespace ModelGate.Inventory;

/// <summary>Ecosystem names as the OSV schema spells them.</summary>
public static class Ecosystems
{
    public const string PyPI = "PyPI";
    public const string Conda = "conda";
}
