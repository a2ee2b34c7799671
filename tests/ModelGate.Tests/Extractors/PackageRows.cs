using ModelGate.Inventory;

namespace ModelGate.Tests.Extractors;

/// <summary>
/// One line per entry with every field a test checks (empty ones left out), so a whole inventory compares
/// as a list: <c>name:line spec=... version=... group=... marker=... extras=... url=... editable index=... extra-index=...</c>.
/// </summary>
internal static class PackageRows
{
    public static string Row(InventoryPackage p)
    {
        var parts = new List<string> { $"{p.Name}:{p.Source.Line}" };
        if (p.Specifier.Length > 0)
            parts.Add("spec=" + p.Specifier);
        if (p.Version is not null)
            parts.Add("version=" + p.Version);
        if (p.Group is not null)
            parts.Add("group=" + p.Group);
        if (p.Marker is not null)
            parts.Add("marker=" + p.Marker);
        if (p.Extras.Count > 0)
            parts.Add("extras=" + string.Join(',', p.Extras));
        if (p.Url is not null)
            parts.Add("url=" + p.Url);
        if (p.Editable)
            parts.Add("editable");
        if (p.IndexUrls.Count > 0)
            parts.Add("index=" + string.Join(',', p.IndexUrls));
        if (p.ExtraIndexUrls.Count > 0)
            parts.Add("extra-index=" + string.Join(',', p.ExtraIndexUrls));
        if (p.Hashes.Count > 0)
            parts.Add("hashes=" + string.Join(',', p.Hashes));
        return string.Join(' ', parts);
    }

    public static string[] Rows(IEnumerable<InventoryPackage> packages) => [.. packages.Select(Row)];
}
