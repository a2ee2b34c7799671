using System.Collections.Frozen;

namespace ModelGate.Cards;

/// <summary>The licences of datasets model cards often name, from the embedded datasets.tsv.</summary>
internal static class DatasetLicenses
{
    private const string ResourceName = "ModelGate.Cards.datasets.tsv";

    private static readonly Lazy<FrozenDictionary<string, DatasetLicense>> Data = new(Load);

    /// <summary>The dataset's licence facts, by Hub id with or without its owner (any case); null when unknown.</summary>
    public static DatasetLicense? Find(string? dataset)
    {
        if (string.IsNullOrWhiteSpace(dataset))
            return null;
        var key = dataset.Trim().ToLowerInvariant();
        if (Data.Value.TryGetValue(key, out var found))
            return found;
        var slash = key.LastIndexOf('/');
        return slash >= 0 ? Data.Value.GetValueOrDefault(key[(slash + 1)..]) : null;
    }

    private static FrozenDictionary<string, DatasetLicense> Load()
    {
        using var stream = typeof(DatasetLicenses).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, DatasetLicense>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in reader.ReadToEnd().Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 4)
                throw new InvalidOperationException($"datasets.tsv line {lineNumber}: expected 4 tab-separated fields, found {fields.Length}");
            var license = fields[2] == "-" ? null : LicenseCatalog.Find(fields[2]) ?? throw new InvalidOperationException($"datasets.tsv line {lineNumber}: unknown licence '{fields[2]}'");
            var entry = new DatasetLicense(fields[0], license, fields[3]);
            foreach (var name in fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend(fields[0]))
                map[name.ToLowerInvariant()] = entry;
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>A dataset's licence (null when it has no single one) and a note on what else applies.</summary>
internal sealed record DatasetLicense(string Dataset, LicenseInfo? License, string Note)
{
    /// <summary>True when the terms forbid commercial use (a non-commercial licence, or terms the note calls non-commercial).</summary>
    public bool NonCommercial =>
        License?.Category is LicenseCategory.NonCommercial or LicenseCategory.NonCommercialResearch
        || Note.Contains("non-commercial", StringComparison.OrdinalIgnoreCase);

    public string Describe()
    {
        var license = License is null ? "no single licence" : $"{License.Id} ({License.CategoryName})";
        return Note.Length == 0 ? $"{Dataset}: {license}" : $"{Dataset}: {license}; {Note}";
    }
}
