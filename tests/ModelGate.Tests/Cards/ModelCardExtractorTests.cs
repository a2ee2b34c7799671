using ModelGate.Cards;
using ModelGate.Scanning;
using ModelGate.Tests.Support;

namespace ModelGate.Tests.Cards;

public sealed class ModelCardExtractorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static Scanner NewScanner() => new ScannerBuilder().AddExtractor(new ModelCardExtractor()).Build();

    [Fact]
    public async Task A_card_with_front_matter_and_its_config_are_read()
    {
        _tree.Write("models/bert/README.md", "---\nlicense: apache-2.0\n---\n# BERT\n");
        _tree.Write("models/bert/config.json", "{\"architectures\": [\"BertForMaskedLM\"], \"transformers_version\": \"4.6.0\"}");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        var entry = Assert.Single(inventory.ModelCards);
        Assert.Equal("models/bert/README.md", entry.Path);
        Assert.Equal("models/bert", entry.Folder);
        Assert.Equal("apache-2.0", entry.Card.Metadata.License);
        Assert.Equal("4.6.0", entry.Config?.TransformersVersion);
        Assert.Contains("models/bert/README.md", inventory.SourceFiles);
    }

    [Fact]
    public async Task A_card_without_front_matter_beside_a_config_is_read()
    {
        _tree.Write("README.md", "# Just text\n");
        _tree.Write("config.json", "{}");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        var entry = Assert.Single(inventory.ModelCards);
        Assert.False(entry.Card.HasFrontMatter);
        Assert.NotNull(entry.Config);
    }

    [Fact]
    public async Task A_project_readme_is_not_a_model_card()
    {
        _tree.Write("README.md", "# My project\n\n---\n\nText.\n");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Empty(inventory.ModelCards);
        Assert.DoesNotContain("README.md", inventory.SourceFiles);
    }

    [Fact]
    public async Task A_broken_config_is_a_diagnostic_naming_the_json_path_and_the_card_is_kept()
    {
        _tree.Write("m/README.md", "---\nlicense: mit\n---\n");
        _tree.Write("m/config.json", "{\"architectures\": 5}");

        var inventory = await NewScanner().InventoryAsync(_tree.Root, new ScanOptions());

        Assert.Null(Assert.Single(inventory.ModelCards).Config);
        var diagnostic = Assert.Single(inventory.Diagnostics);
        Assert.Equal("m/config.json", diagnostic.Location.Path);
        Assert.Contains("$.architectures: expected a list, found a number", diagnostic.Message, StringComparison.Ordinal);
    }
}
