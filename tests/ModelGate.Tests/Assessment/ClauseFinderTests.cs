using ModelGate.Assessment;

namespace ModelGate.Tests.Assessment;

public sealed class ClauseFinderTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Assessment", "testdata", name));

    [Theory]
    [InlineData("llama3-LICENSE.txt", "naming:5 acceptable-use:6 user-threshold:8")]
    [InlineData("llama-USE_POLICY.md", "acceptable-use:1 acceptable-use:3")]
    [InlineData("gemma-terms.md", "acceptable-use:7 field-of-use:7")]
    [InlineData("openrail-LICENSE.md", "field-of-use:5 field-of-use:6 field-of-use:8")]
    [InlineData("cc-by-nc-LICENSE.md", "non-commercial:1 non-commercial:6")]
    [InlineData("research-LICENSE.txt", "non-commercial:1 non-commercial:3 non-commercial:4 research-only:4")]
    [InlineData("apache-LICENSE.txt", "attribution:5")]
    [InlineData("mit-LICENSE.txt", "")]
    public void Restrictive_clauses_are_found_with_their_line(string file, string expected)
    {
        var clauses = ClauseFinder.Find(Fixture(file), file).ToList();

        Assert.Equal(expected, string.Join(' ', clauses.Select(c => $"{c.Kind}:{c.Line}")));
        Assert.All(clauses, c => Assert.Equal(file, c.Path));
        Assert.All(clauses, c => Assert.InRange(c.Text.Length, 1, ClauseFinder.MaxQuoteChars));
    }

    [Fact]
    public void The_quote_is_the_sentence_holding_the_clause()
    {
        var clause = ClauseFinder.Find(Fixture("llama3-LICENSE.txt"), "LICENSE").Single(c => c.Kind == "user-threshold");

        Assert.StartsWith("If, on the Meta Llama 3 version release date", clause.Text, StringComparison.Ordinal);
        Assert.Contains("greater than 700 million monthly active users", clause.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("This model can be used for commercial and non-commercial purposes.")]
    [InlineData("Both commercial and non-commercial use is allowed.")]
    [InlineData("[Built with Axolotl](https://github.com/axolotl-ai-cloud/axolotl)")]
    [InlineData("The model was evaluated on research benchmarks.")]
    public void Grants_and_badges_are_not_restrictions(string text)
    {
        Assert.DoesNotContain(ClauseFinder.Find(text, "README.md"), c => c.Kind is not "attribution");
    }

    [Fact]
    public void A_huge_single_line_gives_a_bounded_quote_and_bounded_time()
    {
        var text = new string('x', 500_000) + " for non-commercial use only " + new string('y', 500_000);

        var clause = Assert.Single(ClauseFinder.Find(text, "LICENSE"), c => c.Kind == "non-commercial");

        Assert.True(clause.Text.Length <= ClauseFinder.MaxQuoteChars);
        Assert.Contains("non-commercial", clause.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_per_kind_and_in_all_are_bounded()
    {
        var text = string.Concat(Enumerable.Repeat("Non-commercial use only. Acceptable Use Policy applies. Share-alike.\n", 10_000));

        var clauses = ClauseFinder.Find(text, "LICENSE").ToList();

        Assert.Equal(ClauseFinder.MaxPerKindAndFile, clauses.Count(c => c.Kind == "non-commercial"));
        Assert.True(clauses.Count <= ClauseFinder.MaxClauses);
    }

    [Theory]
    [InlineData("llama3-LICENSE.txt", "llama3")]
    [InlineData("gemma-terms.md", "gemma")]
    [InlineData("openrail-LICENSE.md", "creativeml-openrail-m")]
    [InlineData("cc-by-nc-LICENSE.md", "cc-by-nc-4.0")]
    [InlineData("research-LICENSE.txt", "fair-noncommercial-research-license")]
    [InlineData("mit-LICENSE.txt", "mit")]
    [InlineData("apache-LICENSE.txt", "apache-2.0")]
    [InlineData("llama-USE_POLICY.md", null)]
    public void Licence_texts_are_identified_by_their_title_or_grant(string file, string? id)
    {
        Assert.Equal(id, LicenseTextIdentifier.Identify(Fixture(file)));
    }
}
