namespace ModelGate.Inventory;

/// <summary>The one order packages are listed in: file, line, ecosystem, name.</summary>
internal sealed class PackageOrder : IComparer<InventoryPackage>
{
    public static readonly PackageOrder Instance = new();

    public int Compare(InventoryPackage? x, InventoryPackage? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = string.CompareOrdinal(x.Source.Path, y.Source.Path);
        if (c != 0)
            return c;
        c = Nullable.Compare(x.Source.Line, y.Source.Line);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(x.Ecosystem, y.Ecosystem);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(x.Name, y.Name);
        return c != 0 ? c : string.CompareOrdinal(x.Group, y.Group);
    }
}
