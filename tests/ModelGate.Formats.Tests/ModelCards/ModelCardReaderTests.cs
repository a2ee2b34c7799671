using System.Text;
using ModelGate.Formats.ModelCards;

namespace ModelGate.Formats.Tests.ModelCards;

public sealed class ModelCardReaderTests
{
    private static ModelCard Fixture(string name) => ModelCardReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ModelCards", "testdata", name)));

    [Theory]
    [InlineData("bert-like.md", "apache-2.0", "bookcorpus,wikipedia", "exbert", false)]
    [InlineData("llama-3-like.md", "llama3", "", "facebook,meta,pytorch,llama,llama-3", true)]
    [InlineData("gemma-like.md", "gemma", "", "", true)]
    [InlineData("openrail-like.md", "creativeml-openrail-m", "", "stable-diffusion,text-to-image", false)]
    [InlineData("cc-by-nc-like.md", "cc-by-nc-4.0", "flores-200", "translation", false)]
    [InlineData("other-license.md", "other", "", "", false)]
    public void Real_world_front_matter_is_read(string file, string license, string datasets, string tags, bool gated)
    {
        var card = Fixture(file);

        Assert.Null(card.FrontMatterError);
        Assert.True(card.HasFrontMatter);
        Assert.Equal(license, card.Metadata.License);
        Assert.Equal(datasets, string.Join(',', card.Metadata.Datasets));
        Assert.Equal(tags, string.Join(',', card.Metadata.Tags));
        Assert.Equal(gated, card.Metadata.Gated);
    }

    [Fact]
    public void Bert_card_sections_map_onto_the_template()
    {
        var card = Fixture("bert-like.md");

        Assert.Equal(9, card.FrontMatterEndLine);
        var limitations = Assert.Single(card.Sections, s => s.Heading == "Limitations and bias");
        Assert.Equal(ModelCardSectionKind.BiasRisksLimitations, limitations.Kind);
        Assert.Equal(3, limitations.Level);
        Assert.StartsWith("Even if the training data", limitations.Text, StringComparison.Ordinal);
        Assert.Equal(ModelCardSectionKind.Uses, card.Sections.Single(s => s.Heading == "Intended uses & limitations").Kind);
        Assert.Equal(ModelCardSectionKind.TrainingData, card.Sections.Single(s => s.Heading == "Training data").Kind);
        Assert.Equal(ModelCardSectionKind.Evaluation, card.Sections.Single(s => s.Heading == "Evaluation results").Kind);
        Assert.Equal(ModelCardSectionKind.Citation, card.Sections.Single(s => s.Heading == "BibTeX entry and citation info").Kind);
        // Link targets stay in the text: the paper is often only a link.
        Assert.Contains("https://arxiv.org/abs/1810.04805", card.Sections.Single(s => s.Level == 1).Text, StringComparison.Ordinal);
        var line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "ModelCards", "testdata", "bert-like.md"))[limitations.Line - 1];
        Assert.Equal("### Limitations and bias", line);
    }

    [Fact]
    public void Gated_fields_and_prompt_are_kept()
    {
        var meta = Fixture("llama-3-like.md").Metadata;

        Assert.Contains("700 million monthly active users", meta.GatedPrompt, StringComparison.Ordinal);
        Assert.Equal(["First Name", "Last Name", "Date of birth", "Country", "Affiliation", "geo", "By clicking Submit below I accept the terms of the license"], meta.GatedFields);
        Assert.Equal("text-generation", meta.PipelineTag);
    }

    [Fact]
    public void Model_index_is_flattened_per_metric()
    {
        var results = Fixture("cc-by-nc-like.md").Metadata.Results;

        Assert.Equal(2, results.Count);
        Assert.Equal(new ModelIndexResult("nllb-like", "translation", "Translation", "flores-200", "FLORES-200", "devtest", "bleu", "BLEU", "31.4"), results[0]);
        Assert.Equal("chrf", results[1].MetricType);
        Assert.Null(results[1].MetricName);
    }

    [Fact]
    public void Other_licence_keeps_name_link_and_lineage()
    {
        var meta = Fixture("other-license.md").Metadata;

        Assert.Equal("acme-model-license", meta.LicenseName);
        Assert.Equal("LICENSE.md", meta.LicenseLink);
        Assert.Equal(["acme/base-7b"], meta.BaseModels);
        Assert.Equal("finetune", meta.BaseModelRelation);
        Assert.Equal("transformers", meta.LibraryName);
    }

    [Fact]
    public void A_licence_list_keeps_the_first_and_all()
    {
        var meta = Fixture("license-list.md").Metadata;

        Assert.Equal("mit", meta.License);
        Assert.Equal(["mit", "apache-2.0"], meta.Licenses);
        Assert.Equal(["org/model-a", "org/model-b"], meta.BaseModels);
    }

    [Fact]
    public void A_card_without_front_matter_has_empty_metadata_and_its_sections()
    {
        var card = Fixture("no-metadata.md");

        Assert.False(card.HasFrontMatter);
        Assert.Null(card.FrontMatterError);
        Assert.Equal(0, card.FrontMatterEndLine);
        Assert.Null(card.Metadata.License);
        Assert.Equal(["My model", "Training"], card.Sections.Select(s => s.Heading));
        Assert.Equal(5, card.Sections[1].Line);
    }

    [Theory]
    [InlineData("broken-tab.md", "line 4, column 1: a tab indents this line")]
    [InlineData("broken-quote.md", "line 3, column ")]
    [InlineData("unclosed.md", "line 1, column 1: the front matter opened by --- is never closed")]
    public void Broken_front_matter_is_described_with_its_position_and_the_body_is_still_read(string file, string expected)
    {
        var card = Fixture(file);

        Assert.True(card.HasFrontMatter);
        Assert.StartsWith(expected, card.FrontMatterError, StringComparison.Ordinal);
        Assert.Null(card.Metadata.License);
        Assert.NotEmpty(card.Sections);
    }

    [Fact]
    public void Type_tags_are_not_honoured()
    {
        var card = Fixture("python-tag.md");

        Assert.Equal("line 2, column 10: type tag tag:yaml.org,2002:python/object/apply:os.system is not honoured; its value is ignored", card.FrontMatterError);
        Assert.Null(card.Metadata.License);
        Assert.Equal("fill-mask", card.Metadata.PipelineTag);
    }

    [Fact]
    public void Heading_spellings_map_onto_template_sections()
    {
        var kinds = Fixture("headings.md").Sections.Skip(1).Select(s => s.Kind).ToList();

        Assert.Equal(
        [
            ModelCardSectionKind.ModelDetails,
            ModelCardSectionKind.Uses,
            ModelCardSectionKind.BiasRisksLimitations,
            ModelCardSectionKind.OutOfScopeUse,
            ModelCardSectionKind.TrainingData,
            ModelCardSectionKind.TrainingProcedure,
            ModelCardSectionKind.Evaluation,
            ModelCardSectionKind.EnvironmentalImpact,
            ModelCardSectionKind.Citation,
            ModelCardSectionKind.HowToGetStarted,
            ModelCardSectionKind.ModelCardContact,
            ModelCardSectionKind.Glossary,
            ModelCardSectionKind.Other,
        ], kinds);
    }

    [Fact]
    public void A_huge_card_is_read_up_to_the_bound()
    {
        var text = new StringBuilder("---\nlicense: mit\n---\n# Big\n");
        while (text.Length <= ModelCardReader.MaxCardChars + 10)
            text.Append("lorem ipsum dolor sit amet ").Append('\n');

        var card = ModelCardReader.Read(text.ToString());

        Assert.True(card.Truncated);
        Assert.Equal("mit", card.Metadata.License);
        Assert.True(card.Sections[0].Text.Length <= ModelCardReader.MaxSectionChars);
    }

    [Theory]
    [InlineData("---\nlicense: [a, [b, [c]]]\n---\n")]
    [InlineData("---\n- just\n- a list\n---\n")]
    [InlineData("---\nlicense: &a mit\nother: *a\n---\n")]
    [InlineData("---\nmodel-index: 7\ndatasets: {a: b}\nextra_gated_fields: [1]\n---\n")]
    [InlineData("---\n{[\n---\n")]
    [InlineData("")]
    [InlineData("---")]
    [InlineData("> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > x")]
    public void Odd_cards_never_throw(string text)
    {
        var card = ModelCardReader.Read(text);

        Assert.NotNull(card.Metadata);
    }

    [Fact]
    public void Deeply_nested_front_matter_is_refused_with_a_position()
    {
        var text = "---\nx: " + new string('[', 200) + new string(']', 200) + "\n---\n";

        var card = ModelCardReader.Read(text);

        Assert.StartsWith("line 2, column ", card.FrontMatterError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("license: !!qyth]n/object/apply:os.system [\"echo owned\"]")]
    [InlineData("license: !<not a uri> apache-2.0")]
    public void A_global_tag_that_is_not_a_URI_is_a_front_matter_error_not_a_crash(string line)
    {
        // Found by the model-card fuzz target: YamlDotNet throws ArgumentException for such tags.
        var card = ModelCardReader.Read($"---\n{line}\npipeline_tag: fill-mask\n---\n\n# Tagged\n\nBody text.\n");

        Assert.NotNull(card.FrontMatterError);
        Assert.Null(card.Metadata.License);
        Assert.Contains(card.Sections, s => s.Heading == "Tagged");
    }
}
