namespace ModelGate.Signatures.ModelSigning;

/// <summary>
/// Compares the manifest a signature lists with the one rebuilt from the model (model_signing compares the two
/// manifests for equality; this also says which files differ). Shards are reported per file.
/// </summary>
internal static class ManifestComparison
{
    public static IReadOnlyList<ManifestDifference> Compare(IReadOnlyList<ManifestResource> expected, IReadOnlyList<ManifestResource> actual, bool shards)
    {
        var want = Group(expected, shards);
        var have = Group(actual, shards);
        var differences = new List<ManifestDifference>();
        foreach (var (path, signed) in want)
        {
            if (!have.TryGetValue(path, out var found))
            {
                differences.Add(new ManifestDifference(path, DifferenceKind.Missing, Describe(signed), null));
                continue;
            }
            if (!Same(signed, found))
                differences.Add(new ManifestDifference(path, DifferenceKind.Changed, Describe(signed), Describe(found)));
        }
        foreach (var (path, found) in have)
        {
            if (!want.ContainsKey(path))
                differences.Add(new ManifestDifference(path, DifferenceKind.Extra, null, Describe(found)));
        }
        differences.Sort((a, b) => ResourceOrder.ComparePaths(a.Path, b.Path));
        return differences;
    }

    /// <summary>The file a resource belongs to.</summary>
    public static string FileOf(string name, bool shards) => shards && ShardName.TryParse(name, out var shard) ? shard.Path : name;

    private static SortedDictionary<string, SortedDictionary<string, string>> Group(IReadOnlyList<ManifestResource> resources, bool shards)
    {
        var files = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var file = FileOf(resource.Name, shards);
            if (!files.TryGetValue(file, out var parts))
                files[file] = parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            parts[resource.Name] = resource.Digest;
        }
        return files;
    }

    private static bool Same(SortedDictionary<string, string> a, SortedDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var digest) && digest == p.Value);

    private static string Describe(SortedDictionary<string, string> parts) =>
        parts.Count == 1 ? $"sha256:{parts.First().Value}" : $"{parts.Count} shards";
}
