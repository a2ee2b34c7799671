using ModelGate.Policy;

namespace ModelGate.Tests.Policies;

public sealed class GlobTests
{
    [Theory]
    [InlineData("requirements.txt", "requirements.txt", true)]
    [InlineData("*.txt", "requirements.txt", true)]
    [InlineData("*.txt", "sub/requirements.txt", false)]
    [InlineData("**/*.txt", "requirements.txt", true)]
    [InlineData("**/*.txt", "a/b/requirements.txt", true)]
    [InlineData("models/**", "models/a/b.pt", true)]
    [InlineData("models/**", "other/a.pt", false)]
    [InlineData("models/*.pt", "models/a.pt", true)]
    [InlineData("models/*.pt", "models/x/a.pt", false)]
    [InlineData("m?del.pt", "model.pt", true)]
    [InlineData("m?del.pt", "m/del.pt", false)]
    [InlineData("model.pt!*", "model.pt!archive/data.pkl", false)]
    [InlineData("model.pt!**", "model.pt!archive/data.pkl", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Globs_match_paths(string pattern, string path, bool expected) => Assert.Equal(expected, Glob.IsMatch(pattern, path));

    [Fact]
    public void A_pathological_pattern_stays_linear_in_its_input()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        var path = new string('a', 5000);

        Assert.False(Glob.IsMatch(pattern, path));
    }
}
