using System.Collections.Frozen;

namespace ModelGate.Cards;

/// <summary>
/// The licences ModelGate knows, from the embedded licenses.tsv: Hugging Face ids, SPDX ids and common
/// spellings, matched without regard to case.
/// </summary>
internal static class LicenseCatalog
{
    private const string ResourceName = "ModelGate.Cards.licenses.tsv";

    private static readonly Lazy<(IReadOnlyList<LicenseInfo> All, FrozenDictionary<string, LicenseInfo> ByName)> Data = new(Load);

    /// <summary>Every licence, in file order.</summary>
    public static IReadOnlyList<LicenseInfo> All => Data.Value.All;

    /// <summary>The licence a card's <c>license</c> value (or an SPDX id or alias) names; null when unknown.</summary>
    public static LicenseInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        return Data.Value.ByName.GetValueOrDefault(id.Trim().ToLowerInvariant());
    }

    public static string CategoryName(LicenseCategory category) => category switch
    {
        LicenseCategory.Permissive => "permissive",
        LicenseCategory.WeakCopyleft => "weak-copyleft",
        LicenseCategory.StrongCopyleft => "strong-copyleft",
        LicenseCategory.NetworkCopyleft => "network-copyleft",
        LicenseCategory.NonCommercial => "non-commercial",
        LicenseCategory.NonCommercialResearch => "non-commercial-research",
        LicenseCategory.NoDerivatives => "no-derivatives",
        LicenseCategory.UseRestricted => "use-restricted",
        LicenseCategory.Other => "other",
        _ => "unknown",
    };

    public static string DutyName(LicenseDuty duty) => duty switch
    {
        LicenseDuty.Attribution => "attribution",
        LicenseDuty.ShareAlike => "share-alike",
        LicenseDuty.SourceDisclosure => "source-disclosure",
        LicenseDuty.NetworkUse => "network-use",
        LicenseDuty.NonCommercial => "non-commercial",
        LicenseDuty.ResearchOnly => "research-only",
        LicenseDuty.NoDerivatives => "no-derivatives",
        LicenseDuty.UserThreshold => "user-threshold",
        LicenseDuty.AcceptableUse => "acceptable-use",
        LicenseDuty.FieldOfUse => "field-of-use",
        LicenseDuty.PassThrough => "pass-through",
        _ => "naming",
    };

    private static (IReadOnlyList<LicenseInfo>, FrozenDictionary<string, LicenseInfo>) Load()
    {
        using var stream = typeof(LicenseCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the catalogue text; a malformed row is a build defect, so it throws naming the line.</summary>
    internal static (IReadOnlyList<LicenseInfo>, FrozenDictionary<string, LicenseInfo>) Parse(string text)
    {
        var categories = Enum.GetValues<LicenseCategory>().ToDictionary(CategoryName, c => c, StringComparer.Ordinal);
        var duties = Enum.GetValues<LicenseDuty>().ToDictionary(DutyName, d => d, StringComparer.Ordinal);
        var all = new List<LicenseInfo>();
        var byName = new Dictionary<string, LicenseInfo>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 6)
                throw Bad(lineNumber, $"expected 6 tab-separated fields, found {fields.Length}");
            if (!categories.TryGetValue(fields[2], out var category))
                throw Bad(lineNumber, $"unknown category '{fields[2]}'");
            var dutyList = new List<LicenseDuty>();
            foreach (var word in fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (word == "none")
                    continue;
                dutyList.Add(duties.TryGetValue(word, out var duty) ? duty : throw Bad(lineNumber, $"unknown duty '{word}'"));
            }
            var aliases = fields[4].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var info = new LicenseInfo(fields[0], fields[1] == "-" ? null : fields[1], fields[5], category, dutyList, aliases);
            all.Add(info);
            foreach (var name in (string?[])[info.Id, info.SpdxId, .. aliases])
            {
                if (name is not null && !byName.TryAdd(name.ToLowerInvariant(), info) && byName[name.ToLowerInvariant()] != info)
                    throw Bad(lineNumber, $"'{name}' already names another licence");
            }
        }
        return (all, byName.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static InvalidOperationException Bad(int line, string message) => new($"licenses.tsv line {line}: {message}");
}
