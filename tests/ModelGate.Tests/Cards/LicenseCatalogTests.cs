using ModelGate.Cards;
using ModelGate.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ModelGate.Tests.Cards;

public sealed class LicenseCatalogTests
{
    // The shared table names two categories this catalogue spells differently: a family id whose exact licence
    // is unknown, and "other", are both "other" here (read license_name/license_link and the licence text).
    private static readonly Dictionary<string, string> SharedCategoryNames = new(StringComparer.Ordinal)
    {
        ["family-ambiguous"] = "other",
        ["other-see-license_name"] = "other",
    };

    public static TheoryData<string, string, string> HubLicences()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(SharedTestData.HfLicenses))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var data = new TheoryData<string, string, string>();
        foreach (var item in ((YamlSequenceNode)root.Children[new YamlScalarNode("licenses")]).Children.Cast<YamlMappingNode>())
        {
            var id = ((YamlScalarNode)item.Children[new YamlScalarNode("id")]).Value!;
            var spdx = ((YamlScalarNode)item.Children[new YamlScalarNode("spdx")]).Value ?? "null";
            var category = ((YamlScalarNode)item.Children[new YamlScalarNode("category")]).Value!;
            data.Add(id, spdx == "null" ? string.Empty : spdx, SharedCategoryNames.GetValueOrDefault(category, category));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HubLicences))]
    public void Every_hub_licence_id_is_catalogued_with_the_shared_category_and_spdx_id(string id, string spdx, string category)
    {
        var info = LicenseCatalog.Find(id);

        Assert.NotNull(info);
        Assert.Equal(id, info.Id);
        Assert.Equal(category, info.CategoryName);
        Assert.Equal(spdx, info.SpdxId ?? string.Empty);
        if (spdx.Length > 0)
            Assert.Same(info, LicenseCatalog.Find(spdx));
    }

    [Fact]
    public void The_catalogue_covers_at_least_sixty_licences()
    {
        Assert.True(LicenseCatalog.All.Count >= 60, $"{LicenseCatalog.All.Count} licences");
        Assert.Equal(LicenseCatalog.All.Count, LicenseCatalog.All.Select(l => l.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Apache-2.0", "apache-2.0")]
    [InlineData("  MIT ", "mit")]
    [InlineData("CC-BY-NC-4.0", "cc-by-nc-4.0")]
    [InlineData("GPL-3.0-or-later", "gpl-3.0")]
    [InlineData("AGPL-3.0-only", "agpl-3.0")]
    [InlineData("llama-3.1", "llama3.1")]
    [InlineData("qwen", "tongyi-qianwen")]
    public void Spdx_ids_and_common_spellings_find_the_licence(string name, string id)
    {
        Assert.Equal(id, LicenseCatalog.Find(name)?.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("my-own-licence")]
    [InlineData("Apache-2.0 OR MIT")]
    public void Unknown_names_are_not_guessed(string name)
    {
        Assert.Null(LicenseCatalog.Find(name));
    }

    [Theory]
    [InlineData("llama3", nameof(LicenseDuty.UserThreshold))]
    [InlineData("llama3.1", nameof(LicenseDuty.Naming))]
    [InlineData("llama2", nameof(LicenseDuty.AcceptableUse))]
    [InlineData("gemma", nameof(LicenseDuty.AcceptableUse))]
    [InlineData("creativeml-openrail-m", nameof(LicenseDuty.FieldOfUse))]
    [InlineData("bigscience-openrail-m", nameof(LicenseDuty.PassThrough))]
    [InlineData("cc-by-nc-4.0", nameof(LicenseDuty.NonCommercial))]
    [InlineData("cc-by-sa-4.0", nameof(LicenseDuty.ShareAlike))]
    [InlineData("cc-by-nd-4.0", nameof(LicenseDuty.NoDerivatives))]
    [InlineData("agpl-3.0", nameof(LicenseDuty.NetworkUse))]
    [InlineData("fair-noncommercial-research-license", nameof(LicenseDuty.ResearchOnly))]
    [InlineData("apache-2.0", nameof(LicenseDuty.Attribution))]
    public void Duties_that_matter_are_recorded(string id, string duty)
    {
        Assert.True(LicenseCatalog.Find(id)!.Has(Enum.Parse<LicenseDuty>(duty)));
    }

    [Theory]
    [InlineData("a\t-\tpermissive\tattribution\t\n", "line 1: expected 6 tab-separated fields")]
    [InlineData("a\t-\tlovely\tnone\t\tA\n", "line 1: unknown category 'lovely'")]
    [InlineData("a\t-\tpermissive\tsmile\t\tA\n", "line 1: unknown duty 'smile'")]
    [InlineData("a\t-\tpermissive\tnone\t\tA\nb\t-\tpermissive\tnone\ta\tB\n", "line 2: 'a' already names another licence")]
    public void A_malformed_catalogue_row_names_its_line(string text, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LicenseCatalog.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
